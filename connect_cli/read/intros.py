"""The SQL behind `intros`, `intro` and the helping ledger.

Plain SQL through a `Reader`. `profiles` reads everyone active once (a few columns, one
correlated MAX per person over the participant index, as `today` does), then needs, offers and
tags in one pass each: at 10k people that is a few tens of ms, and matching works in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from connect_cli.domain.intro_match import POOL, Journal
from connect_cli.journal.sqlite import Reader

# SQLite: julianday() difference of two ISO days is a whole number of days (as read/daily.py).
_PEOPLE = (
    "SELECT id, name, CAST(julianday(:today) - julianday(last_contact_on) AS INTEGER) "
    "FROM contact WHERE archived = 0"
)
# SQLite: group_concat. Each text once with everyone holding it, in the order first written:
# a few dozen rows of text instead of one per person (the ids are parsed in one split each).
_OFFERS = (
    "SELECT f.text, group_concat(f.contact_id) FROM fact f JOIN contact c ON c.id = f.contact_id "
    "WHERE f.kind = 'offer' AND c.archived = 0 GROUP BY f.text ORDER BY min(f.id)"
)
_EVIDENCE = [
    "SELECT title, group_concat(id) FROM contact WHERE archived = 0 AND title != '' "
    "GROUP BY title ORDER BY min(id)",
    "SELECT company, group_concat(id) FROM contact WHERE archived = 0 AND company != '' "
    "GROUP BY company ORDER BY min(id)",
    "SELECT t.name, group_concat(t.contact_id) FROM tag t JOIN contact c ON c.id = t.contact_id "
    "WHERE c.archived = 0 GROUP BY t.name ORDER BY min(t.id)",
]
_NEEDS = (
    "SELECT f.contact_id, f.id, f.text FROM fact f JOIN contact c ON c.id = f.contact_id "
    "WHERE f.kind = 'need' AND f.met_on IS NULL AND c.archived = 0 ORDER BY f.id"
)


def matching_journal(reader: Reader, today: date) -> Journal:
    """What `intros` matches (domain/intro_match.Journal): every active (not archived) person's
    days since the last contact, their open needs, and who holds each offer, title, company and
    tag. Texts that are only spaces say nothing and are left out."""
    days: dict[int, int | None] = {}
    names: dict[int, str] = {}
    for chunk in reader.chunks(_PEOPLE, {"today": today.isoformat()}, 5000):
        for person_id, name, since in chunk:
            days[person_id], names[person_id] = since, name
    journal = Journal(days, names)
    for chunk in reader.chunks(_NEEDS, None, 5000):
        journal.needs += [row for row in chunk if row[2].strip()]
    journal.offers = _holders(reader, [_OFFERS])
    journal.evidence = _holders(reader, _EVIDENCE)
    return journal


_ACTIVE = "SELECT count(*) FROM contact WHERE archived = 0"
# The pool's rule (domain/intro_match.POOL). `IS NULL` first: SQLite sorts NULL last in DESC
# and PostgreSQL first, so both say it. {since} narrows the sort to the people in touch since a
# day (the whole sort of 100k people costs ~250 ms; a filtered scan ~50 ms).
_POOL = (
    "SELECT id, name, title, company, "
    "CAST(julianday(:today) - julianday(last_contact_on) AS INTEGER) FROM contact "
    "WHERE archived = 0 {since}"
    "ORDER BY last_contact_on IS NULL, last_contact_on DESC, id LIMIT :pool"
)
# The day of the n-th latest interaction, over ix_interaction_happened_on (an index walk).
_NTH_DAY = "SELECT happened_on FROM interaction ORDER BY happened_on DESC LIMIT 1 OFFSET :n"
_IDS_AT_ONCE = 500  # ids written into one IN list (plain integers read from the journal)


def pooled_journal(
    reader: Reader, today: date, pool: int | None = None, *, including: Iterable[int] = ()
) -> Journal:
    """matching_journal() of at most `pool` (default POOL) active people, by the rule of
    domain/intro_match.POOL: the whole journal when no more are active, else exactly what
    matching_journal() reads of the journal with everyone outside the pool archived. The active
    people `including` names (`intros WHO`, `prep`: the one asked about) are in the pool too.
    Its cost is one count, one filtered scan and sort of contact (_pool_rows), then index seeks
    for the pool's facts and tags: about that of a 10k journal, whatever the journal's size."""
    pool = POOL if pool is None else pool
    (active,) = next(reader.chunks(_ACTIVE, None, 1))[0]
    if int(active) <= pool:
        return matching_journal(reader, today)
    days: dict[int, int | None] = {}
    names: dict[int, str] = {}
    titles: dict[str, list[int]] = {}
    companies: dict[str, list[int]] = {}
    rows = _pool_rows(reader, today, pool)
    rows += _people_rows(reader, today, set(including) - {row[0] for row in rows})
    for person_id, name, title, company, since in rows:
        days[person_id], names[person_id] = since, name
        for text, found in ((title, titles), (company, companies)):
            if text is not None and text.strip():
                found.setdefault(text, []).append(person_id)
    journal = Journal(dict(sorted(days.items())), dict(sorted(names.items())))
    needs, offers, tags = _pool_facts(reader, sorted(days))
    journal.needs = [row for row in sorted(needs, key=lambda r: r[1]) if row[2].strip()]
    journal.offers = _grouped(offers)
    journal.evidence = {}
    # titles and companies first seen at their lowest holder's id, as _EVIDENCE orders them
    for holders in (
        _grouped([(min(ids), text, ids) for text, ids in titles.items()]),
        _grouped([(min(ids), text, ids) for text, ids in companies.items()]),
        _grouped(tags),
    ):
        for text, ids in holders.items():
            journal.evidence.setdefault(text, []).extend(ids)
    return journal


def _pool_rows(reader: Reader, today: date, pool: int) -> list[tuple]:
    """The pool's people (id, name, title, company, days since the last contact). Everyone in
    touch on or after a day D comes before everyone else in the pool's order, so when at least
    `pool` active people were in touch since D, the first `pool` of them are the pool: D is
    tried at the day of the (4 x pool)-th latest interaction, then 4x and 16x further back, and
    failing that the whole sort."""
    params = {"pool": pool, "today": today.isoformat()}
    for n in (4 * pool, 16 * pool, 64 * pool):
        found = reader.rows(_NTH_DAY, {"n": n - 1})
        if not found:
            break
        rows = [
            tuple(row)
            for chunk in reader.chunks(
                _POOL.format(since="AND last_contact_on >= :since "),
                {**params, "since": found[0][0]},
                5000,
            )
            for row in chunk
        ]
        if len(rows) >= pool:
            return rows
    return [tuple(row) for chunk in reader.chunks(_POOL.format(since=""), params, 5000)
            for row in chunk]  # fmt: skip


def _people_rows(reader: Reader, today: date, ids: set[int]) -> list[tuple]:
    """_pool_rows' columns for the active people among `ids` (by primary key)."""
    if not ids:
        return []
    among = ",".join(str(int(i)) for i in sorted(ids))
    sql = _POOL.format(since=f"AND id IN ({among}) ")
    return reader.rows(sql, {"pool": len(ids), "today": today.isoformat()})


def _pool_facts(
    reader: Reader, ids: list[int]
) -> tuple[list[tuple[int, int, str]], list[tuple[int, str, list[int]]], list]:
    """The pool's open needs (person, fact id, text), offers and tags ((row id, text, [person]))
    by index seeks (ix_fact_contact, tag's unique (contact_id, name))."""
    needs: list[tuple[int, int, str]] = []
    offers: list[tuple[int, str, list[int]]] = []
    tags: list[tuple[int, str, list[int]]] = []
    for start in range(0, len(ids), _IDS_AT_ONCE):
        among = ",".join(str(int(i)) for i in ids[start : start + _IDS_AT_ONCE])
        for chunk in reader.chunks(
            "SELECT f.contact_id, f.id, f.kind, f.text FROM fact f "
            f"WHERE f.contact_id IN ({among}) AND f.kind IN ('need', 'offer') "
            "AND (f.kind = 'offer' OR f.met_on IS NULL)",
            None,
            5000,
        ):
            for person_id, fact_id, kind, text in chunk:
                if kind == "need":
                    needs.append((person_id, fact_id, text))
                else:
                    offers.append((fact_id, text, [person_id]))
        for chunk in reader.chunks(
            f"SELECT t.id, t.name, t.contact_id FROM tag t WHERE t.contact_id IN ({among})",
            None,
            5000,
        ):
            tags += [(tag_id, text, [person_id]) for tag_id, text, person_id in chunk]
    return needs, offers, tags


def _grouped(rows: list[tuple[int, str, list[int]]]) -> dict[str, list[int]]:
    """(row id, text, holders) -> text: holders, in the order of each text's lowest row id
    (the `GROUP BY text ORDER BY min(id)` of the whole journal's queries); blank texts out."""
    found: dict[str, list[int]] = {}
    for _, text, ids in sorted(rows, key=lambda r: r[0]):
        if text is not None and text.strip():
            found.setdefault(text, []).extend(ids)
    return found


def _holders(reader: Reader, queries: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for sql in queries:
        for chunk in reader.chunks(sql, None, 5000):
            for text, ids in chunk:
                if text is not None and text.strip():
                    found.setdefault(text, []).extend(map(int, str(ids).split(",")))
    return found


def introduced_pairs(reader: Reader) -> set[tuple[int, int]]:
    """(smaller id, larger id) of every pair you have introduced."""
    pairs = set()
    for row in reader.each(
        "SELECT person_id, helper_id FROM introduction "
        "WHERE person_id IS NOT NULL AND helper_id IS NOT NULL"
    ):
        a, b = row["person_id"], row["helper_id"]
        pairs.add((a, b) if a < b else (b, a))
    return pairs


@dataclass(frozen=True)
class IntroRow:
    """One introduction, as the ledger and `intros --made` show it (a side None: forgotten)."""

    id: int
    on: date
    person_id: int | None
    person: str | None
    helper_id: int | None
    helper: str | None
    need: str | None
    note: str | None
    outcome: str
    outcome_on: date | None
    outcome_note: str | None


_INTRO_SELECT = (
    "SELECT i.id, i.happened_on, i.person_id, p.name AS person, i.helper_id, h.name AS helper, "
    "i.need_text, i.note, i.outcome, i.outcome_on, i.outcome_note FROM introduction i "
    "LEFT JOIN contact p ON p.id = i.person_id LEFT JOIN contact h ON h.id = i.helper_id "
)


def _intro(row) -> IntroRow:  # type: ignore[no-untyped-def]
    from connect_cli.read.people import as_date  # not at import: `intros` alone never needs it

    return IntroRow(
        row["id"], as_date(row["happened_on"]) or date.min, row["person_id"], row["person"],
        row["helper_id"], row["helper"], row["need_text"], row["note"], row["outcome"],
        as_date(row["outcome_on"]), row["outcome_note"],
    )  # fmt: skip


def introductions(
    reader: Reader, contact_id: int | None = None, limit: int | None = None
) -> list[IntroRow]:
    """Introductions, newest first; with `contact_id`, those this person took part in."""
    where = "WHERE i.person_id = :id OR i.helper_id = :id " if contact_id is not None else ""
    tail = "LIMIT :limit" if limit is not None else ""
    rows = reader.rows(
        _INTRO_SELECT + where + f"ORDER BY i.happened_on DESC, i.id DESC {tail}",
        {"id": contact_id, "limit": limit},
    )
    return [_intro(r) for r in rows]


def introduction(reader: Reader, intro_id: int) -> IntroRow | None:
    rows = reader.rows(_INTRO_SELECT + "WHERE i.id = :id", {"id": intro_id})
    return _intro(rows[0]) if rows else None


@dataclass(frozen=True)
class MetNeed:
    text: str
    on: date | None
    by_id: int | None
    by: str | None


def met_needs(reader: Reader, contact_id: int) -> list[MetNeed]:
    """A person's needs that were met, most recent first, with who helped (if anyone)."""
    rows = reader.rows(
        "SELECT f.text, f.met_on, f.met_by_id, c.name FROM fact f "
        "LEFT JOIN contact c ON c.id = f.met_by_id "
        "WHERE f.contact_id = :id AND f.kind = 'need' AND f.met_on IS NOT NULL "
        "ORDER BY f.met_on DESC, f.id DESC",
        {"id": contact_id},
    )
    from connect_cli.read.people import as_date

    return [MetNeed(r["text"], as_date(r["met_on"]), r["met_by_id"], r["name"]) for r in rows]


def open_needs(reader: Reader, contact_id: int) -> list[tuple[int, str]]:
    rows = reader.rows(
        "SELECT id, text FROM fact WHERE contact_id = :id AND kind = 'need' AND met_on IS NULL "
        "ORDER BY id",
        {"id": contact_id},
    )
    return [(r["id"], r["text"]) for r in rows]


def introduced_by_count(reader: Reader, contact_id: int) -> int:
    """How many people this person introduced you to (contact.introduced_by_id, `--via`)."""
    rows = reader.rows(
        "SELECT count(*) AS n FROM contact WHERE introduced_by_id = :id", {"id": contact_id}
    )
    return int(rows[0]["n"])


@dataclass(frozen=True)
class Ledger:
    """The helping ledger of one person: introductions they took part in (newest first), their
    needs that were met, and how many people they introduced you to (`--via`)."""

    person_id: int
    introductions: list[IntroRow]
    met: list[MetNeed]
    introduced_you_to: int


def ledger(reader: Reader, contact_id: int) -> Ledger:
    return Ledger(
        contact_id,
        introductions(reader, contact_id),
        met_needs(reader, contact_id),
        introduced_by_count(reader, contact_id),
    )


def helping_lines(reader: Reader) -> dict[int, list[str]]:
    """Each person's helping history as plain lines (the Markdown export): introductions they
    took part in, oldest first, then their needs that were met."""
    found: dict[int, list[str]] = {}
    for row in reversed(introductions(reader)):
        for me, other, role in (
            (row.person_id, row.helper, "introduced to"),
            (row.helper_id, row.person, "introduced"),
        ):
            if me is None:
                continue
            line = f"{row.on.isoformat()} {role} {other or '(forgotten)'}"
            if row.need:
                line += f" for “{row.need}”"
            line += f" · {row.outcome}"
            if row.outcome != "pending" and row.outcome_on:
                line += f" ({row.outcome_on.isoformat()})"
            if row.outcome_note:
                line += f": {row.outcome_note}"
            found.setdefault(me, []).append(line)
    for row in reader.each(
        "SELECT f.contact_id, f.text, f.met_on, c.name FROM fact f "
        "LEFT JOIN contact c ON c.id = f.met_by_id "
        "WHERE f.kind = 'need' AND f.met_on IS NOT NULL ORDER BY f.met_on, f.id"
    ):
        line = f"need met {str(row['met_on'])[:10]}: {row['text']}"
        if row["name"]:
            line += f" (through {row['name']})"
        found.setdefault(row["contact_id"], []).append(line)
    return found
