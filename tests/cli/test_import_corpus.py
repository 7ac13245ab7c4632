"""The shared corpus of real-world exports (../shared/fixtures and ../shared/wild), when it is there.

A user's clone has no ../shared: every test here skips cleanly without it. Files are read in place,
never copied into the project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TESTS, Run, copy_journal


def _corpus() -> Path | None:
    for candidate in (
        TESTS.parent.parent / "shared" / "fixtures",
        Path("/work/shared/fixtures"),
    ):
        if candidate.is_dir():
            return candidate
    return None


CORPUS = _corpus()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="the shared fixture corpus is not here")
# ../shared/wild: files that failed in the wild until issue 13; empty or absent is fine
WILD = CORPUS.parent / "wild" if CORPUS else None
FILES = sorted(
    p
    for folder in (CORPUS, WILD)
    if folder is not None and folder.is_dir()
    for p in folder.rglob("*")
    if p.suffix in (".csv", ".vcf")
)
BROKEN = {"khard-unparsable.vcf"}


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with the schema made once per module; each test starts from a copy (creating
    the schema is most of the time of a test here)."""
    from connect_cli.core.journal import ensure_current
    from connect_cli.journal.sqlite import locate_journal

    path = tmp_path_factory.mktemp("corpus") / "journal.db"
    ensure_current(locate_journal(str(path)), create=True)
    return path


@pytest.fixture(autouse=True)
def fresh_copy(request: pytest.FixtureRequest, private_journal: Path | str) -> None:
    """On SQLite, start from a copy of the module's empty journal; a server's database is new
    and empty, and the first import makes its schema."""
    if isinstance(private_journal, Path):
        copy_journal(request.getfixturevalue("empty_journal"), private_journal)


def show(ok: Run, who: str) -> dict[str, Any]:
    found = ok("show", who, "--json").json()
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("path", [p for p in FILES if p.name not in BROKEN], ids=lambda p: p.name)
def test_every_good_file_imports_and_reimports_adding_nobody(ok: Run, dump, path: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok("import", str(path)).stdout
    assert "added" in out
    assert ok("list", "--json").json()
    before = dump()
    assert "added" not in ok("import", str(path)).stdout
    assert dump() == before


@pytest.mark.parametrize("path", [p for p in FILES if p.name in BROKEN], ids=lambda p: p.name)
def test_the_unparsable_card_is_refused_with_its_position(
    run: Run, ok: Run, dump, path: Path
) -> None:  # type: ignore[no-untyped-def]
    ok("add", "Someone Already")
    before = dump()
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"{path.name}, card 1 (line 1): the card has no END:VCARD" in result.stderr
    assert dump() == before


def test_google_contacts(ok: Run) -> None:
    assert CORPUS is not None
    ok("import", str(CORPUS / "csv" / "google-contacts.csv"))
    linda = show(ok, "Linda Holcman")  # the BOM did not eat "First Name"
    assert linda["birthday"] == "1979-03-14" and linda["tags"] == ["clients"]
    assert [e["value"] for e in linda["emails"]] == ["linda@acme.example", "linda.h@mail.example"]
    assert linda["phones"] == [{"value": "+1 415 555 0100", "label": "mobile"}]
    assert "Met at SaaStr.\nLoves sailing; son Sam (7)." in linda["facts"]["facts"]
    kevin = show(ok, "kevin")
    assert kevin["birthday"] == "--04-15" and kevin["company"] == '"Quote" & Co'
    assert kevin["tags"] == ["friends", "mentors"]
    assert "+353 1 555 0101 ext. 12" in [p["value"] for p in kevin["phones"]]
    assert show(ok, "Zoë Ångström")["facts"]["facts"] == ["Notes with, commas; and émojis 🎉"]
    assert show(ok, "Helpdesk")["emails"][0]["value"] == "help@helpdesk.example"


def test_legacy_google_linkedin_and_outlook(ok: Run) -> None:
    assert CORPUS is not None
    ok("import", str(CORPUS / "csv" / "google-contacts-legacy.csv"))
    dan = show(ok, "dan tyre")
    assert [e["value"] for e in dan["emails"]] == ["dan@example.com", "dan.tyre@example.net"]
    ok("import", str(CORPUS / "csv" / "linkedin-Connections.csv"))
    grace = show(ok, "grace")
    assert grace["title"] == "Rear Admiral, Retired" and grace["met_on"] == "2021-01-01"
    assert show(ok, "李小龙")["company"] == "深圳科技"
    out = ok("import", str(CORPUS / "csv" / "outlook-contacts.csv")).stdout
    assert "Windows-1252" in out
    assert (
        show(ok, "rene")["name"] == "René Müller" and show(ok, "rene")["birthday"] == "1980-04-15"
    )
    assert show(ok, "jurgen")["name"] == "Jürgen Weiß" and show(ok, "jurgen")["birthday"] is None


def test_vcards(ok: Run) -> None:
    assert CORPUS is not None
    cards = CORPUS / "vcards"
    ok("import", str(cards / "android-qp-2.1.vcf"))
    assert show(ok, "rene")["facts"]["facts"] == [
        "Met at the café on rue de Rivoli. Loves jazz; daughter Léa (5)."
    ]
    ok("import", str(cards / "khard-nickname.vcf"))
    assert show(ok, "mike")["name"] == "Michael Smith"  # no FN: from N; found by nickname
    ok("import", str(cards / "khard-text-bday.vcf"))
    assert show(ok, "text birthday")["facts"]["facts"] == ["birthday: circa 1800"]
    ok("import", str(cards / "khard-org.vcf"))
    assert show(ok, "acme")["company"] == "ACME Inc."
    ok("import", str(cards / "vobject-vcard40_full.vcf"))
    john = show(ok, "johnny")
    assert john["nicknames"] == ["Johnny", "JQP"] and john["birthday"] == "1985-04-15"
    ok("import", str(cards / "khard-photov3.vcf"))
    assert "iVBOR" not in str(show(ok, "with photo v3"))


def test_linda_from_three_sources_is_one_linda(ok: Run) -> None:
    assert CORPUS is not None
    for name in ("csv/google-contacts.csv", "csv/linkedin-Connections.csv", "vcards/apple-3.0.vcf"):
        ok("import", str(CORPUS / name))
    people = [p["name"] for p in ok("list", "--json").json()]  # type: ignore[union-attr]
    assert people.count("Linda Holcman") == 1
    linda = show(ok, "linda")
    assert {e["value"] for e in linda["emails"]} == {"linda@acme.example", "linda.h@mail.example"}
    assert len(linda["phones"]) == 1 and linda["urls"][0]["value"].endswith("/linda-h")
    assert linda["tags"] == ["clients", "saas"] and linda["met_at"] == "LinkedIn"
