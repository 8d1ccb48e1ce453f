"""`bulletin-pdf watch`: rebuild on every save, in one warm process, with a live preview page.

Three parts, each usable alone (the CLI wires them and does all the printing):

- `builder.WarmBuilder` runs the pipeline again and again in one process, and says what each
  build did (`outcome.Outcome`, its diagnostics).
- `loop.watch_loop` waits for saves of the files the last build read and rebuilds.
- `server.PreviewServer` serves a page on 127.0.0.1 (page.html) showing every page of the last
  good PDF and the diagnostics of the last build (`server.PreviewState`).
"""
