"""bulletin-pdf: typesets Chinese government bulletins (简报) from YAML into print-ready PDF.

The pipeline, one package per stage (docs/architecture.md, "The pipeline"):
input → fonts → text → compose → writers, with `editor/` and `preflight/` around it and `cli` on top.

Every dataclass of the package is made with its methods' compiled code kept between processes
(`dataclass_cache`): installed here, before any module of the package defines one.
"""

from . import dataclass_cache

dataclass_cache.install()

__version__ = "0.1.0"
