"""`connect import` of each source as a user gets it: Google, LinkedIn, Outlook and vCard files.

The files are the project's own (tests/fixtures/import, made-up people) modelled on what those
programs really write; see the README there.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import TESTS, Run

FIXTURES = TESTS / "fixtures" / "import"


def card(ok: Run, who: str) -> dict[str, Any]:
    found = ok("show", who, "--json").json()
    assert isinstance(found, dict)
    return found


def names(ok: Run) -> list[str]:
    return sorted(p["name"] for p in ok("list", "--json").json())  # type: ignore[union-attr]


def test_google_csv_with_bom_keeps_first_names_labels_and_multiline_notes(ok: Run) -> None:
    out = ok("import", str(FIXTURES / "google-bom.csv")).stdout
    assert "Google Contacts" in out and "3 people were added" in out
    assert names(ok) == ["Northwind Support", "Priya Raman", "Tomás O'Neill"]
    priya = card(ok, "priya")
    assert (priya["company"], priya["title"]) == ("Lattice Labs", "Head of Partnerships")
    assert priya["birthday"] == "1988-07-09" and priya["location"] == "Boston, MA, US"
    assert priya["emails"] == [
        {"value": "priya@lattice.example", "label": "work"},
        {"value": "priya.r@post.example", "label": "home"},
    ]
    assert priya["phones"] == [
        {"value": "+1 212 555 0147", "label": "mobile"},
        {"value": "+1 212 555 0100 ext. 7", "label": "work"},
    ]
    # Google's system group is dropped; `* starred` and the user's own label are kept.
    assert priya["tags"] == ["investors", "starred"]
    assert "Met at the Lisbon summit.\nTrains for triathlons." in priya["facts"]["facts"]
    assert "department: Alliances" in priya["facts"]["facts"]
    assert priya["facts"]["family"] == ["Arjun (spouse)"]
    assert priya["dates"] == [{"label": "anniversary", "date": "2015-06-20"}]
    assert priya["every_days"] is None  # imported people get no rhythm unless --every
    tomas = card(ok, "tomas")
    assert tomas["nicknames"] == ["Tom"] and tomas["company"] == '"Bright" Ideas & Sons'
    assert tomas["birthday"] == "--02-29"
    assert tomas["facts"]["facts"] == ['Says "never give up" 🚀']
    assert card(ok, "northwind")["emails"][0]["value"] == "support@northwind.example"


def test_legacy_google_csv_splits_emails_in_one_cell(ok: Run) -> None:
    ok("import", str(FIXTURES / "google-legacy.csv"))
    hugo = card(ok, "hugo")
    assert [e["value"] for e in hugo["emails"]] == ["hugo@brandt.example", "hugo.b@mail.example"]
    assert hugo["emails"][0]["label"] == "work"  # "* Work": the primary one
    assert (hugo["company"], hugo["title"], hugo["location"]) == (
        "Brandt Freight",
        "CEO",
        "Hamburg",
    )
    assert hugo["tags"] == ["mentors"] and hugo["facts"]["passions"] == ["Rowing"]
    assert card(ok, "ines")["emails"] == [{"value": "ines@duarte.example", "label": "home"}]


def test_linkedin_csv_after_its_preamble(ok: Run) -> None:
    ok("import", str(FIXTURES / "linkedin.csv"))
    assert names(ok) == ["Oskar Lind", "Priya Raman", "王小明"]
    oskar = card(ok, "oskar")
    assert (oskar["company"], oskar["title"]) == ("Nordic Ventures", "Partner, Seed")
    assert (oskar["met_at"], oskar["met_on"]) == ("LinkedIn", "2021-06-07")
    assert oskar["urls"] == [
        {"value": "https://www.linkedin.com/in/oskar-lind-x", "label": "linkedin"}
    ]
    assert card(ok, "小明")["company"] == "深圳科技"


def test_outlook_cp1252_is_detected_and_said(ok: Run) -> None:
    out = ok("import", str(FIXTURES / "outlook-cp1252.csv")).stdout
    assert "Windows-1252" in out and "--encoding" in out
    amelie = card(ok, "amelie")
    assert (amelie["name"], amelie["company"], amelie["title"]) == (
        "Amélie Durand", "Café Crème SARL", "Gérante",
    )  # fmt: skip
    assert amelie["birthday"] == "1984-06-21" and amelie["tags"] == ["suppliers"]
    assert amelie["facts"]["facts"] == ["Likes crème brûlée; costs 5€"]
    assert {p["label"] for p in amelie["phones"]} == {"work", "mobile"}
    assert card(ok, "bjorn")["birthday"] is None  # Outlook's 0/0/00 is no birthday


def test_utf16_and_semicolon_files(ok: Run) -> None:
    assert "UTF-16" in ok("import", str(FIXTURES / "utf16.csv")).stdout
    assert card(ok, "jose")["name"] == "José Núñez"
    ok("import", str(FIXTURES / "semicolon.csv"))
    leo = card(ok, "leo")
    assert leo["company"] == "Fischer; Söhne" and leo["tags"] == ["friends"]


def test_vcard_21_quoted_printable_with_soft_line_break(ok: Run) -> None:
    ok("import", str(FIXTURES / "android-21.vcf"))
    sofia = card(ok, "sofia")
    assert sofia["name"] == "Sofía Durán"
    assert sofia["facts"]["facts"] == ["Met at the café in Madrid. Plays cello; son Matías (3)."]
    assert sofia["phones"] == [
        {"value": "+34600111222", "label": "mobile"},
        {"value": "+34 91 555 01 02", "label": "work"},
    ]
    assert sofia["emails"] == [{"value": "sofia@duran.example", "label": "home"}]
    assert card(ok, "kwame")["company"] == "Accra Solar Example"


def test_apple_vcard_labels_omitted_year_and_escapes(ok: Run) -> None:
    ok("import", str(FIXTURES / "apple-30.vcf"))
    priya = card(ok, "priya")
    assert priya["birthday"] == "--07-09"  # X-APPLE-OMIT-YEAR: the 1604 is not her year
    assert priya["emails"] == [{"value": "PRIYA@lattice.example", "label": "work"}]
    assert priya["phones"] == [
        {"value": "(212) 555-0147", "label": "mobile"},
        {"value": "+1 646 555 0188", "label": "studio"},
    ]
    assert priya["urls"][0]["label"] == "linkedin"
    assert priya["facts"]["facts"] == ["Met in Lisbon.\nDaughter: Mira (6), loves kites."]
    assert priya["tags"] == ["climate", "investors"]


def test_vcard_40_lists_uris_organisations_text_birthdays_and_our_own_fields(ok: Run) -> None:
    ok("import", str(FIXTURES / "vcard-40.vcf"))
    nadia = card(ok, "nadia")
    assert nadia["nicknames"] == ["Nadi", "NP"]  # both: a list value loses nothing
    assert nadia["birthday"] == "--04-12" and nadia["location"] == "Moscow, Russia"
    assert nadia["phones"] == [{"value": "+7-495-555-0111", "label": "mobile"}]
    assert nadia["dates"] == [
        {"label": "anniversary", "date": "2012-09-05"}, {"label": "name day", "date": "--12-24"},
    ]  # fmt: skip
    assert (nadia["met_at"], nadia["met_on"], nadia["every_days"]) == (
        "Berlin meetup",
        "2024-05-02",
        30,
    )
    # our own export's NOTE: one fact per line under its heading, \n inside a fact escaped
    assert nadia["facts"]["passions"] == ["chess"]
    assert nadia["facts"]["facts"] == [
        "address: 5 Garden Ring, Moscow, 101000, Russia",  # the street is kept, not dropped
        "Collects vinyl.",
        "two\nlines",
    ]
    assert card(ok, "orbital")["company"] == "Orbital Bakery"
    emeka = card(ok, "emeka")  # no FN: the name comes from N
    assert emeka["birthday"] is None and emeka["facts"]["facts"] == ["birthday: around 1950"]


@pytest.mark.parametrize(
    "name", ["google-bom.csv", "google-legacy.csv", "linkedin.csv", "outlook-cp1252.csv",
             "android-21.vcf", "apple-30.vcf", "vcard-40.vcf", "utf16.csv", "semicolon.csv"],
)  # fmt: skip
def test_reimporting_the_same_file_adds_nobody(ok: Run, dump, name: str) -> None:  # type: ignore[no-untyped-def]
    ok("import", str(FIXTURES / name))
    before = dump()
    out = ok("import", str(FIXTURES / name)).stdout
    assert "added" not in out and "already in your journal" in out
    assert dump() == before


def test_tag_and_every_apply_to_everyone_imported(ok: Run) -> None:
    ok(
        "import",
        str(FIXTURES / "linkedin.csv"),
        "--tag",
        "LinkedIn",
        "--tag",
        "2026",
        "--every",
        "3m",
    )
    for person in ok("list", "--json").json():  # type: ignore[union-attr]
        assert person["tags"] == ["2026", "linkedin"] and person["every_days"] == 90
