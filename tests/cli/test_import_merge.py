"""The same person from several sources becomes one contact, and nothing of either is lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from connect_cli.domain.drafts import ChannelValue, PersonDraft
from connect_cli.domain.merge_rules import Existing, plan_merge, same_phone
from connect_cli.domain.yearly_dates import MonthDay
from tests.conftest import TESTS, Run

FIXTURES = TESTS / "fixtures" / "import"


def test_google_linkedin_and_apple_leave_one_priya_with_everything(ok: Run) -> None:
    for name in ("google-bom.csv", "linkedin.csv", "apple-30.vcf"):
        ok("import", str(FIXTURES / name))
    everyone = [p["name"] for p in ok("list", "--json").json()]  # type: ignore[union-attr]
    assert everyone.count("Priya Raman") == 1 and everyone.count("Hugo Brandt") == 1
    priya = ok("show", "priya", "--json").json()
    assert isinstance(priya, dict)
    assert [(e["value"], e["label"]) for e in priya["emails"]] == [
        ("priya@lattice.example", "work"),
        ("priya.r@post.example", "home"),
    ]  # fmt: skip  (Apple's PRIYA@… is the same address)
    assert [(p["value"], p["label"]) for p in priya["phones"]] == [
        ("+1 212 555 0147", "mobile"),
        ("+1 212 555 0100 ext. 7", "work"),
        ("+1 646 555 0188", "studio"),
    ]  # fmt: skip  ((212) 555-0147 is the same number, spelled the Apple way)
    assert priya["urls"] == [
        {"value": "https://www.linkedin.com/in/priya-raman-x", "label": "profile"}
    ]
    assert priya["tags"] == ["climate", "investors", "starred"]
    assert (priya["met_at"], priya["met_on"]) == ("LinkedIn", "2023-03-12")  # filled by LinkedIn
    assert priya["birthday"] == "1988-07-09"  # Google's year kept; Apple's yearless is the same day
    facts = priya["facts"]["facts"]
    assert "Met at the Lisbon summit.\nTrains for triathlons." in facts
    assert "Met in Lisbon.\nDaughter: Mira (6), loves kites." in facts


def test_importing_in_another_order_gives_the_same_people(ok: Run) -> None:
    for name in ("apple-30.vcf", "linkedin.csv", "google-bom.csv", "google-legacy.csv"):
        ok("import", str(FIXTURES / name))
    everyone = sorted(p["name"] for p in ok("list", "--json").json())  # type: ignore[union-attr]
    assert everyone == sorted(
        ["Priya Raman", "Hugo Brandt", "Oskar Lind", "王小明", "Tomás O'Neill",
         "Northwind Support", "Ines Duarte"]
    )  # fmt: skip
    priya = ok("show", "priya", "--json").json()
    assert priya["birthday"] == "1988-07-09"  # type: ignore[index]


def test_a_differing_title_is_kept_as_a_fact_and_the_journal_wins(ok: Run, tmp_path: Path) -> None:
    ok("add", "Oskar Lind", "-c", "Nordic Ventures", "--title", "Principal")
    ok("import", str(FIXTURES / "linkedin.csv"))
    oskar = ok("show", "oskar", "--json").json()
    assert isinstance(oskar, dict)
    assert oskar["title"] == "Principal"
    assert oskar["facts"]["facts"] == ["title (imported): Partner, Seed"]
    assert oskar["every_days"] == 90  # added by hand: the default rhythm stays


def test_two_records_of_one_person_in_one_file_merge(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "First Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value,Organization Name\n"
        "Rui,Costa,Team,rui@costa.example,,\n"
        "Rui,Costa,Friends,RUI@costa.example,+351 21 555 0100,Costa Lda\n"
    )
    out = ok("import", str(path)).stdout
    assert "1 person was added" in out and "1 person was merged" in out
    rui = ok("show", "rui", "--json").json()
    assert isinstance(rui, dict)
    assert rui["tags"] == ["friends", "team"] and rui["company"] == "Costa Lda"
    assert len(rui["emails"]) == 1 and rui["phones"][0]["value"] == "+351 21 555 0100"


def test_same_name_with_different_emails_are_two_people(ok: Run, tmp_path: Path) -> None:
    ok("add", "Sam Lee", "-e", "sam@one.example")
    path = tmp_path / "other-sam.csv"
    path.write_text("First Name,Last Name,Labels,E-mail 1 - Value\nSam,Lee,,sam@two.example\n")
    assert "1 person was added" in ok("import", str(path)).stdout


def test_a_name_alone_is_not_enough_to_merge(ok: Run, tmp_path: Path) -> None:
    """Two people who share only a name (no email, company or phone in common) stay two, and
    the summary lists them as possible duplicates; the same record again adds nobody."""
    ok("add", "Sam Lee")
    path = tmp_path / "sam.csv"
    path.write_text("First Name,Last Name,Labels,Organization Name\nSam,Lee,,Lee & Co\n")
    out = ok("import", str(path), "--dry-run").stdout
    assert "1 person would be added: Sam Lee" in out
    assert "Possible duplicates, not merged" in out and "Sam Lee (#2) and Sam Lee (#1)" in out
    ok("import", str(path))
    assert "already in your journal" in ok("import", str(path)).stdout
    assert len(ok("list", "--json").json()) == 2  # type: ignore[arg-type]


def test_same_name_and_a_phone_in_common_is_the_same_person(ok: Run, tmp_path: Path) -> None:
    ok("add", "Sam Lee", "-p", "(415) 555-0100")
    path = tmp_path / "sam.csv"
    path.write_text(
        "First Name,Last Name,Labels,Organization Name,Phone 1 - Value\n"
        "Sam,Lee,,Lee & Co,+1 415 555 0100\n"
    )
    assert "1 person was merged" in ok("import", str(path)).stdout
    assert ok("show", "sam", "--json").json()["company"] == "Lee & Co"  # type: ignore[index]


# --- the pure merge rules ----------------------------------------------------------------------


def test_plan_fills_empty_scalars_and_keeps_different_ones_as_facts() -> None:
    existing = Existing(1, "Ana Ruiz", company="Acme", birthday=MonthDay(4, 15), met_on=date(2020, 1, 1),
                        items={("email", "ana@acme.example"), ("tag", "client")})  # fmt: skip
    draft = PersonDraft(
        name="Ana Ruiz", company="ACME ", title="CTO", birthday=MonthDay(4, 15, 1985),
        met_on=date(2021, 5, 5), tags=["Client", "board"],
        channels=[ChannelValue("email", "Ana@Acme.example"), ChannelValue("phone", "+1 555 0100")],
    )  # fmt: skip
    plan = plan_merge(existing, draft, every_days=30)
    assert plan.fill == {"title": "CTO", "birthday_year": 1985, "every_days": 30}
    assert plan.tags == ["board"] and [c.value for c in plan.channels] == ["+1 555 0100"]
    assert plan.kept == ["met on (imported): 2021-05-05"] and plan.facts == []


def test_plan_of_the_same_record_twice_is_empty() -> None:
    existing = Existing(1, "Ana", company="Acme", items={("tag", "x"), ("fact", "likes tea")})
    draft = PersonDraft(name="ana", company="acme", tags=["X"], facts=[("fact", "Likes  tea")])
    assert plan_merge(existing, draft, every_days=None).is_empty()


@given(st.from_regex(r"[0-9]{7,12}", fullmatch=True), st.sampled_from(["+1 ", "(", "", "00"]))
def test_a_phone_spelled_differently_is_the_same_phone(digits: str, prefix: str) -> None:
    assert same_phone(digits, "".join(c for c in prefix + digits if c.isdigit()))


def test_short_numbers_are_not_matched_by_their_ends() -> None:
    assert not same_phone("5550100", "100") and not same_phone("", "")
