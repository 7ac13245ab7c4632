"""`connect search`: any text a person types becomes a safe FTS5 query; hits grouped by person.

FTS5 has its own query language (AND, OR, NOT, NEAR, column filters `email:x`, quotes, `^`), and
a stray quote or keyword is a syntax error. The user's text is never handed to it as is: each
whitespace-separated chunk is folded as every command folds text (connect_cli/folding.py: case,
accents, Ł/ø/ß…, O'Brien -> obrien), cut into words (runs of letters and digits), and becomes one
quoted FTS5 string, so `AT&T` searches for `at` next to `t`, and `NOT` is just a word. A run of
Chinese, Japanese or Korean becomes the phrase of its bigrams, as the index stores it (東京 finds
昨日東京で…). A trailing `*` on a chunk asks for a prefix (`fint*` finds fintech). Every chunk must
match (AND).

Words in other forms: a lone English word also looks for its regular inflections (engineers ->
engineer, engineering; folding.inflections), but only in prose (notes, facts, companies, titles,
how met, location, tags), never in names, nicknames or channels, and not at all when the word or
the inflection is a word of someone's name or nickname in this journal: a name is never stemmed
into another name ("williams" does not find William, "hans" does not find Han).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import InputError
from connect_cli.domain.folding import WORD, fold, has_cjk, inflections, query_tokens
from connect_cli.domain.vocabulary import FACT_KINDS, INTERACTION_KINDS
from connect_cli.journal.sqlite import JournalLocation, Reader, SqliteReader
from connect_cli.read.search import Filters, Hit, name_words_among, search_hits
from connect_cli.read.snippets import Targets, quicker_match, snippets

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


class Chunk(NamedTuple):
    """One whitespace-separated piece of the query, folded: its words and index tokens."""

    words: tuple[str, ...]
    tokens: tuple[str, ...]
    prefix: bool

    def phrase(self) -> str:
        # Only letters and digits inside the quotes, so the string can never break out of them.
        # A lone CJK character is a prefix: it starts the bigrams it is part of.
        star = self.prefix or (
            len(self.tokens) == 1 and len(self.tokens[0]) == 1 and has_cjk(self.tokens[0])
        )
        return '"' + " ".join(self.tokens) + '"' + ("*" if star else "")

    @property
    def inflectable(self) -> str | None:
        """The lone English word whose inflections may be looked for, if that is what this is."""
        if self.prefix or len(self.words) != 1 or not inflections(self.words[0]):
            return None
        return self.words[0]


def chunks(text: str) -> list[Chunk]:
    """The query cut as described above; InputError if it holds no words."""
    found = []
    for piece in text.split():
        words = tuple(WORD.findall(fold(piece)))
        if words:
            tokens = tuple(t for w in words for t in query_tokens(w))
            found.append(Chunk(words, tokens, piece.endswith("*")))
    if not found and text.strip():
        # the index holds words (letters and digits); emoji and symbols are not in it
        symbols = text.strip()[:20]
        raise InputError(
            "Give some words to search for: search finds words, not emoji or symbols like "
            f"{symbols!r}; to find those in notes, use `connect history | grep {symbols!r}`."
        )
    if not found:
        raise InputError("Give some words to search for, e.g. `connect search sailing`.")
    return found[:MAX_CHUNKS]


def match_expression(text: str) -> str:
    """The FTS5 MATCH expression for what the user typed; InputError if it holds no words."""
    return " AND ".join(chunk.phrase() for chunk in chunks(text))


def loose_expression(found: list[Chunk], names: set[str]) -> tuple[str | None, set[str]]:
    """The expression with each lone word's inflections as alternatives (None when there are
    none), and those inflections; `names` are the words of names, which never take part."""
    parts, extra = [], set()
    for chunk in found:
        word = chunk.inflectable
        forms = (
            [f for f in inflections(word) if f not in names] if word and word not in names else []
        )
        if forms:
            extra.update(forms)
            parts.append("(" + " OR ".join(f'"{f}"' for f in [word, *forms]) + ")")
        else:
            parts.append(chunk.phrase())
    return (" AND ".join(parts) if extra else None), extra


def _targets(found: list[Chunk], extra: set[str]) -> Targets:
    """What a snippet marks when FTS5's own snippet() cannot (a match in the folded terms)."""
    words, prefixes, runs = set(extra), set(), set()
    for chunk in found:
        for k, word in enumerate(chunk.words):
            if has_cjk(word):
                runs.add(word)
            elif chunk.prefix and k == len(chunk.words) - 1:
                prefixes.add(word)
            else:
                words.add(word)
    return Targets(frozenset(words), tuple(sorted(prefixes)), tuple(sorted(runs)))


def search_filters(*, kind: str | None, since: str | None, tag: str | None, today: date) -> Filters:
    """The filters as typed (`--kind call --since "3 months ago" --tag client`), checked."""
    return Filters(kind=check_kind(kind), since=_since(since, today), tag=tag)


def _since(text: str | None, today: date) -> date | None:
    if not text:
        return None
    from connect_cli.domain.days import parse_day  # date parsing loads only when asked for

    return parse_day(text, today)


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
    found = chunks(query)
    match = match_expression(query)
    if limit < 1:
        raise InputError("--limit must be at least 1.")
    with read_journal(location) as reader:
        if not isinstance(reader, SqliteReader):
            return _search_server(reader, found, match, filters or Filters(), limit, rank)
        candidates = {word for c in found if (word := c.inflectable)}
        names = name_words_among(reader, candidates, inflections) if candidates else set()
        loose, extra = loose_expression(found, names)
        fast = quicker_match(reader, match)
        fast_loose = quicker_match(reader, loose) if loose else None
        hits = search_hits(
            reader,
            match if rank or fast is None else fast,  # bm25 scores the query as typed
            filters=filters or Filters(),
            limit=limit,
            rank=rank,
            loose=loose if rank or fast_loose is None else fast_loose,
        )
        shown = [hit.rowid for hit in hits]
        texts = snippets(
            reader, loose or match, shown, fast_loose if loose else fast, _targets(found, extra)
        )
    return _group(hits, texts)


def _search_server(
    reader: Reader, found: list[Chunk], match: str, filters: Filters, limit: int, rank: bool
) -> list[PersonResult]:
    """search() on a PostgreSQL journal: the same expressions as tsquery (read/pg_search.py),
    without the prefix rewriting FTS5 needs to be quick (a GIN index finds a prefix itself)."""
    from connect_cli.read.pg_search import pg_snippets, tsquery_text

    candidates = {word for c in found if (word := c.inflectable)}
    names = name_words_among(reader, candidates, inflections) if candidates else set()
    loose, extra = loose_expression(found, names)
    hits = search_hits(
        reader,
        tsquery_text(match),
        filters=filters,
        limit=limit,
        rank=rank,
        loose=tsquery_text(loose) if loose else None,
    )
    texts = pg_snippets(reader, loose or match, [hit.rowid for hit in hits], _targets(found, extra))
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
