"""The SQL of `connect search`: FTS5 over `search_index` (migrations 0002, 0003), SQLite only.

The index is read for rowids only (rowid = source id * STRIDE + source code): where a hit comes from,
its person and its day come from the source tables. Then:
1. one query attributes the hits to people (a note through `participant`), keeps the first
   `limit` people and at most MATCHES_PER_PERSON hits each, all in SQL; for a word found in
   many notes, a walk down the day index first narrows the hits to the people who can be first
   (see SCAN_ABOVE), and for a word in very many, the walk asks the index about each batch of
   notes instead of copying every hit (see LOOKUP_ABOVE);
2. `snippet()` runs only for the few hits that are shown, one rowid lookup each
   (queries_snippets.py).

A profile hit (name, fact, company…) has no day of its own; for "newest first" it counts as of
the person's last contact (or never, if there was none), so a match on who someone is sorts with
your freshest conversations about them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple

from connect_cli.domain.folding import fold
from connect_cli.journal.dialect import POSTGRESQL, SQLITE
from connect_cli.journal.sqlite import Reader, SqliteReader
from connect_cli.read.standing import LAST_TOUCH

MATCHES_PER_PERSON = 5
# Unlikely characters around each matched word in a snippet; render turns them into a style
# after making the rest of the text inert (see render/search.py).
MARK_START, MARK_END = "\x02", "\x03"


class Hit(NamedTuple):
    """One matching row, attributed to one person."""

    contact_id: int
    name: str
    archived: bool
    rowid: int
    source: str  # note, fact, name, nickname, company, title, met_at, location, tag, email…
    kind: str | None  # the interaction's kind for a note, the fact's kind for a fact
    on: date | None  # a note's day
    interaction_id: int | None
    match_count: int  # how many hits this person has in all


class Filters(NamedTuple):
    kind: str | None = None
    since: date | None = None
    tag: str | None = None


# rowid = source row id * STRIDE + code (migration 0003); a contact field's source id is the
# contact's, a channel's source is its kind (email, phone, url).
STRIDE = 16
NOTE, FACT, NAME, NICKNAME, COMPANY, TITLE, MET_AT, LOCATION, TAG, CHANNEL = range(10)
CONTACT_FIELD = f"CASE h.rid % {STRIDE} WHEN {NAME} THEN 'name' WHEN {COMPANY} THEN 'company' " + (
    f"WHEN {TITLE} THEN 'title' WHEN {MET_AT} THEN 'met_at' ELSE 'location' END"
)
# Where a name is written: a word's inflections (core/search.py) are never looked for here.
NAME_CODES = f"{NAME}, {NICKNAME}, {CHANNEL}"


def _attributed_sql(filters: Filters, *, notes: bool = True) -> str:
    """Every hit with its person, source, kind and day; a shared note once per person present."""
    note = [f"h.rid % {STRIDE} = 0"]
    if filters.kind:
        note.append("i.kind = :kind")
    if filters.since:
        note.append("i.happened_on >= :since")
    parts = [
        "SELECT p.contact_id AS cid, h.rid, 'note' AS source, i.kind, i.id AS interaction_id, "
        f"h.score, i.happened_on AS on_ FROM hits h JOIN interaction i ON i.id = h.rid / {STRIDE} "
        f"JOIN participant p ON p.interaction_id = i.id WHERE {' AND '.join(note)}"
    ][: 1 if notes else 0]
    if not filters.since:  # --since is about notes: profile hits have no day
        kind = " AND f.kind = :kind" if filters.kind else ""
        parts.append(
            "SELECT f.contact_id, h.rid, 'fact', f.kind, NULL, h.score, NULL "
            f"FROM hits h JOIN fact f ON f.id = h.rid / {STRIDE} WHERE h.rid % {STRIDE} = {FACT}{kind}"
        )
    if not (filters.since or filters.kind):
        parts += [
            "SELECT n.contact_id, h.rid, 'nickname', NULL, NULL, h.score, NULL "
            f"FROM hits h JOIN nickname n ON n.id = h.rid / {STRIDE} WHERE h.rid % {STRIDE} = {NICKNAME}",
            "SELECT t.contact_id, h.rid, 'tag', NULL, NULL, h.score, NULL "
            f"FROM hits h JOIN tag t ON t.id = h.rid / {STRIDE} WHERE h.rid % {STRIDE} = {TAG}",
            "SELECT ch.contact_id, h.rid, ch.kind, NULL, NULL, h.score, NULL "
            f"FROM hits h JOIN channel ch ON ch.id = h.rid / {STRIDE} WHERE h.rid % {STRIDE} = {CHANNEL}",
            f"SELECT h.rid / {STRIDE}, h.rid, {CONTACT_FIELD}, NULL, NULL, h.score, NULL "
            f"FROM hits h WHERE h.rid % {STRIDE} IN ({NAME}, {COMPANY}, {TITLE}, {MET_AT}, {LOCATION})",
        ]
    return "\n  UNION ALL\n  ".join(parts)


def _tag_filter(filters: Filters, contact: str) -> str:
    if not filters.tag:
        return ""
    return (
        f"AND EXISTS (SELECT 1 FROM tag t WHERE t.contact_id = {contact} "
        "AND lower(t.name) = lower(:tag))"
    )


def reader_dialect(reader: Reader) -> str:
    return getattr(reader, "dialect", SQLITE)


def name_words_among(
    reader: Reader, words: set[str], forms_of: Callable[[str], list[str]]
) -> set[str]:
    """Which of `words` and their forms are words of someone's name or nickname (folded).

    LIKE narrows the names to those containing a form (a scan of the contact and nickname
    tables, a few ms at 10k people); folding then compares whole words."""
    forms = sorted({f for w in words for f in (w, *forms_of(w))})
    params = {f"f{k}": f"%{form}%" for k, form in enumerate(forms)}
    # SQLite's LIKE ignores ASCII case; PostgreSQL's does not (lower() there folds every letter:
    # more names narrowed in, and the fold below decides)
    name, value = (
        ("lower(name)", "lower(value)")
        if reader_dialect(reader) == POSTGRESQL
        else ("name", "value")
    )
    name_like = " OR ".join(f"{name} LIKE :f{k}" for k in range(len(forms)))
    nick_like = " OR ".join(f"{value} LIKE :f{k}" for k in range(len(forms)))
    rows = reader.rows(
        f"SELECT name FROM contact WHERE {name_like} "
        f"UNION ALL SELECT value FROM nickname WHERE {nick_like}",
        params,
    )
    written = {word for row in rows for word in fold(row[0]).split()}
    return set(forms) & written


def _matching(score: str, loose: bool, dialect: str = SQLITE, within: str = "") -> str:
    """The rows that match: the query as folded (:query) anywhere; with `loose`, also its
    inflections (:loose) outside names, so "engineers" finds a note about an engineer while
    "williams" never finds William by his name. `within` (SQLite): a further condition on the
    rowid, put next to each MATCH so that FTS5 itself applies it (`AND rowid <= 123`)."""
    if dialect == POSTGRESQL:  # a tsvector per row, the queries as tsquery (read/pg_search.py)
        return _matching_pg(score != "0", loose)
    exact = (
        f"SELECT rowid AS rid, {score} AS score FROM search_index WHERE search_index MATCH :query"
        f" {within}"
    )
    if not loose:
        return exact
    return (
        f"{exact} AND rowid % {STRIDE} IN ({NAME_CODES}) UNION ALL "
        f"SELECT rowid, {score} FROM search_index WHERE search_index MATCH :loose {within} "
        f"AND rowid % {STRIDE} NOT IN ({NAME_CODES})"
    )


def _matching_pg(rank: bool, loose: bool) -> str:
    def rows(query: str) -> str:
        # ts_rank is larger for a better row, bm25 smaller: negated, both sort ascending
        score = f"-ts_rank(vector, CAST({query} AS tsquery))" if rank else "0"
        return (
            f"SELECT rid, {score} AS score FROM search_index "
            f"WHERE vector @@ CAST({query} AS tsquery)"
        )

    if not loose:
        return rows(":query")
    return (
        f"{rows(':query')} AND rid % {STRIDE} IN ({NAME_CODES}) UNION ALL "
        f"{rows(':loose')} AND rid % {STRIDE} NOT IN ({NAME_CODES})"
    )


def _all_hits(rank: bool, loose: bool, dialect: str = SQLITE) -> str:
    # bm25 only when ranking: it reads every hit's statistics, rowids alone cost nothing.
    return _matching("bm25(search_index)" if rank else "0", loose, dialect)


def _hits_sql(filters: Filters, rank: bool, hits: str, dialect: str = SQLITE) -> str:
    tag_join = _tag_filter(filters, "c.id")
    # newest first: a person's newest hit; ties (and profile-only people) by name.
    person_order = (
        "best_score, c_name COLLATE NOCASE, cid"
        if rank
        else "newest IS NULL, newest DESC, c_name COLLATE NOCASE, cid"
    )
    # who they are (profile hits) before what was said (notes, newest first)
    hit_order = "score, rid" if rank else "on_ IS NOT NULL, on_ DESC, rid DESC"
    return f"""
WITH hits AS (
  {hits}
),
attributed AS (
  {_attributed_sql(filters)}
),
people AS (
  {_people_sql(tag_join, person_order, dialect)}
),
ranked AS (
  SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.cid ORDER BY {hit_order}) AS n
  FROM attributed a WHERE a.cid IN (SELECT cid FROM people)
)
SELECT pe.cid, pe.c_name, pe.c_archived, pe.match_count, r.rid, r.source, r.kind, r.on_,
       r.interaction_id
FROM people pe JOIN ranked r ON r.cid = pe.cid AND r.n <= {MATCHES_PER_PERSON}
ORDER BY {person_order.replace("cid", "pe.cid")}, r.n
"""


def _people_sql(tag_join: str, person_order: str, dialect: str) -> str:
    """The first `limit` people with their hit counts; PostgreSQL groups by every column it
    shows and orders by expressions of the output only from outside (same rows, same order)."""
    grouped = f"""SELECT a.cid, c.name AS c_name, c.archived AS c_archived, COUNT(*) AS match_count,
         MIN(a.score) AS best_score,
         MAX(CASE WHEN a.on_ IS NULL THEN {LAST_TOUCH} ELSE a.on_ END) AS newest
  FROM attributed a JOIN contact c ON c.id = a.cid {tag_join}
  GROUP BY a.cid"""
    if dialect == POSTGRESQL:
        grouped = f"SELECT * FROM ({grouped}, c.name, c.archived) g"
    return f"""{grouped}
  ORDER BY {person_order}
  LIMIT :limit"""


def search_hits(
    reader: Reader,
    match: str,
    *,
    filters: Filters,
    limit: int,
    rank: bool,
    loose: str | None = None,
) -> list[Hit]:
    """The hits shown for an FTS5 MATCH expression, grouped by person in display order; `loose`,
    the same with inflections, is matched outside names only."""
    params: dict[str, Any] = {
        "query": match,
        "loose": loose,
        "limit": limit,
        "kind": filters.kind,
        "since": filters.since.isoformat() if filters.since else None,
        "tag": filters.tag,
    }
    dialect = reader_dialect(reader)
    hits = _all_hits(rank, loose is not None, dialect)
    if not rank and isinstance(reader, SqliteReader):
        count = _hit_count(reader, params)
        narrowed = None
        if count > LOOKUP_ABOVE:
            narrowed = _narrow_by_lookup(reader.connection, params, filters, limit)
        if narrowed is None and count > SCAN_ABOVE:
            narrowed = _narrow_by_scan(reader.connection, params, filters, limit)
        hits = narrowed or hits
    rows = reader.rows(_hits_sql(filters, rank, hits, dialect), params)
    return [
        Hit(
            contact_id=r["cid"],
            name=r["c_name"],
            archived=bool(r["c_archived"]),
            rowid=r["rid"],
            source=r["source"],
            kind=r["kind"],
            on=date.fromisoformat(r["on_"]) if r["on_"] else None,
            interaction_id=r["interaction_id"],
            match_count=r["match_count"],
        )
        for r in rows
    ]


# Newest first over a word in many notes: attributing every hit to its people costs ~5 µs a hit
# (300 ms at 60k hits of 1M notes). Above SCAN_ABOVE hits, the notes are walked newest first
# instead, stopping as soon as the first `limit` people are certain; the query above then runs
# over those people's hits only, so results are exactly the same (tests run both ways).
SCAN_ABOVE = 4000


def _hit_count(reader: Reader, params: dict[str, Any]) -> int:
    """How many rows match, counted up to max(SCAN_ABOVE, LOOKUP_ABOVE) + 1 only (all it is
    asked is which side of those it is): a word in a million notes stops after a few thousand."""
    exact = "SELECT rowid FROM search_index WHERE search_index MATCH :query"
    matching = exact
    if params["loose"] is not None:
        # the inflections first: the word as typed is kept in names only, and filtering a common
        # word's million rows down to names would be read before the cap could stop the count
        matching = (
            f"SELECT rowid FROM search_index WHERE search_index MATCH :loose "
            f"AND rowid % {STRIDE} NOT IN ({NAME_CODES}) UNION ALL "
            f"{exact} AND rowid % {STRIDE} IN ({NAME_CODES})"
        )
    cap = max(SCAN_ABOVE, LOOKUP_ABOVE) + 1
    sql = f"SELECT COUNT(*) AS n FROM ({matching} LIMIT {cap})"
    return int(reader.rows(sql, params)[0]["n"])


def _empty_temp_tables(connection: Any) -> None:
    """The temp tables both narrowing strategies fill: hit rowids and the people kept."""
    for ddl in (
        "CREATE TEMP TABLE IF NOT EXISTS search_hits (rid INTEGER PRIMARY KEY)",
        "CREATE TEMP TABLE IF NOT EXISTS search_people (cid INTEGER PRIMARY KEY)",
        "DELETE FROM temp.search_hits",
        "DELETE FROM temp.search_people",
    ):
        connection.execute(ddl)


def _narrow_by_scan(connection: Any, params: dict[str, Any], filters: Filters, limit: int) -> str:
    """Fill temp tables with every hit and the people who can be among the first `limit`;
    returns the `hits` CTE body restricted to them."""
    _empty_temp_tables(connection)
    connection.execute(
        f"INSERT INTO temp.search_hits SELECT rid FROM ({_matching('0', params['loose'] is not None)})",
        params,
    )
    profile = _profile_keys(connection, params, filters)
    people = _newest_note_people(connection, params, filters, limit, profile)
    connection.executemany("INSERT INTO temp.search_people VALUES (?)", [(c,) for c in people])
    # CROSS JOIN keeps the few people as the outer loop (the planner has no statistics for a
    # temp table and would otherwise scan all of participant).
    return (
        f"SELECT rid, 0 AS score FROM temp.search_hits WHERE rid % {STRIDE} != 0 UNION "
        "SELECT h.rid, 0 FROM temp.search_people sp CROSS JOIN participant p ON p.contact_id = sp.cid "
        f"JOIN temp.search_hits h ON h.rid = p.interaction_id * {STRIDE}"
    )


def _profile_keys(
    connection: Any, params: dict[str, Any], filters: Filters
) -> dict[int, str | None]:
    """People with a profile hit, each with their last touch (the day such a hit counts as)."""
    parts = _attributed_sql(filters, notes=False)
    if not parts:
        return {}
    rows = connection.execute(
        f"WITH hits AS (SELECT rid, 0 AS score FROM temp.search_hits WHERE rid % {STRIDE} != 0), "
        f"attributed (cid, rid, source, kind, interaction_id, score, on_) AS ({parts}) SELECT a.cid, {LAST_TOUCH} AS key FROM attributed a "
        f"JOIN contact c ON c.id = a.cid {_tag_filter(filters, 'c.id')} GROUP BY a.cid",
        params,
    )
    return {row[0]: row[1] for row in rows}


def _newest_note_people(
    connection: Any,
    params: dict[str, Any],
    filters: Filters,
    limit: int,
    profile: dict[int, str | None],
) -> set[int]:
    """People whose matching notes are newest, walking the day index down until at least `limit`
    people are sure to sort at or above the day reached (ties on that day included)."""
    where = [f"i.id * {STRIDE} IN (SELECT rid FROM temp.search_hits)"]
    if filters.kind:
        where.append("i.kind = :kind")
    if filters.since:
        where.append("i.happened_on >= :since")
    cursor = connection.execute(
        "SELECT p.contact_id, i.happened_on FROM interaction i INDEXED BY ix_interaction_happened_on "
        f"JOIN participant p ON p.interaction_id = i.id WHERE {' AND '.join(where)} "
        f"{_tag_filter(filters, 'p.contact_id')} ORDER BY i.happened_on DESC",
        params,
    )
    try:
        return _first_people(cursor, limit, profile)
    finally:
        cursor.close()


def _first_people(
    notes: Iterable[tuple[int, str]], limit: int, profile: dict[int, str | None]
) -> set[int]:
    """The people who can be among the first `limit`, from (person, day) of matching notes
    newest first: read until at least `limit` people are sure to sort at or above the day
    reached (ties on that day included), with the profile hits' people at or above it."""
    profile_days = sorted(day for day in profile.values() if day)
    seen: set[int] = set()
    both = 0  # people in `seen` who also have a profile hit (their key is at least this day)
    boundary = None
    for contact_id, day in notes:
        if boundary is not None and day != boundary:
            at_or_above = len(profile_days) - bisect_left(profile_days, boundary)
            if len(seen) + at_or_above - both >= limit:
                break
        boundary = day
        if contact_id not in seen:
            seen.add(contact_id)
            both += contact_id in profile
    else:
        return seen | set(profile)
    return seen | {c for c, day in profile.items() if day and boundary and day >= boundary}


# A word in a tenth of 10M notes: copying its million hits into search_hits and reading them back
# costs seconds. Above LOOKUP_ABOVE hits only the profile hits are copied; the walk reads the notes
# newest first a batch at a time and asks the index which of a batch match (one rowid range each),
# and only the notes of the people found are then checked, in one pass over the hits' rowids.
LOOKUP_ABOVE = 50_000
WALK_BATCH = 2_000
# A batch whose ids are spread wider than this many ids a note (notes logged long after their day,
# in no order) would read much of the word's hits each time: the copying narrowing is used instead.
WALK_SPREAD = 8


class _Spread(Exception):
    """The notes walked newest first are not near each other by id."""


def _narrow_by_lookup(
    connection: Any, params: dict[str, Any], filters: Filters, limit: int
) -> str | None:
    """What `_narrow_by_scan` returns, without copying note hits but those of the people found;
    None when the notes' ids do not follow their days closely enough for that to pay."""
    loose = params["loose"] is not None
    params["notes"] = params["loose"] if loose else params["query"]  # what a note must match
    _empty_temp_tables(connection)
    # Every profile row's rowid is at most _profile_end(): FTS5 stops reading a common word's
    # hits there instead of walking all of its million notes to keep none of them.
    profiles = _matching("0", loose, within=f"AND rowid <= {_profile_end(connection)}")
    connection.execute(
        f"INSERT INTO temp.search_hits SELECT rid FROM ({profiles}) WHERE rid % {STRIDE} != 0",
        params,
    )
    profile = _profile_keys(connection, params, filters)
    where = ["1"]
    if filters.kind:
        where.append("i.kind = :kind")
    if filters.since:
        where.append("i.happened_on >= :since")
    cursor = connection.execute(
        "SELECT i.id, p.contact_id, i.happened_on FROM interaction i "
        "INDEXED BY ix_interaction_happened_on JOIN participant p ON p.interaction_id = i.id "
        f"WHERE {' AND '.join(where)} {_tag_filter(filters, 'p.contact_id')} "
        "ORDER BY i.happened_on DESC",
        params,
    )
    try:
        people = _first_people(_matching_notes(connection, cursor, params["notes"]), limit, profile)
    except _Spread:
        return None
    finally:
        cursor.close()
    connection.executemany("INSERT INTO temp.search_people VALUES (?)", [(c,) for c in people])
    # `+rowid`: one pass over the hits' rowids probing the people's notes, not one index
    # lookup per note (a few hundred µs each for a common word)
    connection.execute(
        "INSERT INTO temp.search_hits SELECT rowid FROM search_index "
        "WHERE search_index MATCH :notes AND +rowid IN ("
        f"SELECT p.interaction_id * {STRIDE} FROM temp.search_people sp "
        "CROSS JOIN participant p ON p.contact_id = sp.cid)",
        params,
    )
    return "SELECT rid, 0 AS score FROM temp.search_hits"


# The tables whose rows the search index holds besides notes (journal/search_sources.SOURCES).
PROFILE_SOURCES = ("contact", "fact", "nickname", "tag", "channel")


def _profile_end(connection: Any) -> int:
    """The largest rowid a profile row (not a note) can have in the index: rowid = source id *
    STRIDE + code, so the highest id among the profile's tables, times STRIDE, plus STRIDE - 1.
    Each MAX(id) is one step down a primary key."""
    highest = max(
        connection.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        for table in PROFILE_SOURCES
    )
    return int(highest) * STRIDE + STRIDE - 1


def _matching_notes(connection: Any, cursor: Any, notes: str) -> Iterator[tuple[int, str]]:
    """(person, day) of the walked rows whose note matches `notes`, in the walk's order; raises
    _Spread when a batch's ids are too far apart to ask the index about their range."""
    while batch := cursor.fetchmany(WALK_BATCH):
        ids = {row[0] for row in batch}
        low, high = min(ids), max(ids)
        if high - low > WALK_SPREAD * len(ids) + WALK_BATCH:
            raise _Spread
        found = {
            row[0] // STRIDE
            for row in connection.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? "
                f"AND rowid BETWEEN ? AND ? AND rowid % {STRIDE} = 0",
                (notes, low * STRIDE, high * STRIDE),
            )
        }
        yield from ((row[1], row[2]) for row in batch if row[0] in found)
