"""A command ended by TERM or HUP (a `kill`, a closed terminal) leaves no private file behind.

Real processes, real signals: `connect edit` is hung up while $EDITOR holds the profile, and
`connect export -o` is terminated while it writes its hidden `.NAME.RAND.part` (issue 12, item 4).
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Run

CONNECT = [sys.executable, "-m", "connect_cli"]


def _wait_for(found, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not found():
        assert time.monotonic() < deadline, "the command never got there"
        time.sleep(0.005)


def test_hanging_up_during_edit_removes_the_profile_file(ok: Run, tmp_path: Path) -> None:
    ok("add", "Linda Holcman", "--fact", "Kids: Sam")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.py"  # notes the file it was given, then waits to be hung up on
    editor.write_text(
        "import pathlib, sys, time\n"
        "pathlib.Path(sys.argv[1]).write_text(sys.argv[2])\n"
        "time.sleep(120)\n"
    )
    env = {**os.environ, "EDITOR": f"{sys.executable} {editor} {opened}", "TMPDIR": str(temporary)}
    main, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [*CONNECT, "edit", "linda"], stdin=terminal, stdout=terminal, stderr=subprocess.PIPE,
            env=env,
        )  # fmt: skip
        _wait_for(opened.exists)
        profile = Path(opened.read_text())
        assert profile.exists() and "Kids: Sam" in profile.read_text()
        process.send_signal(signal.SIGHUP)
        _, err = process.communicate(timeout=60)
    finally:
        os.close(main)
        os.close(terminal)
    assert process.returncode == 128 + signal.SIGHUP, err
    assert b"Traceback" not in err
    assert not profile.exists() and list(temporary.iterdir()) == []
    assert "Kids: Sam" in ok("show", "linda").stdout  # and nothing was changed


def test_terminating_an_export_removes_its_part_file(ok: Run, tmp_path: Path) -> None:
    ok("demo", "--contacts", "300", "--interactions", "6000")
    folder = tmp_path / "out"
    folder.mkdir()
    interrupted = 0
    for trial in range(3):  # the signal must land while the part file is being written
        target = folder / f"notes-{trial}.json"
        process = subprocess.Popen(
            [*CONNECT, "export", "-o", str(target)], stderr=subprocess.PIPE, stdout=subprocess.PIPE
        )
        _wait_for(lambda p=process: p.poll() is not None or any(folder.glob(".*.part")))
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err
        if process.returncode == 128 + signal.SIGTERM:
            interrupted += 1
            assert not target.exists()
        assert list(folder.glob(".*")) == []
    assert interrupted
