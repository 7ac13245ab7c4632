"""Reminders out: the feed (`connect config feed`, `connect feed`) and `connect today --notify`.

The feed is checked as two calendar programs would read it: icalendar (what connect itself uses)
and vobject (an independent parser; the one khal and radicale-era tools build on).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import icalendar
import pytest
import vobject

from connect_cli.cli.commands import COMMAND_MODULES
from connect_cli.core.feed import CHANGES_FEED, READS
from tests.conftest import Run


def summaries(path: Path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def vobject_summaries(path: Path) -> list[str]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return sorted(e.summary.value for e in calendar.vevent_list)


@pytest.fixture
def feed(ok: Run, tmp_path: Path) -> Path:
    ok("add", "Linda Holcman", "--birthday", "1985-04-15")
    path = tmp_path / "sync" / "connect.ics"
    path.parent.mkdir()
    assert ok("config", "feed", str(path)).stdout.strip() == f"feed = {path}"
    return path


def test_config_feed_writes_it_at_once_privately(feed: Path) -> None:
    assert summaries(feed) == ["Linda Holcman's birthday"]
    assert stat.S_IMODE(feed.stat().st_mode) == 0o600


def test_log_and_done_rewrite_the_feed(ok: Run, feed: Path) -> None:
    ok("log", "linda", "Coffee", "--follow-up", "Send the deck", "--due", "2026-11-27")
    expected = ["Linda Holcman's birthday", "Promise to Linda Holcman: Send the deck"]
    assert summaries(feed) == expected
    assert vobject_summaries(feed) == expected
    ok("done", "1")
    assert summaries(feed) == vobject_summaries(feed) == ["Linda Holcman's birthday"]


def test_important_dates_and_new_people_join_the_feed(ok: Run, feed: Path) -> None:
    ok("add", "Sam Ortiz", "--date", "work anniversary=2019-03-01")
    assert "Sam Ortiz: work anniversary" in vobject_summaries(feed)


def test_a_file_that_is_not_our_feed_is_left_alone(ok: Run, run: Run, tmp_path: Path) -> None:
    ok("add", "Linda Holcman")
    theirs = tmp_path / "theirs.ics"
    original = b"BEGIN:VCALENDAR\r\nPRODID:-//Someone else//EN\r\nEND:VCALENDAR\r\n"
    theirs.write_bytes(original)
    result = run("config", "feed", str(theirs))
    assert result.exit_code == 0  # the setting is kept; the command did what it said
    assert "is not a connect feed, so it was left alone" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert theirs.read_bytes() == original


def test_feed_on_demand(ok: Run, feed: Path) -> None:
    feed.unlink()
    assert ok("feed").stdout.strip() == f"Wrote 1 event to {feed}."
    assert summaries(feed) == ["Linda Holcman's birthday"]


def test_feed_without_a_path_says_how_to_set_one(ok: Run, run: Run) -> None:
    ok("add", "Linda Holcman")
    result = run("feed")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("connect config feed ~/Sync/connect.ics.")


def test_no_feed_set_writes_nothing(ok: Run, tmp_path: Path) -> None:
    ok("add", "Linda Holcman", "--birthday", "04-15")
    assert list(tmp_path.rglob("*.ics")) == []


def test_every_command_says_whether_it_changes_the_feed() -> None:
    assert CHANGES_FEED | READS == set(COMMAND_MODULES)
    assert not CHANGES_FEED & READS


@pytest.fixture
def notify_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in notify-send that records its arguments, first on PATH, in a desktop session."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "notified.txt"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n--\\n" "$a"; done > {record}\n')
    script.chmod(0o700)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/dev/null")
    return record


def test_today_notify_sends_the_list_with_user_text_inert(ok: Run, notify_send: Path) -> None:
    ok("add", "<b>Bo</b> & Co")
    ok("log", "bo", "Coffee", "--follow-up", "Intro to <i>Ann</i>", "--due", "2026-11-22")
    result = ok("today", "--notify")
    assert "Intro to <i>Ann</i>" in result.stdout  # the list is printed as always
    sent = notify_send.read_text()
    assert "--app-name=connect" in sent
    assert "connect · 2026-11-22: 1 thing today" in sent
    assert "Promise to &lt;b&gt;Bo&lt;/b&gt; &amp; Co: Intro to &lt;i&gt;Ann&lt;/i&gt; (due today)" in sent


def test_today_notify_without_notify_send_says_why(
    ok: Run, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Bo")
    monkeypatch.setenv("PATH", str(tmp_path))  # no notify-send here
    result = run("today", "--notify")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: notify-send is not installed")
    assert result.stderr.strip().endswith("run connect today without --notify.")
    assert "All caught up" in result.stdout  # the list itself was still printed
