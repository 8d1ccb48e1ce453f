"""`python -m bulletin_pdf …`: the `bulletin-pdf` command itself (entry.py's `run`), for a
checkout or an environment without the console script on PATH."""

from .entry import run

run()
