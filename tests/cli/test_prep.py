"""`connect prep`: the pre-meeting brief, as a user sees it, and the rules behind it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.prep import (
    MAX_QUESTIONS,
    family_question,
    need_question,
    questions_for,
    worth_learning,
)
from connect_cli.domain.vocabulary import FACT_KINDS
from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.read.prep import PrepPerson
from tests.conftest import TESTS, Run

PREP_KEYS = {
    "id", "name", "company", "title", "location", "last_contact", "days_since", "last_kind",
    "met_at", "met_on", "introduced_by", "introduced", "facts", "followups",
    "recent_interactions", "birthday", "next_birthday", "age_next", "upcoming_dates",
    "could_help", "questions", "to_learn", "helping",
}  # fmt: skip


@pytest.fixture
def circle(ok: Run) -> None:
    """Linda (rich profile), Bob (introduced by Linda, offers fintech intros), Carol (offers
    recruiting), Dan (nothing known), Erin (archived, would match), all dated from 2026-11-22."""
    ok(
        "add", "Linda Holcman", "-c", "Acme", "--title", "VP Sales", "--location", "Boston",
        "--met-at", "SaaStr 2026", "--met-on", "2026-10-01", "--passion", "sailing",
        "--family", "Sam (son, 7)", "--need", "hiring a VP Sales",
        "--need", "Meeting fintech investors", "--like", "espresso", "--birthday", "1980-12-01",
        "--date", "work anniversary=12-05", "--date", "wedding anniversary=06-01",
        "--note", "Coffee at the booth", "--follow-up", "Send the deck", "--due", "friday",
    )  # fmt: skip
    ok("add", "Bob Stone", "-c", "Fintech Ventures", "--via", "linda",
       "--offer", "intros to fintech investors", "--need", "help with golf")  # fmt: skip
    ok("add", "Carol Ng", "--offer", "recruiting sales leaders", "--offer", "help with taxes")
    ok("add", "Dan Empty")
    ok("add", "Erin Gone", "--offer", "hiring advice for sales teams")
    ok("archive", "erin")
    ok("log", "linda", "Talked about the VP search", "--with", "bob", "-k", "call",
       "--on", "2026-11-01")  # fmt: skip


def test_json_brief_has_every_documented_key_and_the_facts(ok: Run, circle: None) -> None:
    doc = ok("prep", "linda", "--json").json()
    assert set(doc) == PREP_KEYS
    assert (doc["name"], doc["company"], doc["title"], doc["location"]) == (
        "Linda Holcman", "Acme", "VP Sales", "Boston",
    )  # fmt: skip
    assert (doc["last_contact"], doc["days_since"], doc["last_kind"]) == ("2026-11-01", 21, "call")
    assert (doc["met_at"], doc["met_on"], doc["introduced_by"]) == (
        "SaaStr 2026",
        "2026-10-01",
        None,
    )
    assert doc["introduced"] == [{"id": 2, "name": "Bob Stone"}]
    assert doc["facts"]["passions"] == ["sailing"] and doc["facts"]["family"] == ["Sam (son, 7)"]
    assert set(doc["facts"]) == {
        "likes",
        "dislikes",
        "passions",
        "family",
        "needs",
        "offers",
        "facts",
    }
    assert doc["followups"] == [{"id": 1, "text": "Send the deck", "due": "2026-11-27"}]
    assert [(i["on"], i["kind"], i["with"]) for i in doc["recent_interactions"]] == [
        ("2026-11-01", "call", ["Bob Stone"]), ("2026-10-01", "meeting", []),
    ]  # fmt: skip
    assert (doc["birthday"], doc["next_birthday"], doc["age_next"]) == (
        "1980-12-01",
        "2026-12-01",
        46,
    )
    # Only dates within 30 days are "soon": the June anniversary is not.
    assert doc["upcoming_dates"] == [
        {"label": "work anniversary", "date": "2026-12-05", "in_days": 13}
    ]


def test_every_prep_key_is_documented_in_the_readme() -> None:
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("- `prep --json`:", 1)[1].split("\n- ", 1)[0].split("\n## ", 1)[0]
    assert {key for key in PREP_KEYS if not re.search(rf"\b{key}\b", section)} == set()


def test_could_help_matches_needs_to_other_peoples_offers(ok: Run, circle: None) -> None:
    doc = ok("prep", "linda", "--json").json()
    # The matcher of `intros` (test_prep_intros.py): Bob shares "fintech investors" and was
    # on a call with Linda (warmer), Carol's recruiting meets the hiring; archived Erin is
    # never suggested, nor Linda's own offers.
    assert doc["could_help"] == [
        {"id": 2, "name": "Bob Stone", "offer": "intros to fintech investors",
         "need": "Meeting fintech investors"},
        {"id": 3, "name": "Carol Ng", "offer": "recruiting sales leaders",
         "need": "hiring a VP Sales"},
    ]  # fmt: skip


def test_stopwords_alone_never_make_a_match(ok: Run, circle: None) -> None:
    # Bob needs "help with golf"; Carol offers "help with taxes": only stopwords are shared.
    assert ok("prep", "bob", "--json").json()["could_help"] == []


def test_questions_are_drawn_from_what_is_known_and_capped(ok: Run, circle: None) -> None:
    questions = ok("prep", "linda", "--json").json()["questions"]
    assert questions == [
        "Any plans for your birthday?",  # December 1 is 9 days away
        "How is hiring a VP Sales going?",
        "How is Sam doing?",
        "How's the sailing going?",
        "Work anniversary is coming up; anything planned?",
    ]
    assert ok("prep", "linda", "--json").json()["questions"] == questions  # deterministic


def test_someone_you_know_nothing_about_still_gets_a_useful_brief(ok: Run, circle: None) -> None:
    doc = ok("prep", "dan", "--json").json()
    assert doc["last_contact"] is None and doc["days_since"] is None and doc["last_kind"] is None
    assert {
        "You don't know how you met.", "No family details yet.", "No birthday recorded.",
        "You don't know what they need.",
    } <= set(doc["to_learn"])  # fmt: skip
    assert "What are you working on these days?" in doc["questions"]
    out = ok("prep", "dan").stdout
    assert "never logged" in out and "Worth learning next" in out and "No birthday recorded." in out


def test_text_brief_is_one_screen_with_the_personal_bits(ok: Run, circle: None) -> None:
    out = ok("prep", "linda").stdout
    for expected in (
        "3 weeks ago · call (2026-11-01)", "SaaStr 2026", "Introduced you", "Bob Stone (#2)",
        "December 1, 1980 (in 9 days, turns 46)", "work anniversary: 2026-12-05 (in 13 days)",
        "Sam (son, 7)", "You could help:", "intros to fintech investors", "Your open promises",
        "Send the deck", "Questions worth asking", "How is Sam doing?",
    ):  # fmt: skip
        assert expected in out, expected
    assert len(out.splitlines()) <= 45


def test_brief_shows_the_introducer_and_hostile_text_literally(ok: Run, circle: None) -> None:
    ok("log", "bob", "[bold red]boom[/] :smile: \x1b[2J", "-k", "note", "--on", "2026-11-20")
    out = ok("prep", "bob").stdout
    assert "Introduced by" in out and "Linda Holcman (#1)" in out
    assert "[bold red]boom[/] :smile:" in out and "\x1b" not in out


def test_only_the_last_five_interactions_newest_first(ok: Run, circle: None) -> None:
    for day in range(1, 9):
        ok("log", "carol", f"note {day}", "--on", f"2026-11-{day:02d}")
    recent = ok("prep", "carol", "--json").json()["recent_interactions"]
    assert [i["text"] for i in recent] == ["note 8", "note 7", "note 6", "note 5", "note 4"]


def test_leap_day_birthday_is_celebrated_on_feb_28(ok: Run) -> None:
    ok("add", "Leap Person", "--birthday", "1988-02-29")
    doc = ok("prep", "leap", "--json").json()
    assert (doc["next_birthday"], doc["age_next"]) == ("2027-02-28", 39)
    assert "Any plans for your birthday?" not in doc["questions"]  # not within 30 days


def test_prep_changes_nothing(ok: Run, circle: None, dump) -> None:  # type: ignore[no-untyped-def]
    before = dump()
    ok("prep", "linda")
    ok("prep", "linda", "--json")
    assert dump() == before


@pytest.mark.parametrize("who", ["zzz", "#99", "nobody at all"])
def test_unknown_person_is_one_sentence_and_exit_1(run: Run, circle: None, who: str) -> None:
    result = run("prep", who, "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) <= 4 and "Traceback" not in result.stderr


def test_ambiguous_person_lists_the_candidates(run: Run, ok: Run) -> None:
    ok("add", "Sam One")
    ok("add", "Sam Two")
    result = run("prep", "sam", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "Sam One" in result.stderr and "Sam Two" in result.stderr


# --- the pure rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Sam (son, 7)", "How is Sam doing?"),
        ("Priya (wife)", "How is Priya doing?"),
        ("wife (Anna)", "How is your wife doing?"),
        ("Sam", "How is Sam doing?"),
        ("married, two kids at college", "How is the family?"),
    ],
)
def test_family_questions(text: str, question: str) -> None:
    assert family_question(text) == question


@pytest.mark.parametrize(
    ("need", "question"),
    [
        ("hiring a VP Sales", "How is hiring a VP Sales going?"),
        ("Raising a seed round", "How is raising a seed round going?"),
        ("a good accountant", "Any progress on a good accountant?"),
        ("VP Sales", "Any news on “VP Sales”?"),
        ("cut vendor costs by 20%", "Any news on “cut vendor costs by 20%”?"),
        ("Moving to New York", "How is moving to New York going?"),
    ],
)
def test_need_questions(need: str, question: str) -> None:
    assert need_question(need) == question


@pytest.mark.parametrize(
    ("passion", "question"),
    [("Sailing", "How's the sailing going?"), ("Formula 1", "Still into Formula 1 these days?"),
     ("jazz piano", "Still into jazz piano these days?"),
     ("New York trips", "Still into New York trips these days?"),
     ("Real Madrid", "Still into Real Madrid these days?")],
)  # fmt: skip
def test_passion_questions_keep_proper_names(passion: str, question: str) -> None:
    asked = questions_for(_person({"passion": [passion]}), birthday_soon=False, upcoming=[])
    assert asked[0] == question


def _person(facts: dict[str, list[str]], **fields: object) -> PrepPerson:
    base: dict[str, object] = dict(
        id=1, name="X", company=None, title=None, location=None, met_at=None, met_on=None,
        introduced_by=None, introduced=[], birthday=None, last_contact=None,
        facts={kind: facts.get(kind, []) for kind in FACT_KINDS}, dates=[], followups=[], recent=[],
    )  # fmt: skip
    base.update(fields)
    return PrepPerson(**base)  # type: ignore[arg-type]


facts_strategy = st.dictionaries(
    st.sampled_from(FACT_KINDS), st.lists(st.text(min_size=1, max_size=30), max_size=6)
)


@settings(max_examples=60, deadline=None)
@given(facts=facts_strategy, birthday_soon=st.booleans())
def test_questions_are_few_deterministic_and_never_empty(
    facts: dict[str, list[str]], birthday_soon: bool
) -> None:
    person = _person(facts)
    first = questions_for(person, birthday_soon=birthday_soon, upcoming=[])
    assert 1 <= len(first) <= MAX_QUESTIONS
    assert first == questions_for(_person(facts), birthday_soon=birthday_soon, upcoming=[])


def test_worth_learning_disappears_as_you_learn() -> None:
    assert len(worth_learning(_person({}))) == 6
    known = _person(
        {"need": ["x"], "family": ["y"], "passion": ["z"], "offer": ["w"]},
        met_at="SaaStr",
        birthday=MonthDay(4, 15),
    )
    assert worth_learning(known) == []


def test_prep_json_on_the_default_sqlite_journal_skips_sqlalchemy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "CONNECT_DB": str(tmp_path / "j.db")}
    # The first run creates the journal (that needs Alembic); prep itself only reads.
    subprocess.run([sys.executable, "-m", "connect_cli", "add", "Linda"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "connect_cli", "prep", "linda", "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    loaded = {line.rsplit("|", 1)[1].strip().split(".")[0]
              for line in result.stderr.splitlines() if line.startswith("import time:")}  # fmt: skip
    assert "connect_cli" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}
