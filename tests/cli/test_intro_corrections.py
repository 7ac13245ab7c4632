"""An introduction is made only by `connect intro`, and taken back whole by `unlog` (#16).

Decisions: `log`/`done --note`/`fix` refuse `--kind intro` with a sentence pointing to
`connect intro A B`; `fix --kind` refuses to turn an introduction's interaction into another kind
(pointing to `unlog`); `unlog` of an `intro` interaction deletes its introduction record, the
check-in promises made with it, and reopens the need it met.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run, journal_dump


def introduced(ok: Run) -> int:
    """Priya needs fintech angels, Tom offers them, and Priya was introduced to Tom: the
    interaction's id."""
    ok("add", "Priya Shah", "--need", "intros to fintech angels")
    ok("add", "Tom Becker", "--offer", "angel and seed investing in fintech")
    ok("intro", "priya", "tom", "--for", "fintech")
    shown = ok("show", "priya", "--json").json()
    return next(t["id"] for t in shown["interactions"] if t["kind"] == "intro")


def test_unlog_of_an_intro_takes_its_introduction_and_check_ins(ok: Run) -> None:
    number = introduced(ok)
    assert len(ok("followups", "--json").json()) == 2
    out = ok("unlog", str(number), "--yes").stdout
    assert out.strip() == (
        f"Deleted interaction #{number} and introduction #1 with it (and its check-in promises)."
    )
    assert ok("intros", "--made", "--json").json() == []
    assert ok("followups", "--json").json() == []
    assert ok("prep", "priya", "--json").json()["helping"]["introductions"] == []
    # the pair may be suggested again: it was never made
    assert "Introduce Priya Shah to Tom Becker" in ok("intros").stdout


def test_unlog_of_a_helped_intro_reopens_the_need_it_met(ok: Run) -> None:
    number = introduced(ok)
    ok("intro", "1", "--outcome", "helped")
    assert ok("show", "priya", "--json").json()["facts"]["needs"] == []
    ok("unlog", str(number), "--yes")
    card = ok("show", "priya", "--json").json()
    assert card["facts"]["needs"] == ["intros to fintech angels"]
    assert card["helping"]["met_needs"] == []


def test_unlog_of_another_interaction_says_nothing_of_introductions(ok: Run) -> None:
    introduced(ok)
    ok("log", "priya", "Coffee", "--kind", "meal")
    shown = ok("show", "priya", "--json").json()
    meal = next(t["id"] for t in shown["interactions"] if t["kind"] == "meal")
    assert ok("unlog", str(meal), "--yes").stdout.strip() == f"Deleted interaction #{meal}."
    assert len(ok("intros", "--made", "--json").json()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("log", "priya", "Introduced her to Tom", "--kind", "intro"),
        ("log", "priya", "Introduced her to Tom", "--kind", " INTRO "),
        ("done", "1", "--note", "Introduced them", "--kind", "intro"),
        ("fix", "{meal}", "--kind", "intro"),
        ("fix", "{intro}", "--kind", "call"),
    ],
    ids=["log", "log-spaced", "done", "fix-into-intro", "fix-out-of-intro"],
)
def test_an_intro_kind_by_hand_is_refused_in_one_sentence(
    run: Run, ok: Run, private_journal: Path | str, args: tuple[str, ...]
) -> None:
    number = introduced(ok)
    ok("log", "priya", "Coffee", "--kind", "meal")
    shown = ok("show", "priya", "--json").json()
    meal = next(t["id"] for t in shown["interactions"] if t["kind"] == "meal")
    before = journal_dump(private_journal)
    typed = [a.format(meal=meal, intro=number) for a in args]
    result = run(*typed)
    assert result.exit_code != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    if "call" in typed:
        assert f"`connect unlog {number}`" in lines[0]
    else:
        assert "`connect intro A B`" in lines[0]
    assert journal_dump(private_journal) == before  # nothing written


def test_an_intro_interaction_without_its_record_may_change_kind(ok: Run) -> None:
    number = introduced(ok)
    ok("merge", "tom", "priya", "--yes")  # the record goes; the interaction stays
    assert ok("intros", "--made", "--json").json() == []
    assert ok("fix", str(number), "--kind", "note").stdout.strip() == f"Fixed interaction #{number}."
