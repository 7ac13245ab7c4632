"""Reading an import file while the journal writes what was read before: one helper thread.

An import is two kinds of work of about the same size at 100k contacts: mapping the file's rows
to people (Python, ~3.5 s of CPU) and writing them with their search index (mostly inside SQLite,
which runs without Python's GIL). Done one after the other they add up; with the reading on a
thread of its own, the file is read during SQLite's share, on the machine's second core.

The thread only reads (it never touches the journal) and is always ended before the command
returns: when the file is read, when reading fails (the error is raised in the caller, in file
order, as if read there), and when the caller stops early (an error, Ctrl-C).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

T = TypeVar("T")
DEPTH = 8  # chunks read ahead at most: more than a flush of the writer (5,000), and lean
_WAIT = 0.1  # seconds between looks at whether the reader should stop


def read_ahead(items: Iterator[T], size: int, depth: int = DEPTH) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter), read by a helper thread up to
    `depth` lists ahead. An exception raised by `items` is raised here, after every list read
    before it."""
    queue: Queue[tuple[str, object]] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(message: tuple[str, object]) -> bool:
        while not stop.is_set():
            try:
                queue.put(message, timeout=_WAIT)
                return True
            except Full:
                continue
        return False

    def read() -> None:
        try:
            chunk: list[T] = []
            for item in items:
                chunk.append(item)
                if len(chunk) >= size:
                    if not put(("chunk", chunk)):
                        return
                    chunk = []
            if chunk and not put(("chunk", chunk)):
                return
            put(("end", None))
        except BaseException as error:
            put(("error", error))

    reader = threading.Thread(target=read, name="connect-import-reader", daemon=True)
    reader.start()
    try:
        while True:
            kind, value = _next(queue, reader)
            if kind == "end":
                return
            if kind == "error":
                assert isinstance(value, BaseException)
                raise value
            yield value  # type: ignore[misc]
    finally:
        stop.set()
        reader.join()


def _next(queue: Queue[tuple[str, object]], reader: threading.Thread) -> tuple[str, object]:
    """The next message; waits in short steps so that Ctrl-C and signals are handled at once."""
    while True:
        try:
            return queue.get(timeout=_WAIT)
        except Empty:
            if not reader.is_alive() and queue.empty():  # it always says how it ended first
                return "error", RuntimeError("the import's reader stopped without a word")
