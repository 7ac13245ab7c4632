"""The notes CSV writer's fast paths against the spec written the plain way (csv.writer).

`write_notes` writes a row as if its person were alone and takes the line back when the next row
is the same interaction, holds back the last line of each batch, remembers times of day and
person cells: none of that may change a byte. The reference below follows the column list in
formats/csv_export.py literally.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from itertools import groupby

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.formats import csv_export
from connect_cli.formats.csv_safety import join_values, neutralise_cell
from connect_cli.read.export import NotePromise, clock

# Text biased towards what CSV quoting and formula neutralising care about.
tricky = st.text(
    alphabet=st.sampled_from(list("'=+-@\t\r\n\",; |\\ab\x00\u00e9\U0001f600")) | st.characters(),
    min_size=1,
    max_size=12,
)
times = st.none() | st.times().map(lambda t: t.isoformat(timespec="microseconds"))
KINDS = ("meeting", "call", "note")
day_or_none = st.none() | st.dates().map(date.isoformat)
promise = st.builds(NotePromise, tricky, day_or_none, day_or_none)


def escaped(name: str) -> str:
    return name.replace("\\", "\\\\").replace(";", "\\;")


def days(found: list[str | None]) -> str:
    return " | ".join(day or "" for day in found) if any(found) else ""


def reference(
    rows: list[tuple],
    people: dict[int, tuple[str, tuple[str, ...]]],
    promises: dict[tuple[int, int], list[NotePromise]],
    only: set[int] | None,
    raw: bool,
) -> str:
    safe = (lambda text: text) if raw else neutralise_cell
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_export.NOTE_COLUMNS)
    for interaction_id, rows_of_one in groupby(rows, key=lambda row: row[5]):
        present = list(rows_of_one)
        for day, moment, person, kind, text, _ in present:
            if only is not None and person not in only:
                continue
            name, tags = people[person]
            others = sorted(people[row[2]][0] for row in present if row[2] != person)
            owed = promises.get((person, interaction_id))
            writer.writerow(
                [
                    day,
                    clock(moment) if moment else "",
                    safe(name),
                    person,
                    kind,
                    safe(text),
                    safe("; ".join(escaped(n) for n in others)),
                    safe("; ".join(escaped(t) for t in tags)),
                    safe(join_values([p.text for p in owed])) if owed else "",
                    days([p.due_on for p in owed]) if owed else "",
                    days([p.done_on for p in owed]) if owed else "",
                ]
            )
    return out.getvalue()


@st.composite
def journals(draw: st.DrawFn) -> tuple:
    count = draw(st.integers(1, 5))
    people = {
        cid: (draw(tricky), tuple(sorted(draw(st.lists(tricky, max_size=2)))))
        for cid in range(1, count + 1)
    }
    rows, promises = [], {}
    for interaction_id in range(1, draw(st.integers(0, 8)) + 1):
        present = sorted(draw(st.sets(st.integers(1, count), min_size=1, max_size=4)))
        day = f"2026-11-{draw(st.integers(1, 28)):02d}"
        moment, kind, text = draw(times), draw(st.sampled_from(KINDS)), draw(tricky)
        rows += [(day, moment, person, kind, text, interaction_id) for person in present]
        for person in present:
            if draw(st.booleans()):
                promises[(person, interaction_id)] = draw(st.lists(promise, min_size=1, max_size=2))
    only = draw(st.none() | st.sets(st.integers(1, count)))
    return people, rows, promises, only


@settings(max_examples=300, deadline=None)
@given(journals(), st.booleans(), st.integers(1, 4))
def test_the_fast_writer_writes_exactly_the_spec(journal: tuple, raw: bool, batch: int) -> None:
    people, rows, promises, only = journal
    expected = reference(rows, people, promises, only, raw)
    out = io.StringIO(newline="")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_export, "BATCH", batch)  # every batch boundary, even inside a group
        count = csv_export.write_notes(out, iter(rows), people, promises, only=only, raw=raw)
    assert out.getvalue() == expected
    assert count == sum(1 for row in rows if only is None or row[2] in only)


def test_progress_counts_the_lines_written_so_far() -> None:
    people = {1: ("Ann", ()), 2: ("Bob", ())}
    rows = [("2026-11-01", None, 1 + n % 2, "note", "hi", n // 2) for n in range(40)]
    seen: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_export, "BATCH", 5)
        total = csv_export.write_notes(io.StringIO(), rows, people, {}, progress=seen.append)
    assert total == 40 and seen == sorted(seen) and 0 < seen[-1] <= 40 and len(seen) >= 5


def test_the_cycle_collector_is_paused_only_while_writing() -> None:
    import gc

    people = {1: ("Ann", ())}
    row = ("2026-11-01", None, 1, "note", "hi", 1)
    paused: list[bool] = []

    def rows():  # type: ignore[no-untyped-def]
        paused.append(not gc.isenabled())
        yield row

    assert gc.isenabled()
    csv_export.write_notes(io.StringIO(), rows(), people, {})
    assert paused == [True] and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        csv_export.write_notes(io.StringIO(), (1 / 0 for _ in range(1)), people, {})
    assert gc.isenabled()
