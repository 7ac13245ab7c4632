"""TERM and HUP end a command the way Ctrl-C does: by unwinding, not by vanishing.

Python's default for SIGTERM and SIGHUP (a `kill`, a closed terminal) is to die on the spot:
no `finally` runs, so an export's hidden `.NAME.RAND.part`, the profile `connect edit` opened in
$EDITOR (in the temporary folder), a restore's `-restoring` copy or an upgrade's draft copy
stayed behind, private data and all. Raising SystemExit instead unwinds every `with` and
`finally`: the open transaction rolls back and each temporary file is removed. The status is the
shell's for a death by that signal (128 + its number). SIGKILL cannot be caught: what it leaves
is swept by the next command that uses the same place.
"""

from __future__ import annotations

import signal
from types import FrameType

CAUGHT = ("SIGTERM", "SIGHUP")  # SIGINT already raises KeyboardInterrupt


def end_cleanly_on_signals() -> None:
    for name in CAUGHT:
        number = getattr(signal, name, None)  # SIGHUP does not exist on Windows
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _unwind)


def _unwind(number: int, _frame: FrameType | None) -> None:
    for name in CAUGHT:  # a second signal while unwinding must not interrupt the cleanup
        if (again := getattr(signal, name, None)) is not None:
            signal.signal(again, signal.SIG_IGN)
    raise SystemExit(128 + number)
