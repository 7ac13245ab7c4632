"""`connect import mail.mbox` (and a Maildir folder): mail with people in the journal as touches.

tests/fixtures/mail/takeout.mbox is made by make_takeout.py there (what it holds is listed in
its docstring). Local time zone: Europe/Berlin.
"""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from connect_cli.cli.context import Env
from tests.cli.test_import_calendar import touches
from tests.conftest import TESTS, Rows, Run

MBOX = str(TESTS / "fixtures" / "mail" / "takeout.mbox")

MAIL_TOUCHES = [
    ("2026-10-05", "11:12", "email", "Sent: Café et croissants ☕", "Ana Ruiz, Bo Lindqvist"),
    ("2026-10-06", "10:00", "email", "Received: Re: Café et croissants - à bientôt", "Ana Ruiz"),
    ("2026-10-07", "10:30", "email", "Received: 会議の議事録", "Chen Wei"),  # 17:30 in Tokyo
    ("2026-10-13", "08:30", "email", "Sent: Привет из Берлина", "Dana Okafor"),  # no Message-ID
    ("2026-10-14", "09:00", "email", "Received: Smörgåsbord on Friday", "Bo Lindqvist"),  # raw 8-bit
]


pytestmark = pytest.mark.usefixtures("berlin")  # the local time zone (conftest.py)


@pytest.fixture
def people(ok: Run) -> None:
    for name, email in (("Ana Ruiz", "ana@example.org"), ("Bo Lindqvist", "bo@example.com"),
                        ("Chen Wei", "chen@example.net"), ("Dana Okafor", "dana@example.com")):  # fmt: skip
        ok("add", name, "--email", email)
    ok("config", "me", "Me@Example.com")


def test_mbox_logs_exactly_the_expected_touches(ok: Run, people: None, journal_rows: Rows) -> None:
    out = ok("import", MBOX).stdout
    assert touches(journal_rows) == MAIL_TOUCHES
    assert "5 touches were logged, 1 already in your journal" in out  # the same mail twice
    for reason in ("2 messages from a mailing list or bulk sender",
                   "1 message with a date that cannot be read",
                   "1 message with nobody in your journal"):  # fmt: skip
        assert f"  {reason}\n" in out


def test_the_body_never_reaches_the_journal(
    ok: Run, people: None, private_journal: Path | str, dump
) -> None:  # type: ignore[no-untyped-def]
    ok("import", MBOX)
    assert "Private body text" not in repr(dump())
    if isinstance(private_journal, Path):  # nor in a freed page of the file
        assert b"Private body text" not in private_journal.read_bytes()


def test_reimporting_mail_adds_nothing(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", MBOX)
    assert "0 touches were logged, 6 already in your journal" in ok("import", MBOX).stdout
    assert touches(journal_rows) == MAIL_TOUCHES


def test_since_and_dry_run(ok: Run, people: None, journal_rows: Rows) -> None:
    out = ok("import", MBOX, "--since", "2026-10-07", "--dry-run").stdout
    assert "3 touches would be logged" in out and "before --since" in out
    assert touches(journal_rows) == []


def test_maildir_folder_is_the_same_mail(ok: Run, people: None, journal_rows: Rows, tmp_path: Path) -> None:
    folder = mailbox.Maildir(tmp_path / "Mail", create=True)
    for message in mailbox.mbox(MBOX):
        folder.add(message)
    ok("import", str(tmp_path / "Mail"))
    assert touches(journal_rows) == MAIL_TOUCHES


def test_without_a_terminal_it_says_how_to_set_you(run: Run, ok: Run, journal_rows: Rows) -> None:
    ok("add", "Ana Ruiz", "--email", "ana@example.org")
    result = run("import", MBOX)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("set it with connect config me you@example.com, then import again.")
    assert len(result.stderr.strip().splitlines()) == 1
    assert touches(journal_rows) == []


def test_on_a_terminal_it_asks_with_the_most_frequent_sender(
    ok: Run, journal_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Dana Okafor", "--email", "dana@example.com")
    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    result = ok("import", MBOX, input="me@example.com, old@example.com\n")
    assert "[me@example.com]" in result.stderr  # the guess, offered as the default
    assert ok("config", "me").stdout.strip() == "me = me@example.com,old@example.com"
    assert [t[3] for t in touches(journal_rows)] == ["Sent: Привет из Берлина"]


def test_the_benchmarks_mailbox_small(ok: Run, tmp_path: Path) -> None:
    """tests/perf/mail_bench.py's generated mbox at 400 messages: every message read, counted
    once; the 10 KB bodies split nothing (the block-wise scan finds exactly 400 messages)."""
    import sys

    sys.path.insert(0, str(TESTS / "perf"))
    from mail_bench import ME, write_mbox, write_people

    write_mbox(tmp_path / "big.mbox", 400)
    write_people(tmp_path / "people.csv")
    ok("import", str(tmp_path / "people.csv"))
    ok("config", "me", ME)
    out = ok("import", str(tmp_path / "big.mbox")).stdout
    logged = int(out.split(" touch")[0].split()[-1].replace(",", ""))
    skipped = sum(int(line.split()[0].replace(",", "")) for line in out.splitlines()
                  if line.startswith("  ") and ("mail" in line or "journal" in line) and ":" not in line)  # fmt: skip
    assert logged + skipped == 400 and logged > 200
    assert f"0 touches were logged, {logged:,} already" in ok("import", str(tmp_path / "big.mbox")).stdout


@pytest.mark.parametrize(
    ("head", "mbox"),
    [
        (b"From me@x Mon Oct 05 09:12:00 2026\nMessage-ID: <1@x>\n", True),
        (b"From 1790@xxx Mon Oct 05 09:12:00 +0000 2026\r\nX-GM-THRID: 1\r\n", True),
        (b"From Name,From Address,Subject\nAna,ana@x,Hi\n", False),  # a CSV
        (b"From here on, notes\nmore notes\n", False),
        (b"From x", False),
    ],
)
def test_what_counts_as_an_mbox(head: bytes, mbox: bool) -> None:
    from connect_cli.formats.mail_import import looks_like_mbox

    assert looks_like_mbox(head) is mbox
