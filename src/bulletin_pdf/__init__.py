"""bulletin-pdf: typesets Chinese government bulletins (简报) from YAML into print-ready PDF.

The pipeline, one module per stage:
load → model → fonts → text → compose → render → cli.
"""

__version__ = "0.1.0"
