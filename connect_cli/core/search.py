"""`connect search`: any text a person types becomes a safe FTS5 query; hits grouped by person.

FTS5 has its own query language (AND, OR, NOT, NEAR, column filters `email:x`, quotes, `^`), and
a stray quote or keyword is a syntax error. The user's text is never handed to it as is: it is cut
into words the way the index's unicode61 tokenizer cuts text (runs of letters and digits), and
each whitespace-separated chunk becomes one quoted FTS5 string, so `O'Brien` and `AT&T` search for
those words next to each other, and `NOT` is just a word. A trailing `*` on a chunk asks for a
prefix (`fint*` finds fintech). Every chunk must match (implicit AND).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import ConnectError, InputError
from connect_cli.domain.vocabulary import FACT_KINDS, INTERACTION_KINDS
from connect_cli.journal.sqlite import JournalLocation, SqliteReader
from connect_cli.read.search import Filters, Hit, search_hits
from connect_cli.read.snippets import quicker_match, snippets

# A word, as unicode61 sees one: letters and digits of any script (underscore is a separator).
_WORD = re.compile(r"[^\W_]+")
MAX_CHUNKS = 16  # a pasted paragraph still makes a bounded query
SEARCH_KINDS = INTERACTION_KINDS + FACT_KINDS


class Match(NamedTuple):
    source: str
    kind: str | None
    on: date | None
    snippet: str  # matched words between queries_search.MARK_START / MARK_END
    interaction_id: int | None


@dataclass(frozen=True)
class PersonResult:
    id: int
    name: str
    archived: bool
    match_count: int
    matches: list[Match] = field(default_factory=list)


def match_expression(text: str) -> str:
    """The FTS5 MATCH expression for what the user typed; InputError if it holds no words."""
    phrases = []
    for chunk in unicodedata.normalize("NFC", text).split():
        words = _WORD.findall(chunk)
        if not words:
            continue
        prefix = "*" if chunk.endswith("*") else ""
        # Only letters and digits inside the quotes, so the string can never break out of them.
        phrases.append('"' + " ".join(words) + '"' + prefix)
    if not phrases:
        raise InputError("Give some words to search for, e.g. `connect search sailing`.")
    return " ".join(phrases[:MAX_CHUNKS])


def check_kind(kind: str | None) -> str | None:
    if kind is None:
        return None
    wanted = kind.strip().lower()
    if wanted not in SEARCH_KINDS:
        raise InputError(
            "--kind takes an interaction kind ("
            + ", ".join(INTERACTION_KINDS)
            + ") or a fact kind ("
            + ", ".join(FACT_KINDS)
            + ")."
        )
    return wanted


def search(
    location: JournalLocation,
    query: str,
    *,
    limit: int = 20,
    filters: Filters | None = None,
    rank: bool = False,
) -> list[PersonResult]:
    """People whose notes, facts or profile match `query`, each with their best few matches."""
    match = match_expression(query)
    if limit < 1:
        raise InputError("--limit must be at least 1.")
    with read_journal(location) as reader:
        if not isinstance(reader, SqliteReader):
            raise ConnectError("Search needs a SQLite journal; this database has no search index.")
        fast = quicker_match(reader, match)
        hits = search_hits(
            reader,
            match if rank or fast is None else fast,  # bm25 scores the query as typed
            filters=filters or Filters(),
            limit=limit,
            rank=rank,
        )
        texts = snippets(reader, match, [hit.rowid for hit in hits], fast)
    return _group(hits, texts)


def _group(hits: list[Hit], texts: dict[int, str]) -> list[PersonResult]:
    people: dict[int, PersonResult] = {}
    for hit in hits:
        person = people.get(hit.contact_id)
        if person is None:
            person = PersonResult(hit.contact_id, hit.name, hit.archived, hit.match_count)
            people[hit.contact_id] = person
        person.matches.append(
            Match(hit.source, hit.kind, hit.on, texts.get(hit.rowid, ""), hit.interaction_id)
        )
    return list(people.values())
