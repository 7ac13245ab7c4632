"""Run `connect` on a real pseudo-terminal, as a person does: answer prompts, press Ctrl-C.

CliRunner cannot show what a terminal user meets (prompts, $EDITOR, Ctrl-C through the line
discipline), so these tests start `python -m connect_cli` with a pty as its controlling terminal
(stdin and stdout); stderr is a pipe, kept apart so a test can check where each sentence went.
"""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

TIMEOUT = 20.0  # seconds; the machine is shared and slow, a prompt may take a while to appear


def _controlling_terminal() -> None:
    # In the child: a new session whose controlling terminal is the pty (fd 0), so that Ctrl-C
    # typed on it reaches the process as SIGINT, as in a real shell.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtySession:
    """One `connect` process on a pty; `expect` text, `send` keys, then `finish`."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        full_env = {**os.environ, "COLUMNS": "120", "TERM": "dumb", **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "connect_cli", *args],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=full_env,
            preexec_fn=_controlling_terminal,
            cwd=Path(__file__).parents[2],
        )
        os.close(slave)
        self.master = master
        self.screen = ""

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # the child closed the terminal
            return False
        if not chunk:
            return False
        self.screen += chunk.decode("utf-8", "replace")
        return True

    def expect(self, text: str) -> None:
        """Wait until `text` has been shown on the terminal (fails with what was shown)."""
        deadline = time.monotonic() + TIMEOUT
        while text not in self.screen:
            if time.monotonic() > deadline or (
                not self._read(0.2) and self.process.poll() is not None
            ):
                raise AssertionError(
                    f"{text!r} never appeared; the terminal showed {self.screen!r}"
                )

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def interrupt(self) -> None:
        """Press Ctrl-C at the prompt just shown, as a person does: not within microseconds of
        it appearing. A SIGINT that lands after Python last checked for signals but before
        input() blocks in read() is only acted on after the next line (a CPython race, seen
        here about once in 20 runs), so wait for the child to be asleep in that read first."""
        deadline = time.monotonic() + TIMEOUT
        while _state(self.process.pid) not in ("S", "") and time.monotonic() < deadline:
            time.sleep(0.01)
        self.send("\x03")

    def answer(self, prompt: str, line: str) -> None:
        self.expect(prompt)
        self.send(line + "\r")

    def finish(self) -> tuple[int, str, str]:
        """Wait for the process to end: its exit code, what the terminal showed, and stderr."""
        _, err = self.process.communicate(timeout=TIMEOUT)
        while self._read(0.05):
            pass
        os.close(self.master)
        return self.process.returncode, self.screen, err.decode("utf-8", "replace")


def _state(pid: int) -> str:
    """A process's scheduler state from /proc (R running, S asleep…); "" when unknown."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def fake_editor(folder: Path, text: str | None) -> str:
    """An $EDITOR that writes `text` into the file it is given (None: saves it unchanged).

    It also leaves what it was shown beside itself (`shown.txt`), so a test can check the file
    the user meets.
    """
    script = folder / "fake-editor.py"
    body = f"import shutil, sys\nshutil.copyfile(sys.argv[1], {str(folder / 'shown.txt')!r})\n"
    if text is not None:
        body += f"open(sys.argv[1], 'w', encoding='utf-8').write({text!r})\n"
    script.write_text(body)
    return f"{sys.executable} {script}"
