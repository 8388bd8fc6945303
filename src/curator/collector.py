"""The process's garbage-collector policy, set by Curator's entry points alone.

Python's cyclic collector is process-wide, so no component (an exporter, an importer,
a window) switches it: the command line, the desk and the benchmarks, which own their
process, decide here.

- Long work (an import, an export) makes hundreds of thousands of records and no
  cyclic garbage worth the collector's passes: a full pass over them costs up to a
  third of a re-export. The command line runs each verb inside `paused()`; the desk's
  task runner runs each long task inside it.
- The desk freezes what exists once it has started (`freeze_startup()`): modules,
  mappers and the window's widgets live as long as the process, and the collector then
  no longer walks them while the user scrolls or types.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = {"running": 0, "resume": False}  # long tasks now; collect again after the last


@contextmanager
def paused(*, resume: bool = True) -> Iterator[None]:
    """The cyclic collector rests while the work inside runs (re-entrant, thread-safe:
    two tasks at once pause it once, and it resumes when both have ended).

    `resume=False` is for work the process ends with (a command typed in a terminal):
    the first pass after resuming would walk every object the work made (0.1 s after a
    search of 100,000 films) just before the process frees them all anyway."""
    with _lock:
        if _pauses["running"] == 0:
            _pauses["resume"] = gc.isenabled()
            gc.disable()
        _pauses["running"] += 1
    try:
        yield
    finally:
        with _lock:
            _pauses["running"] -= 1
            if _pauses["running"] == 0 and _pauses["resume"] and resume:
                gc.enable()


def freeze_startup() -> None:
    """Move everything alive now out of the collector's sight for good (no collection is
    forced first: one could free wrappers of widgets Qt still holds)."""
    gc.freeze()
