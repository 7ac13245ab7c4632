"""stdout as a command may rely on it: any encoding prints, and a failure says what it follows.

- `PYTHONIOENCODING=ascii` (or latin-1, or a C locale): what the encoding cannot show is printed
  as a replacement character ('?') instead of failing the command after it committed.
- stdout on a full disk (/dev/full), closed (`>&-`) or otherwise failing: the write raises
  `OutputFailed`, which root.py turns into one sentence that tells whether the change was saved.
- a reader that went away (`connect export | head -1`) raises BrokenPipeError as before: the
  command ends quietly with status 141, as `cat` does (README, "Errors").
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class OutputFailed(Exception):
    """Writing to stdout failed for a reason other than a closed pipe; carries the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _ClosedStdout:
    """What stdout is when the shell closed it: every write fails, as writing to fd 1 would."""

    encoding = "utf-8"
    errors = "replace"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


class GuardedStdout:
    """A stdout whose write and flush failures become OutputFailed (a closed pipe stays itself)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._failed = False

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        if not self._failed:  # the text is lost already; flushing it again fails again
            self._guard(self._stream.flush)

    def _guard(self, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:  # ValueError: "I/O operation on closed file"
            self._failed = True
            raise OutputFailed(getattr(error, "strerror", None) or str(error)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run a command with stdout guarded; what it printed is flushed before leaving."""
    original = sys.stdout
    for stream in (original, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    sys.stdout = GuardedStdout(original if original is not None else _ClosedStdout())
    try:
        yield
        sys.stdout.flush()  # a full disk shows here, while we still know what it follows
    finally:
        sys.stdout = original
