"""Write a report Document to a file or a stream, in the format its name asks for."""

from __future__ import annotations

from pathlib import Path

from sim.debrief.render.doc import Document
from sim.debrief.render.html import render_html
from sim.debrief.render.markdown import render_markdown


def render(doc: Document, path: Path | None) -> str:
    """HTML (with SVG charts) for a .html or .htm file, Markdown otherwise."""
    if path is not None and path.suffix.lower() in (".html", ".htm"):
        return render_html(doc)
    return render_markdown(doc)
