"""`connect import calendar.ics`: meetings with people in the journal logged as touches.

The fixtures (tests/fixtures/calendar) are our own, modelled on real exports: Google Calendar
(weekly 1:1 with a moved and a cancelled occurrence, a declined meeting, a future one, an all-day
event, attendees in two time zones), Outlook (Windows zone names, Teams, EXDATE) and Apple
(X-WR-TIMEZONE, structured location, FaceTime). Local time zone: Europe/Berlin.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import TESTS, Rows, Run

CALENDARS = TESTS / "fixtures" / "calendar"
GOOGLE = str(CALENDARS / "google.ics")

GOOGLE_TOUCHES = [
    ("2026-10-05", "10:00", "video", "Ana / me 1:1", "Ana Ruiz"),
    ("2026-10-12", "10:00", "video", "Ana / me 1:1", "Ana Ruiz"),
    ("2026-10-16", "01:00", "meeting", "Late call", "Dana Okafor"),  # 23:00 UTC the day before
    ("2026-10-20", "14:00", "video", "Ana / me 1:1 (moved)", "Ana Ruiz"),
    ("2026-10-26", "10:00", "video", "Ana / me 1:1", "Ana Ruiz"),
    ("2026-11-09", "10:00", "video", "Ana / me 1:1", "Ana Ruiz"),
    # 17:00 in Los Angeles on the 10th is 02:00 in Berlin on the 11th
    ("2026-11-11", "02:00", "meeting", "Coffee with Dana — Blue Bottle, Market St",
     "Ana Ruiz, Dana Okafor"),
    ("2026-11-12", None, "meeting", "Team offsite — Tempelhof", "Chen Wei"),  # all day
    ("2026-11-16", "10:00", "video", "Ana / me 1:1", "Ana Ruiz"),
]  # fmt: skip


pytestmark = pytest.mark.usefixtures("berlin")  # the local time zone (conftest.py)


@pytest.fixture
def people(ok: Run) -> None:
    for name, email in (("Ana Ruiz", "ana@example.org"), ("Bo Lindqvist", "bo@example.com"),
                        ("Chen Wei", "Chen@Example.net"), ("Dana Okafor", "dana@example.com")):  # fmt: skip
        ok("add", name, "--email", email)


def touches(rows: Rows) -> list[tuple[object, ...]]:
    """Every interaction as (day, HH:MM or None, kind, text, its people's names joined by ", "),
    in order of day, time and text (an all-day touch first)."""
    found: dict[object, tuple[tuple[object, ...], list[str]]] = {}
    for id_, *touch, name in rows(
        "SELECT i.id, CAST(i.happened_on AS TEXT), substr(CAST(i.happened_time AS TEXT), 1, 5), "
        "i.kind, i.text, c.name FROM interaction i "
        "LEFT JOIN participant p ON p.interaction_id = i.id "
        "LEFT JOIN contact c ON c.id = p.contact_id"
    ):
        names = found.setdefault(id_, (tuple(touch), []))[1]
        if name is not None:
            names.append(name)
    listed = [(*touch, ", ".join(sorted(names)) or None) for touch, names in found.values()]
    return sorted(listed, key=lambda t: (t[0], t[1] or "", t[3]))


def test_google_export_logs_exactly_the_expected_touches(ok: Run, people: None, journal_rows: Rows) -> None:
    result = ok("import", GOOGLE)
    assert touches(journal_rows) == GOOGLE_TOUCHES
    out = result.stdout
    assert "9 touches were logged" in out
    assert "Ana Ruiz: 7" in out and "Dana Okafor: 2" in out and "Chen Wei: 1" in out
    for reason in ("1 event cancelled", "1 event declined by you", "1 event in the future",
                   "1 event with nobody else in it"):  # fmt: skip
        assert f"  {reason}\n" in out
    assert "Xu Li <xu@unknown.example>: 2 events" in out
    assert "Yara Sol <yara@unknown.example>: 1 event" in out
    assert result.stderr == ""


def test_reimporting_adds_nothing(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", GOOGLE)
    again = ok("import", GOOGLE).stdout
    assert "0 touches were logged, 9 already in your journal" in again
    assert touches(journal_rows) == GOOGLE_TOUCHES


def test_dry_run_counts_and_writes_nothing(ok: Run, people: None, journal_rows: Rows) -> None:
    out = ok("import", GOOGLE, "--dry-run").stdout
    assert "Dry run" in out and "9 touches would be logged" in out
    assert touches(journal_rows) == []


def test_descriptions_only_when_asked(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", GOOGLE)
    assert not any("Agenda" in str(row[3]) for row in touches(journal_rows))


def test_with_descriptions_keeps_them(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", GOOGLE, "--with-descriptions")
    texts = [row[3] for row in touches(journal_rows)]
    assert "Coffee with Dana — Blue Bottle, Market St\n\nAgenda: the Series A" in texts


def test_since_leaves_out_older_events(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", GOOGLE, "--since", "2026-11-01")
    assert touches(journal_rows) == [t for t in GOOGLE_TOUCHES if t[0] >= "2026-11-01"]


def test_add_unknown_adds_the_attendees_and_their_touches(ok: Run, people: None, journal_rows: Rows) -> None:
    out = ok("import", GOOGLE, "--add-unknown").stdout
    assert "2 people were added: Xu Li, Yara Sol" in out
    found = touches(journal_rows)
    assert ("2026-10-16", "01:00", "meeting", "Late call", "Dana Okafor, Xu Li, Yara Sol") in found
    assert ok("show", "xu li", "--json").json()["emails"] == [  # type: ignore[index]
        {"value": "xu@unknown.example", "label": None}
    ]


def test_outlook_export(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("import", str(CALENDARS / "outlook.ics"))
    assert touches(journal_rows) == [
        ("2026-10-14", "11:00", "video", "Pipeline sync — Microsoft Teams Meeting", "Bo Lindqvist"),
        ("2026-10-21", "12:00", "meeting", "Lunch — Canteen, 2nd floor", "Chen Wei"),
        # the 28th is an EXDATE; the 4th is after the change to winter time
        ("2026-11-04", "12:00", "meeting", "Lunch — Canteen, 2nd floor", "Chen Wei"),
    ]
    assert "0 touches were logged, 3 already" in ok("import", str(CALENDARS / "outlook.ics")).stdout


def test_apple_export(ok: Run, people: None, journal_rows: Rows) -> None:
    ok("config", "me", "me@icloud.com")
    out = ok("import", str(CALENDARS / "apple.ics")).stdout
    assert "Not in your journal" not in out  # you are not a stranger
    assert touches(journal_rows) == [
        ("2026-11-06", "15:00", "meeting",
         "Catch-up with Chen — Joe Coffee 131 W 21st St, New York NY 10011, United States",
         "Chen Wei"),
        ("2026-11-13", "22:30", "video", "FaceTime with Dana", "Dana Okafor"),
    ]  # fmt: skip


def test_a_broken_calendar_is_one_sentence(run: Run, people: None, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:notadate\n")
    result = run("import", str(broken))
    assert result.exit_code == 1
    assert "broken.ics" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_sources_travel_in_the_json_export(ok: Run, people: None, tmp_path: Path) -> None:
    """A journal restored from its JSON export still knows which events it holds."""
    ok("import", GOOGLE)
    exported = tmp_path / "journal.json"
    ok("export", "--format", "json", "-o", str(exported))
    restored = tmp_path / "restored.db"
    ok("--db", str(restored), "import", str(exported))
    assert touches(lambda sql: sqlite3.connect(restored).execute(sql).fetchall()) == GOOGLE_TOUCHES
    again = ok("--db", str(restored), "import", GOOGLE).stdout
    assert "0 touches were logged, 9 already in your journal" in again


# --- who "you" are, when neither `connect config me` nor the file says --------------------------


@pytest.fixture
def ownerless(tmp_path: Path) -> str:
    """The Google export without X-WR-CALNAME: nothing in the file says whose calendar it is."""
    path = tmp_path / "ownerless.ics"
    lines = (CALENDARS / "google.ics").read_text().splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("X-WR-CALNAME")))
    return str(path)


def test_without_a_terminal_it_says_how_to_set_you(
    run: Run, people: None, ownerless: str, journal_rows: Rows
) -> None:
    result = run("import", ownerless, "--yes")
    assert result.exit_code == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "events you declined" in message and "me@example.com" in message  # the guess
    assert message.endswith("set it with connect config me you@example.com, then import again.")
    assert touches(journal_rows) == []


def test_on_a_terminal_it_asks_with_the_address_on_most_events(
    ok: Run, people: None, ownerless: str, journal_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    result = ok("import", ownerless, "--yes", input="\n")  # the guess, taken as offered
    assert "[me@example.com]" in result.stderr
    assert ok("config", "me").stdout.strip() == "me = me@example.com"
    assert touches(journal_rows) == GOOGLE_TOUCHES  # the declined meeting is not a touch
    assert "1 event declined by you" in result.stdout and "<me@example.com>" not in result.stdout


def test_a_calendar_that_names_its_owner_asks_nothing(
    ok: Run, people: None, journal_rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    result = ok("import", GOOGLE, "--yes", input="")
    assert "Your email" not in result.stderr and touches(journal_rows) == GOOGLE_TOUCHES


# --- connect's own reminders --------------------------------------------------------------------


@pytest.fixture
def reminders(ok: Run, tmp_path: Path) -> Path:
    """connect's own ICS export: two yearly birthdays (decades of occurrences) and a promise."""
    ok("add", "Eve Park", "--email", "eve@example.com", "--birthday", "1990-03-04")
    ok("add", "Finn Berg", "--birthday", "1975-07-08")
    ok("log", "eve", "coffee", "--on", "2026-10-01", "--follow-up", "photos", "--due", "2026-12-01")
    path = tmp_path / "reminders.ics"
    ok("export", "--format", "ics", "-o", str(path))
    return path


@pytest.mark.parametrize("source", ["export", "feed"])
def test_our_own_export_is_refused_in_one_sentence(
    ok: Run, run: Run, reminders: Path, journal_rows: Rows, tmp_path: Path, source: str
) -> None:
    if source == "feed":
        reminders = tmp_path / "feed.ics"
        ok("config", "feed", str(reminders))
        ok("feed")
    before = touches(journal_rows)
    result = run("import", str(reminders), "--yes")
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{reminders.name} is connect's own calendar" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert touches(journal_rows) == before


def test_our_events_in_another_calendar_are_skipped_once_each(
    ok: Run, reminders: Path, tmp_path: Path, journal_rows: Rows
) -> None:
    """A calendar app subscribed to the feed, exported again: its PRODID is the app's."""
    other = tmp_path / "subscribed.ics"
    other.write_text(
        reminders.read_text().replace(
            "-//connect//contact journal//EN", "-//Google Inc//Google Calendar 70.9054//EN"
        )
    )
    before = touches(journal_rows)
    out = ok("import", str(other), "--yes").stdout
    assert "3 events from connect's own reminders" in out  # not one per yearly birthday since 1975
    assert "future" not in out and touches(journal_rows) == before
