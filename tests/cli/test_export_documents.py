"""vCard, iCalendar and Markdown exports: they parse back and carry what they promise."""

from __future__ import annotations

import re

import pytest

from connect_cli.formats.vcard_export import unescape_fact
from tests.conftest import Run
from tests.export_journal import fill


@pytest.fixture
def journal(ok: Run) -> None:
    fill(ok)


def cards(text: str) -> dict[str, object]:
    import vobject

    return {card.fn.value: card for card in vobject.readComponents(text)}


def values(card: object, name: str) -> list[object]:
    return [prop.value for prop in card.contents.get(name, [])]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("version", "bday"), [("3.0", "1985-04-15"), ("4.0", "19850415")])
def test_vcard_parses_back_with_every_field(
    ok: Run, journal: None, version: str, bday: str
) -> None:
    args = ["export", "--format", "vcard"] + (
        ["--vcard-version", version] if version == "4.0" else []
    )
    people = cards(ok(*args).stdout)
    assert set(people) == {"Linda Holcman", "Bob Stone", "Carol Ng"}
    linda = people["Linda Holcman"]
    assert values(linda, "version") == [version]
    assert values(linda, "bday") == [bday]
    assert values(linda, "nickname") == ["Lin"]
    assert values(linda, "org") == [["Acme"]] and values(linda, "title") == ["VP Sales"]
    emails = [(p.value, p.params.get("TYPE")) for p in linda.contents["email"]]  # type: ignore[attr-defined]
    assert emails == [("linda@acme.com", ["work"]), ("linda@home.example", None)]
    assert [(p.value, p.params["TYPE"]) for p in linda.contents["tel"]] == [  # type: ignore[attr-defined]
        ("+1 415 555 0100", ["mobile"])
    ]
    assert values(linda, "url") == ["https://linkedin.com/in/linda?a=1"]
    assert values(linda, "categories") == [["client", "fintech"]]
    note = values(linda, "note")[0].splitlines()  # type: ignore[attr-defined]
    assert "Likes: espresso" in note and "Family: Sam (son, 7)" in note
    assert 'Facts: =HYPERLINK("x")' in note and "Needs: hiring a VP Sales" in note
    assert values(linda, "x-connect-met-at") == ["SaaStr 2026"]
    assert values(linda, "x-connect-met-on") == ["2026-11-01"]
    assert values(linda, "x-connect-every-days") == ["14"]
    assert values(linda, "x-connect-location") == ["Boston"]
    assert values(linda, "x-connect-date") == ["--03-01 work anniversary"]
    assert values(people["Bob Stone"], "x-connect-introduced-by") == ["Linda Holcman"]
    carol = people["Carol Ng"]
    assert values(carol, "bday") == (["--02-29"] if version == "3.0" else ["--0229"])
    assert values(carol, "x-connect-archived") == ["true"]


def test_vcard_note_keeps_multi_line_facts_on_one_line(ok: Run) -> None:
    ok("add", "Dan", "--fact", "two\nlines \\ and a backslash")
    note = values(cards(ok("export", "--format", "vcard").stdout)["Dan"], "note")[0]
    assert note == "Facts: two\\nlines \\\\ and a backslash"
    assert unescape_fact(note.removeprefix("Facts: ")) == "two\nlines \\ and a backslash"  # type: ignore[attr-defined]


def test_vcard_tag_filter(ok: Run, journal: None) -> None:
    assert set(cards(ok("export", "--format", "vcard", "--tag", "investor").stdout)) == {
        "Bob Stone"
    }


def test_ics_parses_back_with_yearly_dates_and_promises(ok: Run, journal: None) -> None:
    from icalendar import Calendar

    ok("add", "Erin", "--birthday", "2000-02-29", "--date", "leap day=02-29")
    calendar = Calendar.from_ical(ok("export", "--format", "ics").stdout)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    birthday = events["connect-birthday-1@connect"]
    assert str(birthday["summary"]) == "Linda Holcman's birthday"
    assert birthday.decoded("dtstart").isoformat() == "1985-04-15"
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    anniversary = next(e for e in events.values() if "work anniversary" in str(e["summary"]))
    assert anniversary.decoded("dtstart").isoformat() == "2000-03-01"
    erin = events["connect-birthday-4@connect"]
    assert erin["rrule"]["BYMONTH"] == [2] and erin["rrule"]["BYMONTHDAY"] == [-1]
    assert erin.decoded("dtstart").isoformat() == "2000-02-29"
    promise = events["connect-followup-1@connect"]
    assert str(promise["summary"]) == "Promise to Linda Holcman: Send the deck"
    assert promise.decoded("dtstart").isoformat() == "2026-11-27"
    # Carol is archived: no reminders for her; a promise without a due date is no event
    assert "connect-birthday-3@connect" not in events
    assert not any("Intro Linda" in str(e["summary"]) for e in events.values())


def test_ics_says_on_stderr_how_many_undated_promises_it_left_out(ok: Run, journal: None) -> None:
    result = ok("export", "--format", "ics")
    assert result.stderr.strip() == (
        "1 open promise has no due date, so the calendar leaves it out (an event needs a day); "
        "`connect followups` lists them."
    )
    assert "BEGIN:VCALENDAR" in result.stdout and "no due date" not in result.stdout
    ok("log", "Linda", "Lunch", "--follow-up", "Call back")  # a second undated one
    ok("log", "Linda", "Tea", "--follow-up", "Book", "--due", "2026-12-01")  # dated: an event
    assert "2 open promises have no due date" in ok("export", "--format", "ics").stderr
    assert ok("export", "--format", "ics", "--tag", "investor").stderr == ""  # Bob has none


def test_ics_uids_are_stable(ok: Run, journal: None) -> None:
    from icalendar import Calendar

    def uids() -> list[str]:
        text = ok("export", "--format", "ics").stdout
        return sorted(str(e["uid"]) for e in Calendar.from_ical(text).walk("VEVENT"))

    assert uids() == uids()


def test_markdown_has_every_person_with_facts_and_timeline(ok: Run, journal: None) -> None:
    out = ok("export", "--format", "markdown").stdout
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## Bob Stone", "## Carol Ng", "## Linda Holcman"]
    assert "- **Likes:** espresso" in out and "- **Family:** Sam (son, 7)" in out
    assert '- 2026-11-10 19:30 · meal · with Bob Stone — Dinner, "Chez Marcel"\n  \\=SUM(A1)' in out


def test_markdown_shows_promises_with_due_day_and_kept_state(run: Run, ok: Run) -> None:
    ok("add", "Ann Lee", "--follow-up", "Call back", "--due", "2026-12-01")
    ok("log", "ann", "Lunch", "--follow-up", "- book *the* table")
    ok("log", "ann", "Coffee", "--follow-up", "Send the deck", "--due", "2026-11-21")
    ok("done", "3")
    result = run("export", "--format", "markdown")
    assert result.exit_code == 0
    promises = result.stdout.split("### Promises\n\n")[1].splitlines()
    assert promises[:2] == [
        "- open · due 2026-12-01 — Call back",
        "- open — - book \\*the\\* table",
    ]
    assert re.fullmatch(r"- kept \d{4}-\d\d-\d\d · due 2026-11-21 — Send the deck", promises[2])
    assert result.stderr.strip() == (
        "Markdown is a document to read: `connect import` does not read it back "
        "(use --format json for a copy that does)."
    )


def test_markdown_user_text_cannot_make_structure(ok: Run) -> None:
    ok("add", "# Mallory [x](http://e)", "--like", "## not a heading", "--note",
       "first\n# heading?\n- item?\n\n1. list?\n> quote\n\x1b[2J")  # fmt: skip
    out = ok("export", "--format", "markdown").stdout
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Contact journal",
        "## \\# Mallory \\[x\\](http://e)",
        "### About",
        "### Timeline",
    ]
    assert "- **Likes:** \\#\\# not a heading" in lines
    assert "  \\# heading?" in lines and "  \\- item?" in lines and "  1\\. list?" in lines
    assert "  \\> quote" in lines and "\x1b" not in out


def test_markdown_since_and_tag(ok: Run, journal: None) -> None:
    out = ok("export", "--format", "markdown", "--tag", "investor", "--since", "2026-11-15").stdout
    assert "## Bob Stone" in out and "Linda" not in out.split("## Bob Stone")[0]
    assert "Call about the fund" in out and "Chez Marcel" not in out
