"""Generated journals exported and imported back into an empty journal, through every format that
`connect import` reads and that carries notes: the notes CSV and JSON.

What must come back: the people present at notes (names with `;`, `,`, quotes, backslashes and
non-ASCII whole, never split), each note (text, day, time, kind, the people present), each
person's tags, and each promise made at a note (text, due day, kept or not, the day it was kept).
JSON brings back everything, so it is also held to the exact `done_at` and to the promises not
made at a note; the notes CSV has no row for those and says on stderr how many it left out.

Known limit, not generated: two notes with the same day, kind and text shared by the same person
are one note after an import (the importer takes the second for the first, as on a re-import).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.domain.matching import fold
from connect_cli.read.export import clock
from tests.conftest import TODAY, Run

STAMP = "2026-01-01 00:00:00.000000"
KINDS = ("meeting", "call", "meal", "note")
# Biased towards what the CSV cells, the name lists and the formula guard care about.
ALPHABET = list("ab yz;,\"'\\|=+-@é王Ж") + ["\U0001f600"]


def words(min_size: int = 1, max_size: int = 14) -> st.SearchStrategy[str]:
    """Text as the journal keeps it: spaces evened out, not empty."""
    raw = st.text(st.sampled_from(ALPHABET), min_size=min_size, max_size=max_size)
    return raw.map(lambda text: " ".join(text.split())).filter(bool)


note_text = (
    st.text(st.sampled_from([*ALPHABET, "\n"]), min_size=1, max_size=30).map(str.strip).filter(bool)
)
days = st.dates(date(2020, 1, 1), date.fromisoformat(TODAY))
moments = st.none() | st.times().map(lambda t: time(t.hour, t.minute, t.second % 2 * 30))


@st.composite
def journals(draw: st.DrawFn) -> dict[str, list]:
    names = draw(st.lists(words(), min_size=1, max_size=6, unique_by=fold))
    people = [
        (cid, name, draw(st.lists(words(max_size=8).map(str.lower), max_size=2, unique_by=fold)))
        for cid, name in enumerate(names, start=1)
    ]
    # at least one note: a notes CSV with no rows has nobody to import
    texts = draw(st.lists(note_text, min_size=1, max_size=6, unique=True))
    notes, promises = [], []
    for iid, text in enumerate(texts, start=1):
        present = draw(st.lists(st.integers(1, len(people)), min_size=1, max_size=4, unique=True))
        notes.append((iid, draw(days), draw(moments), draw(st.sampled_from(KINDS)), text, present))
        for owner in draw(st.lists(st.sampled_from(present), max_size=3)):
            promises.append((owner, iid, *draw(promise)))
    for owner in draw(st.lists(st.integers(1, len(people)), max_size=2)):  # not made at a note
        promises.append((owner, None, *draw(promise)))
    return {"people": people, "notes": notes, "promises": promises}


promise = st.tuples(
    words(max_size=10),
    st.none() | days.map(date.isoformat),
    st.none() | days.map(lambda day: f"{day} 09:15:00.000000"),
)


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from connect_cli.core.journal import ensure_current
    from connect_cli.journal.sqlite import locate_journal

    path = tmp_path_factory.mktemp("template") / "empty.db"
    ensure_current(locate_journal(str(path)), create=True)
    return path


def copy(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)
    a.close()
    b.close()


def fill(path: Path, journal: dict[str, list]) -> None:
    from connect_cli.journal.sql_functions import register_functions

    db = sqlite3.connect(path)
    register_functions(db)  # the search triggers call connect_terms, as on every connection of ours
    db.executemany(
        "INSERT INTO contact (id, name, every_days, archived, created_at, updated_at) "
        "VALUES (?, ?, 30, 0, ?, ?)",
        [(cid, name, STAMP, STAMP) for cid, name, _ in journal["people"]],
    )
    db.executemany(
        "INSERT INTO tag (contact_id, name) VALUES (?, ?)",
        [(cid, tag) for cid, _, tags in journal["people"] for tag in tags],
    )
    for iid, day, moment, kind, text, present in journal["notes"]:
        at = moment.isoformat(timespec="microseconds") if moment else None
        db.execute(
            "INSERT INTO interaction VALUES (?, ?, ?, ?, ?, ?)", (iid, day, at, kind, text, STAMP)
        )
        db.executemany(
            "INSERT INTO participant VALUES (?, ?, ?)", [(iid, cid, day) for cid in present]
        )
    db.executemany(
        "INSERT INTO followup (contact_id, interaction_id, text, due_on, done_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(*row, STAMP) for row in journal["promises"]],
    )
    db.commit()
    db.close()


def contents(path: Path, *, exact: bool) -> dict[str, Counter]:
    """What the round trip must keep, by name (ids differ); `exact`: everything JSON keeps."""
    db = sqlite3.connect(path)
    names = dict(db.execute("SELECT id, name FROM contact"))
    at_notes = {cid for (cid,) in db.execute("SELECT contact_id FROM participant")}
    kept = set(names) if exact else at_notes
    tags = Counter((names[cid], tag) for cid, tag in db.execute("SELECT contact_id, name FROM tag"))
    present: dict[int, set[str]] = {}
    for iid, cid in db.execute("SELECT interaction_id, contact_id FROM participant"):
        present.setdefault(iid, set()).add(names[cid])
    notes = {
        iid: (str(day), clock(at) if at else "", kind, text, frozenset(present[iid]))
        for iid, day, at, kind, text in db.execute(
            "SELECT id, happened_on, happened_time, kind, text FROM interaction"
        )
    }
    promises = Counter(
        (
            names[cid],
            notes[iid] if iid else None,
            text,
            due and str(due)[:10],
            done if exact or done is None else str(done)[:10],
        )  # fmt: skip
        for cid, iid, text, due, done in db.execute(
            "SELECT contact_id, interaction_id, text, due_on, done_at FROM followup"
        )
        if exact or iid is not None
    )
    db.close()
    return {
        "people": Counter(names[cid] for cid in kept),
        "tags": Counter({key: n for key, n in tags.items() if key[0] in {names[c] for c in kept}}),
        "notes": Counter(notes.values()),
        "promises": promises,
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(journal=journals())
@pytest.mark.parametrize(("form", "name"), [("csv", "notes.csv"), ("json", "journal.json")])
def test_a_journal_comes_back_whole_from_its_export(
    run: Run, empty_journal: Path, journal: dict[str, list], form: str, name: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target, file = Path(folder, "a.db"), Path(folder, "b.db"), Path(folder, name)
        copy(empty_journal, source)
        copy(empty_journal, target)
        fill(source, journal)
        exported = run("--db", str(source), "export", "-f", form, "-o", str(file))
        assert exported.exit_code == 0, exported.stderr
        apart = sum(1 for row in journal["promises"] if row[1] is None)
        assert (f"{apart} promise" in exported.stderr) == (form == "csv" and apart > 0)
        imported = run("--db", str(target), "import", str(file), "--yes")
        assert imported.exit_code == 0, imported.stderr
        assert contents(target, exact=form == "json") == contents(source, exact=form == "json")
