"""The bad-input catalogue thrown at every command.

Each case must end with one clear sentence on stderr, exit 1 (2 for usage mistakes), nothing on
stdout, no traceback, no raw control codes, and a journal that is exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.domain.drafts import MAX_FIELD, MAX_NAME, MAX_NOTE
from tests.conftest import ON_SERVER, Run
from tests.conftest import _server_admin as server_admin
from tests.conftest import _server_database_url as server_database_url

HUGE_NOTE = "n" * (MAX_NOTE + 1)
HUGE_NAME = "N" * (MAX_NAME + 1)
HUGE_FIELD = "f" * (MAX_FIELD + 1)
MARKUP = "[bold red]boom[/] [/]"
ESCAPES = "\x1b[31mred\x1b]0;title\x07\x9b2J\u202eevil"
NUL = "before\x00after"

BAD_DATES = [
    "Feb 30",
    "2023-02-29",
    "2026-13-01",
    "31/31/2026",
    "not a date",
    "",
    "   ",
    MARKUP,
    ESCAPES,
    "0000-00-00",
    "99999-01-01",
]
FUTURE = ["2030-01-01", "tomorrow", "in 3 days", "next year"]
BAD_RHYTHMS = ["0d", "-3w", "fortnightly-ish", "every", "", "1000000y", MARKUP, ESCAPES]
BAD_WHOS = ["nobody at all", "#999", "#0", "#-1", "#abc", "", "   ", MARKUP, ESCAPES, NUL, "sam"]
BAD_TEXTS = ["", "   ", HUGE_NOTE, NUL]
BAD_FIELDS = ["", "   ", HUGE_FIELD, NUL]

Case = tuple[str, list[str], int]  # (what, argv, exit code)


def _cases(tmp: Path) -> list[Case]:
    cases: list[Case] = []

    def add(what: str, argv: list[str], code: int = 1) -> None:
        cases.append((what, argv, code))

    # add
    for name in ["", "   ", HUGE_NAME, NUL]:
        add("add name", ["add", name])
    add("add duplicate", ["add", "Linda Holcman"])
    for option in [
        "--company",
        "--title",
        "--location",
        "--met-at",
        "--like",
        "--family",
        "--need",
        "--fact",
        "--nickname",
        "--tag",
        "--email",
        "--phone",
        "--url",
    ]:
        for value in BAD_FIELDS:
            add(f"add {option}", ["add", "New Person", option, value])
    for value in BAD_DATES + FUTURE[:1]:
        add("add --met-on", ["add", "New Person", "--met-on", value])
    for value in ["Feb 30", "2023-02-29", "13-01", "not a date", "", MARKUP, ESCAPES]:
        add("add --birthday", ["add", "New Person", "--birthday", value])
    for value in ["=03-01", "label=Feb 30", "no equals sign", "x=", "", f"{HUGE_NAME}=03-01"]:
        add("add --date", ["add", "New Person", "--date", value])
    for value in BAD_RHYTHMS:
        add("add --every", ["add", "New Person", "--every", value])
    for value in BAD_WHOS:
        add("add --via", ["add", "New Person", "--via", value])
    for value in BAD_TEXTS:
        add("add --note", ["add", "New Person", "--note", value])
    add("add --due alone", ["add", "New Person", "--due", "friday"])
    for value in BAD_DATES:
        add("add --due", ["add", "New Person", "--follow-up", "call", "--due", value])
    add("add --follow-up empty", ["add", "New Person", "--follow-up", ""])
    # log
    for who in BAD_WHOS:
        add("log WHO", ["log", who, "hello"])
        add("log --with", ["log", "linda", "hello", "--with", who])
    for text in BAD_TEXTS:
        add("log text", ["log", "linda", text])
    for value in BAD_DATES + FUTURE:
        add("log --on", ["log", "linda", "hello", "--on", value])
    for value in ["party", "", MARKUP, ESCAPES]:
        add("log --kind", ["log", "linda", "hello", "--kind", value])
    add("log --due alone", ["log", "linda", "hello", "--due", "friday"])
    for value in BAD_DATES:
        add("log --due", ["log", "linda", "hello", "--follow-up", "x", "--due", value])
    # show, archive, forget, edit
    for who in BAD_WHOS:
        add("show", ["show", who])
        add("show --json", ["show", who, "--json"])
        add("archive", ["archive", who])
        add("archive --undo", ["archive", who, "--undo"])
        add("forget", ["forget", who, "--yes"])
        add("edit WHO", ["edit", who, "--title", "CTO"])
    add("forget without --yes", ["forget", "linda"])
    add("edit nothing", ["edit", "linda"])
    for option, values in [
        ("--name", ["", HUGE_NAME, NUL]),
        ("--birthday", ["Feb 30", "x"]),
        ("--every", BAD_RHYTHMS),
        ("--met-on", BAD_DATES + FUTURE[:1]),
        ("--drop", ["bogus", "tag:", "kind:x", ""]),
        ("--clear", ["bogus", "", MARKUP]),
        ("--via", BAD_WHOS + ["linda"]),
        ("--company", BAD_FIELDS),
    ]:
        for value in values:
            add(f"edit {option}", ["edit", "linda", option, value])
    # config
    for key, value in [
        ("bogus", None),
        ("bogus", "1"),
        ("limit", "0"),
        ("limit", "abc"),
        ("limit", ""),
        ("limit", "101"),
        ("horizon", "999"),
        ("every", "0d"),
        ("every", "fortnightly-ish"),
        ("me", "not-an-address"),
        ("me", MARKUP),
        ("feed", "notes.txt"),
        (MARKUP, "1"),
        (ESCAPES, None),
    ]:
        add("config", ["config", key] + ([value] if value is not None else []))
    # backup, restore
    existing = tmp / "existing.db"
    add("backup over a file", ["backup", str(existing)])
    add("backup into a missing folder", ["backup", str(tmp / "missing" / "b.db")])
    for name in ["garbage.db", "truncated.db", "empty.db", "foreign.db", "nothing-here.db"]:
        add(f"restore {name}", ["restore", str(tmp / name), "--yes"])
    add("restore the journal itself", ["restore", "{journal}", "--yes"])
    add("restore without --yes", ["restore", "{good}"])
    cases += _cases_for_other_commands(tmp)
    # usage mistakes (exit 2)
    for argv in (
        ["log"],
        ["show"],
        ["forget"],
        ["archive"],
        ["restore"],
        ["add", "--bogus"],
        ["list", "--sort", "bogus"],
        ["doctor", "--bogus"],
        ["nonsense-command"],
        ["log", "linda", "x", "--on"],
        ["backup", "a", "b"],
        ["config", "horizon", "-1"],
    ):
        add("usage", argv, 2)
    return cases


USAGE_OR_INPUT = -1  # exit 1 or 2: either a sentence from us or a usage error from Typer


def registered() -> set[str]:
    from connect_cli.cli.app import app

    return {
        (c.name or c.callback.__name__).rstrip("_").replace("_", "-")  # type: ignore[union-attr]
        for c in app.registered_commands
    }


def _cases_for_other_commands(tmp: Path) -> list[Case]:
    """Commands that arrive from other branches: their cases run once the command exists."""
    table: dict[str, list[tuple[list[str], int]]] = {
        "today": [(["today", "--limit", v], USAGE_OR_INPUT) for v in ["0", "-1", "abc", ""]]
        + [(["today", "--horizon", v], USAGE_OR_INPUT) for v in ["-1", "abc", "100000"]],
        "snooze": [(["snooze", w, "2w"], 1) for w in BAD_WHOS]
        + [
            (["snooze", "linda", v], 1)
            for v in ["fortnightly-ish", "Feb 30", "2023-02-29", "", MARKUP, ESCAPES]
        ]
        + [(["snooze", "linda", "-3d"], 2)]
        + [(["snooze", "linda", "2w", "--off"], 1)],
        "followups": [(["followups", "--bogus"], 2)],
        "done": [(["done", v], 1) for v in ["abc", "999", "0", "", MARKUP, ESCAPES, "#x"]]
        + [(["done", "-1"], 2)]
        + [(["done", "1", "--kind", v], 1) for v in ["party", "", MARKUP]]
        + [(["done", "1", "--note", v], 1) for v in BAD_TEXTS]
        + [(["done", "1", "--with", w], 1) for w in BAD_WHOS],
        "fix": [(["fix", v, "x"], 1) for v in ["abc", "999", "", MARKUP, ESCAPES, "#x"]]
        + [(["fix", "1", v], 1) for v in BAD_TEXTS]
        + [(["fix", "1", "--with", w], 1) for w in BAD_WHOS]
        + [(["fix", "1", "--on", v], 1) for v in ["Feb 30", "tomorrow", "", MARKUP]],
        "promise": [(["promise", v, "--due", "friday"], 1) for v in ["abc", "999", "", MARKUP]]
        + [(["promise", "1", "--text", v], 1) for v in BAD_TEXTS]
        + [(["promise", "1", "--due", v], 1) for v in ["Feb 30", "", MARKUP, ESCAPES]],
        "cancel": [(["cancel", v], 1) for v in ["abc", "999", "", MARKUP, ESCAPES, "#x"]],
        "unlog": [(["unlog", v, "--yes"], 1) for v in ["abc", "999", "", MARKUP, ESCAPES]],
        "history": [(["history", "--with", w], 1) for w in BAD_WHOS]
        + [(["history", "--kind", v], 1) for v in ["party", "", MARKUP]]
        + [(["history", "--since", v], 1) for v in ["Feb 30", "", MARKUP, ESCAPES]],
        "prep": [(["prep", w], 1) for w in BAD_WHOS]
        + [(["prep", w, "--json"], 1) for w in BAD_WHOS],
        "demo": [(["demo", "--contacts", v], USAGE_OR_INPUT) for v in ["-1", "abc", "100000000"]]
        + [(["demo", "--interactions", v], USAGE_OR_INPUT) for v in ["-5", "abc"]],
        "export": [
            (["export", "--format", "bogus"], 2),
            (["export", "--what", "bogus"], USAGE_OR_INPUT),
            (["export", "-o", str(tmp / "existing.db")], 1),
            (["export", "-o", str(tmp / "missing" / "x.csv")], 1),
            (["export", "--vcard-version", "9.9", "--format", "vcard"], USAGE_OR_INPUT),
        ]
        + [(["export", "--since", v], 1) for v in ["Feb 30", "not a date", "2030-01-01x", MARKUP]],
        "merge": [(["merge", "linda", "linda", "--yes"], 1)]
        + [(["merge", w, "linda", "--yes"], 1) for w in BAD_WHOS]
        + [(["merge", "linda", w, "--yes"], 1) for w in BAD_WHOS],
        "import": [
            (["import", str(tmp / name), "--yes"], 1)
            for name in [
                "garbage.csv",
                "empty.csv",
                "headeronly.csv",
                "dupcols.csv",
                "broken.vcf",
                "garbage.json",
                "binary.csv",
                "nothing-here.csv",
                "garbage.db",
            ]
        ]
        + [
            (["import", str(tmp / "people.csv"), "--format", "bogus", "--yes"], USAGE_OR_INPUT),
            (["import", str(tmp / "people.csv"), "--encoding", "no-such-codec", "--yes"], 1),
            (["import", str(tmp / "people.csv")], 1),  # no --yes without a terminal
            (["import", str(tmp / "broken.ics"), "--yes"], 1),
            (["import", str(tmp / "mail.mbox"), "--yes"], 1),  # who "you" are is not set
            (["import", str(tmp / "calendar.ics"), "--since", "Feb 30", "--yes"], 1),
            (["import", str(tmp / "calendar.ics"), "--since", MARKUP, "--yes"], 1),
            (["import", str(tmp / "mail.mbox"), "--add-unknown", "--yes"], 1),
            (["import", str(tmp / "people.csv"), "--add-unknown", "--yes"], 2),
        ],
        "stats": [(["stats", "--year", v], USAGE_OR_INPUT) for v in ["abc", "-1", "99999"]]
        + [(["stats", w], 1) for w in BAD_WHOS]
        + [(["stats", "--svg", str(tmp / "missing" / "x.svg")], 1)]
        + [(["stats", "--html", str(tmp / "existing.db")], 1)],
        "review": [(["review", "--week", "--month"], USAGE_OR_INPUT)],
        "intros": [(["intros", "--limit", v], USAGE_OR_INPUT) for v in ["0", "-1", "abc"]]
        + [(["intros", w], 1) for w in BAD_WHOS],
        "intro": [
            (["intro", "linda", "linda"], 1),
            (["intro", "linda"], 1),
            (["intro", "99", "--outcome", "bogus"], USAGE_OR_INPUT),
            (["intro", "99", "--outcome", "helped"], 1),
            (["intro", "linda", "bob", "--check-in", "xyz"], 1),
        ]
        + [(["intro", "linda", w], 1) for w in BAD_WHOS],
        "feed": [(["feed"], 1), (["feed", "--bogus"], 2)],
        "search": [(["search", "x", "--limit", v], USAGE_OR_INPUT) for v in ["0", "-1", "abc"]]
        + [(["search", "x", "--since", v], 1) for v in ["Feb 30", "not a date", MARKUP]],
    }
    present = registered()
    return [
        (name, argv, code) for name, rows in table.items() if name in present for argv, code in rows
    ]


def _files(tmp: Path, good: Path) -> None:
    import sqlite3

    (tmp / "existing.db").write_bytes(b"precious")
    (tmp / "garbage.db").write_bytes(b"\x00garbage" * 500)
    (tmp / "truncated.db").write_bytes(good.read_bytes()[:5000])
    (tmp / "empty.db").write_bytes(b"")
    (tmp / "garbage.csv").write_bytes(b"\xff\xfe\x00junk,,,\n\x00\x01")
    (tmp / "empty.csv").write_bytes(b"")
    (tmp / "headeronly.csv").write_text("First Name,Last Name,E-mail Address\n")
    (tmp / "dupcols.csv").write_text("Name,Email,Email\nAnn Duplicate,a@x.test,b@x.test\n")
    (tmp / "broken.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Half A Card\nEMAIL:h@x.test\n")
    (tmp / "garbage.json").write_text("{not json")
    (tmp / "binary.csv").write_bytes(bytes(range(256)) * 20)
    (tmp / "people.csv").write_text("Name,Email\nNew Importee,new@x.test\n")
    (tmp / "broken.ics").write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261301T990000\n")
    (tmp / "calendar.ics").write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//EN\nBEGIN:VEVENT\nUID:a@x\n"
        "DTSTART:20261101T100000Z\nSUMMARY:Hi\nATTENDEE:mailto:linda@x.test\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    (tmp / "mail.mbox").write_text(
        "From x Mon Oct 05 09:12:00 2026\nFrom: a@x.test\nTo: b@x.test\nSubject: Hi\n"
        "Date: Mon, 5 Oct 2026 10:00:00 +0000\nMessage-ID: <1@x>\n\nBody\n"
    )
    foreign = sqlite3.connect(tmp / "foreign.db")
    foreign.execute("CREATE TABLE t (x)")
    foreign.commit()
    foreign.close()


CASES = _cases(Path("/TMP"))  # ids only; the real paths are made per test


# Who is in the journal every case runs against: a name to find, two that share a first name.
PEOPLE = (
    ["add", "Linda Holcman", "-e", "linda@acme.test", "--note", "first coffee",
     "--follow-up", "send the deck"],
    ["add", "Sam Lee"],
    ["add", "Sam Park"],
)  # fmt: skip


def _fill(journal: str) -> None:
    from typer.testing import CliRunner

    from connect_cli.cli.app import app

    env = {"CONNECT_DB": journal, "CONNECT_TODAY": "2026-11-22"}
    for argv in PEOPLE:
        assert CliRunner().invoke(app, argv, env=env).exit_code == 0


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One journal with people, a backup of it and a set of bad files, made once; each test
    gets a copy of the journal."""
    from typer.testing import CliRunner

    from connect_cli.cli.app import app

    folder = tmp_path_factory.mktemp("bad-input")
    _fill(str(folder / "connect.db"))
    env = {"CONNECT_DB": str(folder / "connect.db"), "CONNECT_TODAY": "2026-11-22"}
    assert CliRunner().invoke(app, ["backup", str(folder / "good.db")], env=env).exit_code == 0
    _files(folder, folder / "good.db")
    return folder


@pytest.fixture(scope="module")
def server_template() -> Iterator[str | None]:
    """On a server (ON_SERVER), a database holding the same people, copied for each test."""
    if not ON_SERVER:
        yield None
        return
    name = f"bad_input_template_{os.getpid()}"
    server_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    server_admin(f"CREATE DATABASE {name}")
    try:
        _fill(server_database_url(name))
        yield name
    finally:
        server_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def journal_with_people(
    template: Path, server_template: str | None, private_journal: Path | str
) -> Callable[[str], str]:
    if isinstance(private_journal, str):  # the test's own server database, made a copy
        assert server_template is not None
        name = urlsplit(private_journal).path.lstrip("/")
        server_admin(f"DROP DATABASE {name} WITH (FORCE)")
        server_admin(f"CREATE DATABASE {name} TEMPLATE {server_template}")
    else:
        shutil.copyfile(template / "connect.db", private_journal)  # closed, no -wal: whole
        private_journal.chmod(0o600)

    def place(arg: str) -> str:
        return (
            arg.replace("/TMP", str(template))
            .replace("{journal}", str(private_journal))
            .replace("{good}", str(template / "good.db"))
        )

    return place


def check_refused(result, code: int) -> None:  # type: ignore[no-untyped-def]
    expected = (1, 2) if code == USAGE_OR_INPUT else (code,)
    assert result.exit_code in expected, (
        result.exit_code,
        result.stdout[-300:],
        result.stderr[-300:],
    )
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (
        "\x1b" not in result.stderr
        and "\x9b" not in result.stderr
        and "\u202e" not in result.stderr
    )
    assert "Error: " in result.stderr
    message = result.stderr[result.stderr.index("Error: ") :]
    assert len(message) < 600  # one sentence (plus candidates for an ambiguous name), not a dump


def test_the_catalogue_is_large() -> None:
    print(f"\nbad inputs tried: {len(CASES)} cases")
    assert len(CASES) > 250
    commands = {argv[0] for _, argv, _ in CASES}
    untested = registered() - commands - {"where"}  # `where` takes no input
    assert untested == set(), f"add bad-input cases for {sorted(untested)}"


@pytest.mark.parametrize(
    ("what", "argv", "code"), CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)]
)
def test_bad_input_is_refused_plainly(
    run: Run, journal_with_people: Callable[[str], str], dump, what: str, argv: list[str], code: int
) -> None:
    before = dump()
    result = run(*[journal_with_people(a) for a in argv])
    check_refused(result, code)
    assert dump() == before


@settings(max_examples=200, deadline=None)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["name", "company", "title", "location", "met_at", "met_on", "via", "birthday", "every"]
        ),
        st.text(max_size=40),
    ),
    lists=st.dictionaries(
        st.sampled_from(
            ["nickname", "email", "phone", "url", "tag", "date", "like", "fact", "drop", "clear"]
        ),
        st.lists(st.text(max_size=30), max_size=3),
    ),
)
def test_any_profile_input_builds_or_says_why(
    fields: dict[str, str], lists: dict[str, list[str]]
) -> None:
    """Whatever a user types into add/edit options: a draft, or an InputError sentence."""
    from datetime import date

    from connect_cli.domain.drafts import RawPerson, build_draft
    from connect_cli.domain.errors import InputError

    try:
        build_draft(RawPerson(**fields, **lists), date(2026, 11, 22))  # type: ignore[arg-type]
    except InputError as error:
        assert str(error).strip().endswith((".", "?", ")")), str(error)


SEARCH_QUERIES = [
    "O'Brien",
    "AT&T",
    'john"',
    "NOT",
    "AND OR",
    "email:x",
    "",
    "   ",
    "*",
    "(",
    ")",
    "a NEAR/3",
    "^x",
    "-x",
    "+",
    MARKUP,
    ESCAPES,
    NUL,
    HUGE_FIELD,
    '"unclosed',
]


@pytest.mark.parametrize("query", SEARCH_QUERIES)
def test_search_takes_anything_typed(
    run: Run, journal_with_people: Callable[[str], str], dump, query: str
) -> None:
    """Search answers or refuses with a sentence; FTS5's own syntax errors never show."""
    before = dump()
    result = run("search", "--", query)  # `--`: a query may start with a dash
    assert result.exit_code in (0, 1), result.stderr
    said = result.stdout + result.stderr
    assert "Traceback" not in said and "fts5" not in said.lower() and "syntax error" not in said
    assert "\x1b" not in said and "internal error" not in said
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ") and result.stdout == ""
    assert dump() == before
