"""One module per scorecard dimension; each turns a `Context` into scored parts."""
