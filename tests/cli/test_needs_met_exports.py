"""A met need stays met through the CSV and vCard exports, and the Markdown export says so (#16)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import Run


def two_needs(ok: Run) -> None:
    ok("add", "Priya Shah", "--need", "intros to fintech angels", "--need", "a | pipe, comma")
    ok("add", "Linda Holcman", "--need", "hiring a VP Sales")
    ok("edit", "priya", "--met", "fintech angels")


def needs_of(ok: Run, who: str, env: dict[str, str]) -> tuple[list[str], list[str]]:
    card = ok("show", who, "--json", env=env).json()
    return card["facts"]["needs"], [m["need"] for m in card["helping"]["met_needs"]]


@pytest.mark.parametrize(
    "args", [("--format", "csv", "--what", "contacts"), ("--format", "vcard")], ids=["csv", "vcard"]
)
def test_a_met_need_comes_back_met(ok: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    two_needs(ok)
    out = tmp_path / ("people.csv" if "csv" in args else "people.vcf")
    ok("export", *args, "-o", str(out))
    env = {"CONNECT_DB": str(tmp_path / "other.db")}
    ok("import", str(out), "--yes", env=env)
    assert needs_of(ok, "priya", env) == (["a | pipe, comma"], ["intros to fintech angels"])
    met = ok("show", "priya", "--json", env=env).json()["helping"]["met_needs"][0]
    assert met["on"] == "2026-11-22"
    assert needs_of(ok, "linda", env) == (["hiring a VP Sales"], [])
    assert ok("intros", "priya", "--json", env=env).json() == []  # a met need is not matched


def test_the_contacts_csv_has_a_day_per_need_in_needs_met(ok: Run) -> None:
    two_needs(ok)
    rows = ok("export", "--format", "csv", "--what", "contacts").stdout.splitlines()
    assert rows[0].endswith(",needs_met")
    priya = next(r for r in rows if r.startswith("1,"))
    assert priya.endswith(",2026-11-22 | ")  # met, then open: the needs' own order
    linda = next(r for r in rows if r.startswith("2,"))
    assert linda.endswith(",")  # none met: an empty cell


def test_a_needs_met_cell_that_does_not_fit_its_needs_is_one_sentence(
    run: Run, ok: Run, tmp_path: Path
) -> None:
    two_needs(ok)
    text = ok("export", "--format", "csv", "--what", "contacts").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",2026-11-22 | ", ",2026-11-01"), encoding="utf-8")
    assert bad.read_text(encoding="utf-8") != text
    result = run("import", str(bad), "--yes", env={"CONNECT_DB": str(tmp_path / "b.db")})
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "needs_met has 1 days for 2 needs" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_csv_without_needs_met_imports_needs_open(ok: Run, tmp_path: Path) -> None:
    two_needs(ok)
    rows = list(csv.reader(io.StringIO(ok("export", "--format", "csv", "--what", "contacts").stdout)))
    old = tmp_path / "old.csv"  # an export made before needs_met: the last column is not there
    with old.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(row[:-1] for row in rows)
    env = {"CONNECT_DB": str(tmp_path / "old.db")}
    ok("import", str(old), "--yes", env=env)
    assert needs_of(ok, "priya", env) == (["intros to fintech angels", "a | pipe, comma"], [])


def test_a_vcard_met_heading_with_an_impossible_day_stays_a_plain_fact(
    ok: Run, tmp_path: Path
) -> None:
    card = tmp_path / "one.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        "NOTE:Needs (met 2026-13-45): a designer\r\nX-CONNECT-ID:1\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    ok("import", str(card), "--yes")
    shown = ok("show", "ann", "--json").json()
    assert shown["facts"]["needs"] == [] and shown["helping"]["met_needs"] == []
    assert "Needs (met 2026-13-45): a designer" in shown["facts"]["facts"]


def test_the_markdown_about_marks_a_met_need(ok: Run) -> None:
    two_needs(ok)
    text = ok("export", "--format", "markdown").stdout
    priya = text.split("## Priya Shah", 1)[1].split("\n## ", 1)[0]
    assert "- **Needs (met 2026-11-22):** intros to fintech angels" in priya
    assert "- **Needs:** a \\| pipe, comma" in priya
