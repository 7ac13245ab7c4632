"""Helpers for the bulk commands (import, export) that move hundreds of thousands of rows."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block (or the decorated function), back on after.

    Reference counting still frees everything: bulk work makes and drops a few objects per row
    and none of them is part of a cycle, yet the collector keeps rescanning all that is alive.
    Measured: ~2.7 s of a 100k-contact import of ~14 s (peak memory unchanged), and ~0.2-0.3 s
    of exporting 1M notes.
    """
    if not gc.isenabled():  # already paused by a caller: leave it to them
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
