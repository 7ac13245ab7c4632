"""`connect merge` and `import` combine what is known about a person by the same rules.

Both call `domain/merge_rules.plan_merge`; these tests hold them to it through their own write
paths: `merge` moves the duplicate's rows (write/merge.py), `import` inserts in bulk
(write/bulk.py). For generated pairs of people A and B, `connect merge B A` leaves the same A as
importing B's record onto A, but for the word of a kept conflict ("merged" / "imported").
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from connect_cli.domain.drafts import DateValue, PersonDraft, RawPerson, build_draft
from connect_cli.domain.matching import fold
from connect_cli.domain.merge_rules import Existing, plan_merge
from connect_cli.domain.yearly_dates import MonthDay
from tests.conftest import TODAY, Run

NAMES = ["Ana Ruiz", "ana  ruiz", "Ana Ruíz", "Bo Chen"]
WORDS = {
    "company": ["Acme", "ACME", "Initech"],
    "title": ["CTO", "cto", "VP Sales"],
    "location": ["Lisbon", "Boston"],
    "met_at": ["a wedding", "PyCon"],
}
BIRTHDAYS = ["04-15", "1985-04-15", "1990-04-15", "06-02"]
RHYTHMS = ["14d", "30d", "never"]
EMAILS = ["work=ana@acme.example", "ANA@acme.example", "home=ana@home.example", "bo@chen.example"]
PHONES = ["+1 415 555 0100", "mobile=(415) 555-0100", "+1 212 555 0147", "work=212 555 0199"]
TAGS = ["client", "Client", "golf", "board"]
LIKES = ["tea", "Tea", "jazz", "espresso"]
DATES = ["anniversary=2019-03-01", "anniversary=03-01", "Anniversary=04-01", "kid=2015-06-02"]


def _phone_key(raw: str) -> str:
    return "".join(c for c in raw.partition("=")[2] or raw if c.isdigit())[-10:]


def _label(raw: str) -> str:
    return fold(raw.partition("=")[0])  # `add` keeps one date per label


@st.composite
def people(draw: st.DrawFn) -> dict[str, object]:
    """One person as `add` options; no item twice within the person (`add` would drop it)."""
    maybe = lambda pool: draw(st.none() | st.sampled_from(pool))  # noqa: E731
    few = lambda pool, key=fold: draw(st.lists(st.sampled_from(pool), max_size=3, unique_by=key))  # noqa: E731
    return {
        "name": draw(st.sampled_from(NAMES)),
        **{name: maybe(pool) for name, pool in WORDS.items()},
        "birthday": maybe(BIRTHDAYS),
        "every": draw(st.sampled_from(RHYTHMS)),
        "email": few(EMAILS, lambda e: fold(e.partition("=")[2] or e)),
        "phone": few(PHONES, _phone_key),
        "tag": few(TAGS),
        "like": few(LIKES),
        "date": few(DATES, _label),
    }


def _args(person: dict[str, object]) -> list[str]:
    flags = {"company": "-c", "title": "--title", "location": "--location", "met_at": "--met-at",
             "birthday": "--birthday", "every": "--every", "email": "-e", "phone": "-p",
             "tag": "-t", "like": "--like", "date": "--date"}  # fmt: skip
    args = [str(person["name"]), "--duplicate"]
    for key, flag in flags.items():
        value = person[key]
        for one in value if isinstance(value, list) else [value] if value else []:
            args += [flag, one]
    return args


def _connect(journal: Path, *args: str) -> str:
    from connect_cli.cli.app import app

    env = {"CONNECT_DB": str(journal), "CONNECT_TODAY": TODAY}
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _person(journal: Path) -> object:
    """A as `show --json` gives it, less what depends on ids, time or the command's word."""
    card = json.loads(_connect(journal, "show", "#1", "--json"))
    for key in ("id", "days_since", "overdue_days", "last_contact"):
        card.pop(key)
    return json.loads(
        json.dumps(card).replace(" (merged): ", " (word): ").replace(" (imported): ", " (word): ")
    )


def _import_onto_a(journal: Path, draft: PersonDraft) -> None:
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.bulk import PeopleWriter
    from connect_cli.write.session import write_session

    with write_session(locate_journal(str(journal))) as session:
        writer = PeopleWriter(session, tags=[], every_days=None)
        writer.merge(1, draft)
        writer.finish()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=people(), b=people())
def test_merge_and_import_leave_the_same_person(a: dict[str, object], b: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        merged, imported = Path(folder) / "merged.db", Path(folder) / "imported.db"
        for journal in (merged, imported):
            _connect(journal, "add", *_args(a))
        _connect(merged, "add", *_args(b))
        _connect(merged, "merge", "#2", "#1", "--yes")
        raw = RawPerson(**b)  # type: ignore[arg-type]
        _import_onto_a(imported, build_draft(raw, date.fromisoformat(TODAY)))
        assert _person(merged) == _person(imported)


# --- one example per rule where `merge` and `import` used to differ ------------------------------


def _both(ok: Run, tmp_path: Path, a: list[str], b: list[str], csv: str) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """A after `merge` of B, and A after importing a Google CSV of B that shares A's email."""
    ok("add", *a)
    ok("add", *b, "--duplicate")
    ok("merge", "#2", "#1", "--yes")
    merged = ok("show", "#1", "--json").json()
    other = tmp_path / "other" / "connect.db"
    other.parent.mkdir()
    _connect(other, "add", *a)
    path = tmp_path / "b.csv"
    path.write_text(csv)
    _connect(other, "import", str(path))
    imported = json.loads(_connect(other, "show", "#1", "--json"))
    return merged, imported  # type: ignore[return-value]


GOOGLE = "First Name,Last Name,E-mail 1 - Value,{header}\n{first},{last},ana@acme.example,{value}\n"


def test_a_different_name_becomes_a_nickname_in_both(ok: Run, tmp_path: Path) -> None:
    merged, imported = _both(
        ok, tmp_path, ["Ana Ruiz", "-e", "ana@acme.example"], ["Anita Ruiz"],
        GOOGLE.format(header="Notes", first="Anita", last="Ruiz", value=""),
    )  # fmt: skip
    assert merged["nicknames"] == imported["nicknames"] == ["Anita Ruiz"]
    assert merged["facts"]["facts"] == imported["facts"]["facts"] == []


def test_the_same_number_spelled_differently_is_one_phone_in_both(ok: Run, tmp_path: Path) -> None:
    merged, imported = _both(
        ok, tmp_path, ["Ana Ruiz", "-e", "ana@acme.example", "-p", "+1 415 555 0100"],
        ["Ana Ruiz", "-p", "(415) 555-0100"],
        GOOGLE.format(header="Phone 1 - Value", first="Ana", last="Ruiz", value="(415) 555-0100"),
    )  # fmt: skip
    assert [p["value"] for p in merged["phones"]] == ["+1 415 555 0100"]
    assert [p["value"] for p in imported["phones"]] == ["+1 415 555 0100"]


def test_a_rhythm_only_fills_a_gap_in_both(ok: Run) -> None:
    ok("add", "Ana Ruiz", "--every", "14d")
    ok("add", "Ana R", "--every", "30d")
    ok("merge", "#2", "#1", "--yes")
    card = ok("show", "#1", "--json").json()
    assert card["every_days"] == 14 and card["facts"]["facts"] == []  # type: ignore[index]
    existing = Existing(1, "Ana Ruiz", every_days=14)
    assert plan_merge(
        existing, PersonDraft(every_days=30, every_given=True), every_days=None
    ).is_empty()


def test_a_date_is_the_same_when_its_label_and_day_are(ok: Run) -> None:
    ok("add", "Ana Ruiz", "--date", "anniversary=03-01", "--date", "kid=2015-06-02")
    ok("add", "Ana R", "--date", "Anniversary=2019-03-01", "--date", "kid=2016-06-02")
    ok("merge", "#2", "#1", "--yes")
    dates = ok("show", "#1", "--json").json()["dates"]  # type: ignore[index]
    assert sorted((d["label"], d["date"]) for d in dates) == [
        ("anniversary", "2019-03-01"),
        ("kid", "2015-06-02"),
        ("kid", "2016-06-02"),
    ]  # fmt: skip  (the year filled in; another known year is another date)
    existing = Existing(1, "Ana", dates=[DateValue("anniversary", MonthDay(3, 1))])
    draft = PersonDraft(dates=[DateValue("Anniversary", MonthDay(3, 1, 2019)),
                               DateValue("anniversary", MonthDay(4, 1))])  # fmt: skip
    plan = plan_merge(existing, draft, every_days=None)
    assert plan.date_years == [DateValue("anniversary", MonthDay(3, 1, 2019))]
    assert plan.dates == [DateValue("anniversary", MonthDay(4, 1))]


def test_a_conflict_keeps_the_command_word(ok: Run, tmp_path: Path) -> None:
    merged, imported = _both(
        ok, tmp_path, ["Ana Ruiz", "-e", "ana@acme.example", "--title", "CTO"],
        ["Ana Ruiz", "--title", "VP Sales"],
        GOOGLE.format(header="Organization Title", first="Ana", last="Ruiz", value="VP Sales"),
    )  # fmt: skip
    assert merged["facts"]["facts"] == ["title (merged): VP Sales"]
    assert imported["facts"]["facts"] == ["title (imported): VP Sales"]


def test_merge_plans_with_the_shared_rules() -> None:
    """Both callers reach the one function: no second copy of the rules to drift."""
    import connect_cli.write.bulk as bulk
    import connect_cli.write.merge as merge

    assert merge.plan_merge is bulk.plan_merge is plan_merge
