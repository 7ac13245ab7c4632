"""The peers we compare against, khard and jrnl, in a throwaway venv with a tiny address book.

The venv (/tmp/connect-bench-peers) is cached across runs; if it cannot be built (no network,
no index), the peers are reported as unavailable and the benchmark falls back to the reference
figures of shared/BUDGETS.md, saying so in the table.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PEER_VENV = Path("/tmp/connect-bench-peers")
# Measured before the first line of code (shared/BUDGETS.md), used only when peers are missing.
REFERENCE_MS = {"khard --version": 142.0, "khard list": 153.0}

_JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


@dataclass(frozen=True)
class Peers:
    khard: Path
    jrnl: Path | None
    env: dict[str, str]  # HOME and XDG_CONFIG_HOME pointing at the tiny address book and journal


def install_peers(log: Path) -> str | None:
    """Make sure khard and jrnl are installed; None when ready, else why not."""
    if (PEER_VENV / "bin" / "khard").exists() and (PEER_VENV / "bin" / "jrnl").exists():
        return None
    try:
        with open(log, "w") as out:
            subprocess.run(
                [sys.executable, "-m", "venv", str(PEER_VENV)], check=True, stdout=out, stderr=out
            )
            subprocess.run(
                [str(PEER_VENV / "bin" / "pip"), "install", "-q", "khard", "jrnl"],
                check=True, stdout=out, stderr=out, timeout=300,
            )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as error:
        return f"could not install khard/jrnl ({type(error).__name__}; see {log})"
    return None


def prepare_peers(workdir: Path, base_env: dict[str, str]) -> Peers:
    """Five vCards for khard and a two-entry journal for jrnl, under a temporary HOME."""
    home, config, cards = workdir / "home", workdir / "config", workdir / "cards"
    for folder in (home, config / "khard", config / "jrnl", cards):
        folder.mkdir(parents=True, exist_ok=True)
    for k in range(1, 6):
        (cards / f"p{k}.vcf").write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-{k}\r\nFN:Person {k}\r\nN:{k};Person;;;\r\n"
            f"EMAIL:p{k}@example.com\r\nTEL:+1 555 010{k}\r\nEND:VCARD\r\n"
        )
    (config / "khard" / "khard.conf").write_text(
        f"[addressbooks]\n[[contacts]]\npath = {cards}\n[general]\ndefault_action = list\n"
    )
    journal = workdir / "journal.txt"
    journal.write_text(
        "[2026-11-01 09:00:00 AM] Coffee with Person 1.\nTalked about sailing.\n\n"
        "[2026-11-02 09:00:00 AM] Call with Person 2.\n"
    )
    (config / "jrnl" / "jrnl.yaml").write_text(_JRNL_CONFIG.format(journal=journal))
    env = {**base_env, "HOME": str(home), "XDG_CONFIG_HOME": str(config)}
    jrnl = PEER_VENV / "bin" / "jrnl"
    # jrnl rewrites its config on first use and says so: do that once, outside the timings.
    subprocess.run([str(jrnl), "-n", "1"], env=env, capture_output=True, stdin=subprocess.DEVNULL)
    return Peers(khard=PEER_VENV / "bin" / "khard", jrnl=jrnl if jrnl.exists() else None, env=env)
