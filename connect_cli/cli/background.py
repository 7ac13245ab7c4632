"""Overlap a read command's SQL with the imports of its renderer.

SQLite releases the GIL while it steps through a query, so a query started in a thread runs
on the other core while the main thread imports Rich and the render module (together ~100 ms of
start-up that the query would otherwise wait behind). The thread opens its own connection, as
sqlite3 requires; everything it reads is still one snapshot. Errors it raises (a tag no one has,
an unknown person) are raised again, unchanged, by `result()` in the main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """`work()` running in a daemon thread (a Ctrl-C in the main thread is not held up by it)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="connect-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to the main thread, which decides what it means
            self._error = error

    def result(self) -> T:
        """What `work()` returned, once it has; or what it raised, raised here."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
