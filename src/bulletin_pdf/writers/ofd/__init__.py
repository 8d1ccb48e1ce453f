"""OFD output (GB/T 33190-2016): `write_ofd(document, fonts)` gives the bytes of an OFD file."""

from .write import write_ofd

__all__ = ["write_ofd"]
