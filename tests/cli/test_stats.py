"""`connect stats` and the card's touch line, as a user sees them; the numbers of `--json` are
checked against the same numbers computed independently from `connect export --format json`."""

from __future__ import annotations

import json
import re
import stat
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from connect_cli.core.stats import months_ending, period_for
from connect_cli.domain.errors import InputError
from connect_cli.render.charts import SHADES, level, sparkline, split_bar
from tests.conftest import TODAY, Run

DAY = date.fromisoformat(TODAY)


@pytest.fixture
def demo(ok: Run) -> dict[str, Any]:
    """A synthetic journal (three years of history) and its complete JSON export."""
    ok("demo", "--contacts", "60", "--interactions", "1500", "--seed", "7")
    ok("snooze", "#3", "2w")
    ok("done", "1")
    return json.loads(ok("export", "--format", "json").stdout)


# --- the numbers, computed again from the export -----------------------------------------------


def touches_per_day(export: dict[str, Any], start: date, end: date) -> dict[str, int]:
    days = Counter(i["happened_on"] for i in export["interactions"])
    return {d: n for d, n in sorted(days.items()) if start.isoformat() <= d <= end.isoformat()}


def expected_health(
    export: dict[str, Any], today: date, only: set[int] | None = None
) -> dict[str, Any]:
    last: dict[int, str] = {}
    for p in export["participants"]:
        last[p["contact_id"]] = max(last.get(p["contact_id"], ""), p["happened_on"])
    counts = Counter()
    for c in export["contacts"]:
        if c["archived"] or (only is not None and c["id"] not in only):
            continue
        if c["every_days"] is None:
            counts["no_rhythm"] += 1
            continue
        if c["snoozed_until"] and c["snoozed_until"] > today.isoformat():
            counts["snoozed"] += 1
            continue
        since = last.get(c["id"]) or c["met_on"] or c["created_at"][:10]
        late = (today - date.fromisoformat(since)).days - c["every_days"]
        if late < -7:
            counts["on_track"] += 1
        elif late < 0:
            counts["due"] += 1
        else:
            counts["overdue"] += 1
            counts["week" if late < 7 else "month" if late < 30 else "more"] += 1
    return {
        "on_track": counts["on_track"],
        "due": counts["due"],
        "overdue": counts["overdue"],
        "overdue_by": {k: counts[k] for k in ("week", "month", "more")},
        "snoozed": counts["snoozed"],
        "no_rhythm": counts["no_rhythm"],
    }


def expected_promises(export: dict[str, Any], today: date) -> dict[str, Any]:
    archived = {c["id"] for c in export["contacts"] if c["archived"]}
    mine = [f for f in export["followups"] if f["contact_id"] not in archived]
    since, yesterday = (today - timedelta(days=90)).isoformat(), (today - timedelta(days=1))
    due = [f for f in mine if f["due_on"] and since <= f["due_on"] <= yesterday.isoformat()]
    kept = [f for f in due if f["done_at"] and f["done_at"][:10] <= f["due_on"]]
    return {
        "open": sum(1 for f in mine if f["done_at"] is None),
        "overdue": sum(1 for f in mine if f["done_at"] is None and (f["due_on"] or "9") < TODAY),
        "due_last_90_days": len(due),
        "kept_on_time": len(kept),
        "kept_on_time_percent": round(100 * len(kept) / len(due), 1) if due else None,
    }


def test_json_numbers_equal_those_computed_from_the_export(ok: Run, demo: dict[str, Any]) -> None:
    doc = ok("stats", "--json").json()
    period = period_for(DAY, None)
    assert doc["period"] == {
        "start": period.start.isoformat(),
        "end": TODAY,
        "year": None,
    }
    per_day = touches_per_day(demo, period.start, DAY)
    assert doc["touches_per_day"] == per_day
    assert doc["touches"] == sum(per_day.values()) > 0
    assert doc["health"] == expected_health(demo, DAY)
    assert doc["promises"] == expected_promises(demo, DAY)
    assert doc["health"]["snoozed"] >= 1 and doc["health"]["overdue"] > 0


def test_touches_per_month_by_kind_come_from_the_export(ok: Run, demo: dict[str, Any]) -> None:
    doc = ok("stats", "--json").json()
    months = months_ending(DAY)
    counted = Counter(
        (i["happened_on"][:7], i["kind"])
        for i in demo["interactions"]
        if i["happened_on"] >= months[0] + "-01"
    )
    assert [m["month"] for m in doc["touches_per_month"]] == months
    for month in doc["touches_per_month"]:
        expected = {k: n for (m, k), n in counted.items() if m == month["month"]}
        assert month["by_kind"] == expected
        assert month["total"] == sum(expected.values())


def test_a_year_a_tag_and_one_person_narrow_the_heatmap(ok: Run, demo: dict[str, Any]) -> None:
    year = ok("stats", "--year", "2025", "--json").json()
    assert year["period"] == {"start": "2025-01-01", "end": "2025-12-31", "year": 2025}
    assert year["touches_per_day"] == touches_per_day(demo, date(2025, 1, 1), date(2025, 12, 31))

    tagged = {t["contact_id"] for t in demo["tags"] if t["name"] == "client"}
    start = period_for(DAY, None).start.isoformat()
    interactions = {
        p["interaction_id"]: p["happened_on"]
        for p in demo["participants"]
        if p["contact_id"] in tagged and p["happened_on"] >= start
    }
    doc = ok("stats", "--tag", "CLIENT", "--json").json()
    assert doc["touches_per_day"] == dict(sorted(Counter(interactions.values()).items()))
    assert doc["tag"] == "CLIENT"
    assert doc["health"] == expected_health(demo, DAY, only=tagged)
    assert doc["health"] != expected_health(demo, DAY)

    busiest = Counter(p["contact_id"] for p in demo["participants"]).most_common(1)[0][0]
    one = ok("stats", f"#{busiest}", "--json").json()
    days = Counter(
        p["happened_on"]
        for p in demo["participants"]
        if p["contact_id"] == busiest and p["happened_on"] >= start
    )
    assert one["person"]["id"] == busiest
    assert one["touches_per_day"] == dict(sorted(days.items()))


def test_most_and_least_touched_and_connectors(ok: Run, demo: dict[str, Any]) -> None:
    doc = ok("stats", "--json").json()
    start = period_for(DAY, None).start.isoformat()
    rhythm = {c["id"] for c in demo["contacts"] if c["every_days"] and not c["archived"]}
    counts = Counter(
        p["contact_id"]
        for p in demo["participants"]
        if p["contact_id"] in rhythm and p["happened_on"] >= start
    )
    touches = [t["touches"] for t in doc["most_touched"]]
    assert touches == sorted(counts.values(), reverse=True)[:5]
    assert [t["touches"] for t in doc["least_touched"]] == sorted(
        [counts.get(i, 0) for i in rhythm]
    )[:5]
    via = Counter(c["introduced_by_id"] for c in demo["contacts"] if c["introduced_by_id"])
    assert [c["introduced"] for c in doc["helping"]["top_connectors"]] == sorted(
        via.values(), reverse=True
    )[:5]
    assert doc["helping"]["introductions_made"] == 0  # no introduction table yet


# --- what a person sees -------------------------------------------------------------------------


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A 60-column terminal (render/output.py reads COLUMNS for every console it hands out)."""
    monkeypatch.setenv("COLUMNS", "60")
    yield


def test_the_screen_reads_without_colour_and_fits_60_columns(
    ok: Run, demo: dict[str, Any], narrow: None
) -> None:
    out = ok("stats").stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 60
    for heading in ("Relationship health", "Touches per month", "Promises", "Helping"):
        assert heading in out
    grid = out.splitlines()[2:9]  # title, months, then Monday to Sunday
    assert [line[:3] for line in grid] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"]
    assert any(shade in "".join(grid) for shade in SHADES[1:])
    assert re.search(r"\bJan\b.*\bJun\b", out.splitlines()[1])


@pytest.mark.parametrize("columns", [60, 100, 160])
@pytest.mark.parametrize(
    ("today", "months"),
    [
        # The period starts on Mon 2025-12-08: in one-character cells December's three weeks
        # give way to "Jan".
        ("2026-12-01", ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct"]),
        ("2026-11-22", ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"]),
    ],
)
def test_every_whole_month_is_labelled_at_any_width(
    ok: Run, monkeypatch: pytest.MonkeyPatch, columns: int, today: str, months: list[str]
) -> None:
    ok("add", "Ann Lee")
    monkeypatch.setenv("CONNECT_TODAY", today)
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = ok("stats").stdout.splitlines()
    labels = lines[1].split()
    assert " ".join(months) in " ".join(labels)
    assert all(len(label) == 3 for label in labels)  # none cut at the grid's edge
    assert max(len(line) for line in lines) <= columns


def test_an_empty_journal_draws_calmly(ok: Run) -> None:
    ok("add", "Ann Lee")
    out = ok("stats").stdout
    assert "0 touches" in out and "0 introductions made" in out


def test_svg_is_a_private_xml_file_and_is_not_overwritten(
    ok: Run, run: Run, demo: dict[str, Any], tmp_path: Path
) -> None:
    ok("add", "Aaa <b> & 'c' \"d\"", "--every", "1y", "--met-on", "2026-11-01")  # least touched
    target = tmp_path / "out.svg"
    result = ok("stats", "--svg", str(target))
    assert str(target) in result.stdout
    root = ElementTree.parse(target).getroot()
    assert root.tag.endswith("svg")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Relationship" in target.read_text()
    assert "Aaa&#160;&lt;b&gt;&#160;&amp;" in target.read_text()  # user text is escaped

    again = run("stats", "--svg", str(target))
    assert again.exit_code == 1 and "--force" in again.stderr and again.stdout == ""
    ok("stats", "--svg", str(target), "--force")

    page = tmp_path / "out.html"
    ok("stats", "--html", str(page))
    assert page.read_text().lstrip().lower().startswith("<!doctype html")


@pytest.mark.parametrize("kind", ["svg", "html"])
def test_a_saved_picture_fetches_nothing(
    ok: Run, demo: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    """Opening the file must not reach the network: fonts are named, never loaded from a URL."""
    target = tmp_path / f"out.{kind}"
    ok("stats", f"--{kind}", str(target))
    text = target.read_text()
    urls = set(re.findall(r"https?://[^\s\"'()<>]+", text, flags=re.IGNORECASE))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace is a name, not a fetch
    assert not re.search(r"url\(\s*['\"]?(?!#)", text)  # url(#clip) points inside the file
    for fetch in ("@font-face", "@import", "<script", "<link", "src=", "href="):
        assert fetch not in text.lower()
    assert "monospace" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "20260"], "--year"),
        (["nobody-at-all"], "nobody-at-all"),
        (["--tag", "nosuchtag"], "No one has the tag 'nosuchtag'"),
        (["--tag", "nosuchtag", "--json"], "No one has the tag 'nosuchtag'"),
        (["--svg", "a.svg", "--html", "b.html"], "not both"),
    ],
)
def test_mistakes_are_one_sentence(ok: Run, run: Run, args: list[str], message: str) -> None:
    ok("add", "Ann Lee")
    result = run("stats", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_show_gains_a_twelve_month_touch_line(ok: Run) -> None:
    ok("add", "Ann Lee", "--every", "monthly")
    ok("log", "ann", "coffee", "--on", "2026-11-02")
    ok("log", "ann", "call", "--on", "2026-11-20")
    ok("log", "ann", "lunch", "--on", "2026-06-03")
    ok("log", "ann", "old", "--on", "2025-11-30")  # thirteen months back: not shown
    doc = ok("show", "ann", "--json").json()
    assert doc["touches_by_month"] == [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2]
    out = ok("show", "ann").stdout
    assert "Touches" in out and "3 in 12 months" in out and "▄" in out and "█" in out


# --- the rules behind the picture ---------------------------------------------------------------


def test_periods_and_months() -> None:
    period = period_for(DAY, None)
    assert period.start.weekday() == 0 and period.weeks == 52 and period.end == DAY
    assert period_for(DAY, 2024).weeks == 53  # 2024-01-01 is a Monday; Dec 30-31 spill over
    assert months_ending(date(2026, 2, 10), 3) == ["2025-12", "2026-01", "2026-02"]
    with pytest.raises(InputError):
        period_for(DAY, 1800)


@pytest.mark.parametrize(
    ("count", "busiest", "expected"),
    [(0, 5, 0), (1, 100, 1), (25, 100, 1), (26, 100, 2), (100, 100, 4), (3, 0, 0)],
)
def test_levels(count: int, busiest: int, expected: int) -> None:
    assert level(count, busiest) == expected


def test_sparkline_and_bar() -> None:
    assert sparkline([0, 1, 8]) == " ▁█"
    assert sparkline([0, 0]) == "  "
    assert split_bar([1, 0, 1000], 10) == [1, 0, 9]
    assert sum(split_bar([3, 3, 3], 10)) == 10
    assert split_bar([0, 0], 10) == [0, 0]


def test_helping_counts_the_introductions_made_and_the_needs_they_met(ok: Run) -> None:
    ok("add", "Linda Holcman", "--need", "hiring a VP Sales")
    ok("add", "Bob Stone", "--offer", "knows many sales leaders", "--title", "VP Sales")
    ok("add", "Cy Park", "--need", "a tax accountant")
    ok("add", "Dee Ash", "--offer", "tax accounting")
    ok("intro", "linda", "bob", "--for", "VP Sales")
    ok("intro", "cy", "dee")
    ok("intro", "1", "--outcome", "helped")
    helping = ok("stats", "--json").json()["helping"]
    assert helping["introductions_made"] == 2
    assert helping["introduction_outcomes"] == {"helped": 1, "pending": 1}
    assert helping["needs_met"] == 1
    assert "2 introductions made · 1 need met" in ok("stats").stdout
    review = ok("review", "--json").json()
    assert review["introductions_made"] == 2
    ok("forget", "dee", "--yes")  # a forgotten side still counts; it just names nobody
    assert ok("stats", "--json").json()["helping"]["introductions_made"] == 2
