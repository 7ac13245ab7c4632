"""Long listings: a terminal gets a first page and a closing line; pipes and --json get everyone."""

from __future__ import annotations

import io
import json

import pytest

from connect_cli.render.output import dumps, print_json_list
from tests.conftest import Run

PEOPLE, SHOWN = 120, 50


@pytest.fixture
def crowd(ok: Run) -> None:
    ok("demo", "--contacts", str(PEOPLE), "--interactions", "600", "--seed", "5")


def names(ok: Run, *args: str) -> list[str]:
    return [p["name"] for p in ok("list", "--json", *args).json()]  # type: ignore[index,union-attr]


def test_a_terminal_gets_the_first_page_and_how_many_more(
    run: Run, ok: Run, crowd: None, terminal: None
) -> None:
    everyone = names(ok)
    result = run("list")
    assert result.exit_code == 0
    more = len(everyone) - SHOWN
    assert result.stderr.strip() == f"… and {more:,} more; `connect list --all` shows everyone."
    assert everyone[SHOWN - 1] in result.stdout and everyone[SHOWN] not in result.stdout


@pytest.mark.parametrize("sort", ["name", "recent", "overdue", "added"])
def test_a_page_is_the_start_of_the_whole_listing(
    run: Run, ok: Run, crowd: None, terminal: None, sort: str
) -> None:
    everyone = names(ok, "--sort", sort)
    page = run("list", "--sort", sort, "--limit", "7")
    shown = [line for line in page.stdout.splitlines()[1:] if line.strip()]
    assert len(shown) == 7
    for line, name in zip(shown, everyone[:7], strict=True):
        assert name[:10] in line
    assert f"… and {len(everyone) - 7:,} more" in page.stderr


def test_all_on_a_terminal_shows_everyone_without_the_closing_line(
    ok: Run, crowd: None, terminal: None
) -> None:
    everyone = names(ok)
    out = ok("list", "--all").stdout
    assert all(name[:10] in out for name in everyone)
    assert out.count("Last contact") == 1  # one heading, although drawn in chunks


def test_a_pipe_gets_everyone_as_tab_separated_lines(ok: Run, crowd: None) -> None:
    everyone = ok("list", "--json").json()
    lines = ok("list").stdout.splitlines()  # CliRunner's stdout is not a terminal
    assert lines[0].split("\t") == ["id", "name", "company", "tags", "last_contact", "rhythm"]
    rows = [line.split("\t") for line in lines[1:]]
    assert [(int(r[0]), r[1]) for r in rows] == [(p["id"], p["name"]) for p in everyone]  # type: ignore[index]
    assert [r[4] or None for r in rows] == [p["last_contact"] for p in everyone]  # type: ignore[index]


def test_a_limit_applies_to_pipes_and_json_and_says_what_is_left(
    run: Run, ok: Run, crowd: None
) -> None:
    everyone = names(ok)
    piped = run("list", "--limit", "3")
    assert piped.exit_code == 0 and len(piped.stdout.splitlines()) == 4
    assert f"… and {len(everyone) - 3:,} more" in piped.stderr
    assert names(ok, "--limit", "3") == everyone[:3]


def test_json_is_complete_on_a_terminal_too(ok: Run, crowd: None, terminal: None) -> None:
    assert len(names(ok)) == len(names(ok, "--all")) > SHOWN


def test_a_query_pages_what_it_matches(run: Run, ok: Run, crowd: None, terminal: None) -> None:
    matching = names(ok, "a")
    page = run("list", "a", "--limit", "2")
    assert page.exit_code == 0
    assert f"… and {len(matching) - 2:,} more" in page.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--limit", "0"], "--limit must be"), (["--limit", "3", "--all"], "not both")],
)
def test_impossible_pages_are_refused(run: Run, args: list[str], message: str) -> None:
    result = run("list", *args)
    assert result.exit_code == 1 and message in result.stderr and result.stdout == ""


def test_nobody_to_list_says_so_whatever_the_output(run: Run, ok: Run, terminal: None) -> None:
    ok("config", "limit", "5")  # a journal with nobody in it
    result = run("list")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Nobody to list yet" in result.stderr


def test_followups_page_on_a_terminal(run: Run, ok: Run, terminal: None) -> None:
    ok("demo", "--contacts", "600", "--interactions", "600", "--seed", "2")
    open_ones = ok("followups", "--json").json()
    every_one = ok("followups", "--all", "--json").json()
    assert len(open_ones) > SHOWN and len(every_one) > len(open_ones)
    page = run("followups")
    assert page.exit_code == 0
    more = len(open_ones) - SHOWN
    assert page.stderr.strip() == (
        f"… and {more:,} more; `connect followups --all` shows every promise, kept ones too."
    )
    assert f"\n{open_ones[SHOWN - 1]['id']} " in page.stdout  # type: ignore[index]
    everything = run("followups", "--all")
    assert everything.stderr == "" and "kept 20" in everything.stdout
    assert (
        [p["id"] for p in ok("followups", "--json", "--limit", "4").json()]
        == [  # type: ignore[union-attr]
            p["id"]
            for p in open_ones[:4]  # type: ignore[index]
        ]
    )


def test_followups_through_a_pipe_are_every_open_promise(ok: Run) -> None:
    ok("demo", "--contacts", "300", "--interactions", "300", "--seed", "2")
    open_ones = ok("followups", "--json").json()
    lines = ok("followups").stdout.splitlines()
    assert lines[0].split("\t") == ["id", "person", "promise", "due", "status"]
    assert [int(line.split("\t")[0]) for line in lines[1:]] == [p["id"] for p in open_ones]  # type: ignore[index]


@pytest.mark.parametrize(
    "documents", [[], [{"id": 1}], [{"id": 1, "tags": ["a", "b"], "x": {}}, {"id": 2, "t": []}]]
)
def test_a_streamed_json_list_is_the_same_text_as_the_whole(documents: list[object]) -> None:
    out = io.StringIO()
    print_json_list(iter(documents), file=out)
    assert out.getvalue() == dumps(documents) + "\n"
    assert json.loads(out.getvalue()) == documents


def test_someone_without_a_rhythm_says_it_once(ok: Run) -> None:
    ok("add", "Ann Lee", "--every", "never")
    ok("add", "Bob Stone", "--every", "2w", "--met-on", "2026-11-01")
    lines = ok("list").stdout.splitlines()
    ann = next(line for line in lines if "Ann Lee" in line)
    bob = next(line for line in lines if "Bob Stone" in line)
    assert ann.endswith("\tno rhythm") and bob.endswith("\tevery 2 weeks · overdue by 7 days")
    card = ok("show", "ann").stdout
    assert "no rhythm" in card and "no rhythm ·" not in card
