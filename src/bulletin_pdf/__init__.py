"""bulletin-pdf: typesets Chinese government bulletins (简报) from YAML into print-ready PDF.

The pipeline, one package per stage (docs/architecture.md, "The pipeline"):
input → fonts → text → compose → writers, with `editor/` and `preflight/` around it and `cli` on top.

The methods of every dataclass and the regular expressions are compiled once and kept between
processes (`code_cache`): installed here, before any module of the package defines or compiles one.
"""

from . import code_cache

code_cache.install()

__version__ = "0.1.0"
