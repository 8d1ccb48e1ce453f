"""`watch_loop` waits for saves (watchfiles: inotify where there is one) of the files the last
build read — the issue, the layout, every layout beside it (a layout may extend another by
name), the font files — and rebuilds. It watches their folders, not the files, because editors
save by writing a new file and renaming it over the old one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .builder import WarmBuilder
from .outcome import Outcome


#: watchfiles hands over the changes once none came for this long (it looks every STEP_MS): a
#: save's events (write and rename) come within a millisecond of each other, and a save seen
#: half-written is built again when its rest is seen (the loop compares sizes and times). The
#: wait is part of save → new PDF on disk: 10 ms rather than 30 took it from 71 to 43 ms (median
#: of 7, beside Typst's watcher at 113 ms; bench/watch.py).
STEP_MS = 10


def watch_loop(builder: WarmBuilder, on_build: Callable[[Outcome], None], stop: threading.Event,
               on_change: Callable[[list[Path]], None] | None = None) -> None:
    """Build once, then again after every save of a watched file, until `stop` is set (or
    Ctrl-C, which goes through as KeyboardInterrupt).

    A save is never missed: besides watchfiles' events, the watched files' size and mtime are
    compared with what they were when the last build started, whenever the watcher wakes
    (at least every half second) — so a save made during a build, or before the watcher was
    set up, still sets off a build."""
    import watchfiles

    before = file_stats(builder.watched_files())
    on_build(builder.build())
    files = builder.watched_files()
    seen = {**file_stats(files), **before}
    while not stop.is_set():
        dirs = builder.watched_dirs()
        wakes = watchfiles.watch(*dirs, stop_event=stop, recursive=False, debounce=400, step=STEP_MS,
                                 watch_filter=None, rust_timeout=500, yield_on_timeout=True) if dirs else ticks(stop)
        try:
            for changes in wakes:
                now = file_stats(files)
                changed = sorted(({Path(p).resolve() for _, p in changes} & files)
                                 | {p for p in files if now[p] != seen.get(p)})
                if not changed:
                    if builder.watched_dirs() != dirs:
                        break     # a folder came or went: watch what is there now
                    continue
                if on_change is not None:
                    on_change(changed)
                on_build(builder.build())
                new_files = builder.watched_files()
                seen = {**file_stats(new_files), **now}
                if new_files != files or builder.watched_dirs() != dirs:
                    files = new_files
                    break     # the build read other files (another layout, other fonts): watch those
        except FileNotFoundError:   # a watched folder was removed while being set up
            stop.wait(0.5)


def ticks(stop: threading.Event, seconds: float = 0.5):
    """Empty wake-ups every `seconds` until `stop`: the loop's stat check alone, while no
    watched folder exists yet."""
    while not stop.wait(seconds):
        yield set()


def file_stats(files: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Size and mtime of each file (None: not there)."""
    stats: dict[Path, tuple[int, int] | None] = {}
    for path in files:
        try:
            st = path.stat()
            stats[path] = (st.st_size, st.st_mtime_ns)
        except OSError:
            stats[path] = None
    return stats
