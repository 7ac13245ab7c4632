"""The SQL of `connect search`: FTS5 over `search_index` (migration 0002), SQLite only.

Two steps keep a common word fast at a million notes:
1. one query finds every hit, attributes it to people (a note through `participant`), keeps at
   most MATCHES_PER_PERSON hits per person and the first `limit` people, all in SQL;
2. `snippet()` runs only for the few hits that are shown, one rowid lookup each.

A profile hit (name, fact, company…) has no day of its own; for "newest first" it counts as of
the person's last contact (or never, if there was none), so a match on who someone is sorts with
your freshest conversations about them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from connect_cli.db import Reader

# queries.LAST_TOUCH, repeated so that search does not import queries.py and, through it, name
# matching and date parsing (~20 ms of start-up); tests/test_search.py checks they are equal.
LAST_TOUCH = "(SELECT MAX(p.happened_on) FROM participant p WHERE p.contact_id = c.id)"

MATCHES_PER_PERSON = 5
# Unlikely characters around each matched word in a snippet; render turns them into a style
# after making the rest of the text inert (see render/search.py).
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_TOKENS = 12


@dataclass(frozen=True)
class Hit:
    """One matching row, attributed to one person."""

    contact_id: int
    name: str
    archived: bool
    rowid: int
    source: str  # note, fact, name, nickname, company, title, met_at
    kind: str | None  # the interaction's kind for a note, the fact's kind for a fact
    on: date | None  # a note's day
    interaction_id: int | None
    match_count: int  # how many hits this person has in all


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    since: date | None = None
    tag: str | None = None


# rowid = source row id * 8 + code (migration 0002); the contact fields' source id is the contact.
NOTE, FACT, NAME, NICKNAME, COMPANY, TITLE, MET_AT = range(7)
CONTACT_FIELD = f"CASE h.rid % 8 WHEN {NAME} THEN 'name' WHEN {COMPANY} THEN 'company' " + (
    f"WHEN {TITLE} THEN 'title' ELSE 'met_at' END"
)


def _attributed_sql(filters: Filters) -> str:
    """Every hit with its person, source, kind and day; a shared note once per person present."""
    note = ["h.rid % 8 = 0"]
    if filters.kind:
        note.append("i.kind = :kind")
    if filters.since:
        note.append("i.happened_on >= :since")
    parts = [
        "SELECT p.contact_id AS cid, h.rid, 'note' AS source, i.kind, i.id AS interaction_id, "
        "h.score, i.happened_on AS on_ FROM hits h JOIN interaction i ON i.id = h.rid / 8 "
        f"JOIN participant p ON p.interaction_id = i.id WHERE {' AND '.join(note)}"
    ]
    if not filters.since:  # --since is about notes: profile hits have no day
        kind = " AND f.kind = :kind" if filters.kind else ""
        parts.append(
            "SELECT f.contact_id, h.rid, 'fact', f.kind, NULL, h.score, NULL "
            f"FROM hits h JOIN fact f ON f.id = h.rid / 8 WHERE h.rid % 8 = {FACT}{kind}"
        )
    if not (filters.since or filters.kind):
        parts += [
            "SELECT n.contact_id, h.rid, 'nickname', NULL, NULL, h.score, NULL "
            f"FROM hits h JOIN nickname n ON n.id = h.rid / 8 WHERE h.rid % 8 = {NICKNAME}",
            f"SELECT h.rid / 8, h.rid, {CONTACT_FIELD}, NULL, NULL, h.score, NULL "
            f"FROM hits h WHERE h.rid % 8 IN ({NAME}, {COMPANY}, {TITLE}, {MET_AT})",
        ]
    return "\n  UNION ALL\n  ".join(parts)


def _hits_sql(filters: Filters, rank: bool) -> str:
    tag_join = (
        "AND EXISTS (SELECT 1 FROM tag t WHERE t.contact_id = c.id AND lower(t.name) = lower(:tag))"
        if filters.tag
        else ""
    )
    # bm25 only when ranking: it reads every hit's statistics, rowids alone cost nothing.
    score = "bm25(search_index)" if rank else "0"
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
  SELECT rowid AS rid, {score} AS score FROM search_index WHERE search_index MATCH :query
),
attributed AS (
  {_attributed_sql(filters)}
),
people AS (
  SELECT a.cid, c.name AS c_name, c.archived AS c_archived, COUNT(*) AS match_count,
         MIN(a.score) AS best_score,
         MAX(CASE WHEN a.on_ IS NULL THEN {LAST_TOUCH} ELSE a.on_ END) AS newest
  FROM attributed a JOIN contact c ON c.id = a.cid {tag_join}
  GROUP BY a.cid
  ORDER BY {person_order}
  LIMIT :limit
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


def search_hits(
    reader: Reader, match: str, *, filters: Filters, limit: int, rank: bool
) -> list[Hit]:
    """The hits shown for an FTS5 MATCH expression, grouped by person in display order."""
    params: dict[str, Any] = {
        "query": match,
        "limit": limit,
        "kind": filters.kind,
        "since": filters.since.isoformat() if filters.since else None,
        "tag": filters.tag,
    }
    rows = reader.rows(_hits_sql(filters, rank), params)
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


def snippets(reader: Reader, match: str, rowids: Sequence[int]) -> dict[int, str]:
    """snippet() of each row, matched words between MARK_START and MARK_END."""
    found: dict[int, str] = {}
    sql = (
        "SELECT snippet(search_index, 0, :start, :end, '…', :tokens) AS snip "
        "FROM search_index WHERE search_index MATCH :query AND rowid = :rowid"
    )
    for rowid in dict.fromkeys(rowids):
        rows = reader.rows(
            sql,
            {
                "start": MARK_START,
                "end": MARK_END,
                "tokens": SNIPPET_TOKENS,
                "query": match,
                "rowid": rowid,
            },
        )
        if rows:
            found[rowid] = rows[0]["snip"]
    return found
