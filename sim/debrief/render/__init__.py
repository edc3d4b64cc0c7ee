"""The debrief as documents: the report of one save and the seminar report, built as a
small document model and drawn as Markdown (text charts) or HTML (SVG charts)."""
