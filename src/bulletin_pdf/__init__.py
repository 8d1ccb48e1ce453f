"""bulletin-pdf: typesets Chinese government bulletins (简报) from YAML into print-ready PDF.

The pipeline, one package per stage (docs/architecture.md, "The pipeline"):
input → fonts → text → compose → writers, with `editor/` and `preflight/` around it and `cli` on top.
"""

__version__ = "0.1.0"
