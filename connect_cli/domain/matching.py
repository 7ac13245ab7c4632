"""WHO resolution: turn what the user typed (``#12``, ``jo``, ``zoe``, ``lnda``) into one person.

Pure: callers load the candidates (usually every person in the journal) and pass them in.

The rule, in order, stopping at the first step that yields anyone:

1. ``#12`` or a bare ``12`` -> the person with that id. ``#12`` with no such id is unknown; a bare
   number with no such id falls through to name matching (a name or nickname may be numeric).
2. Exact name or nickname, compared with :func:`fold` (case, accents, letters like Ł and ø,
   apostrophes and hyphens, spacing ignored: connect_cli/folding.py).
3. Prefix: every query word prefixes a *distinct* word of the name or nicknames, pooled (order
   does not matter: ``linda h``, ``h linda`` and ``lin holc`` all find "Linda Holcman", nickname
   Lin). Words include the pieces of hyphenated/apostrophed words and, for Chinese/Korean names
   written without spaces, the given name (小明 in 王小明).
4. Fuzzy: a single clearly best match (score >= FUZZY_ACCEPT and ahead of the runner-up by at least
   FUZZY_MARGIN). A near tie is *not* a match: the user gets suggestions instead.

Several people fitting one step raise :class:`AmbiguousPerson`; we never guess. Nobody fitting
raises :class:`UnknownPerson` with up to three suggestions.

Archived people: within a step, if both active and archived people fit, the archived ones are
dropped (so an old contact never makes a current one ambiguous). If only archived people fit, they
are returned or reported as ambiguous like anyone else; callers decide whether to refuse them.
An explicit id always resolves, archived or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from connect_cli.domain.errors import AmbiguousPerson, InputError, PersonChoice, UnknownPerson
from connect_cli.domain.folding import fold, fold_chars, unjoin

FUZZY_ACCEPT = 85.0  # below this a fuzzy match is a suggestion, never an answer
FUZZY_MARGIN = 10.0  # the best fuzzy match must beat the runner-up by this much
SUGGEST_MIN = 50.0  # weakest fuzzy score still worth offering as "did you mean"
MAX_SUGGESTIONS = 3
# Per-word fuzzy scoring runs one rapidfuzz pass per query word; beyond this many words the query
# is not a name anyway, so only the whole-string comparison is used.
MAX_FUZZY_WORDS = 4

_ID_QUERY = re.compile(r"(#)?\s*([0-9]{1,18})")  # 18 digits: keep int() cheap and in SQLite range
# Punctuation that joins parts of a name (mary-jane, o'brien, jean.paul, ジョン・スミス). A fixed
# class rather than Unicode categories: it runs in C, and after NFKD folding names hardly contain
# punctuation outside these ranges. Combining marks are never in it (they are letters elsewhere).
_PUNCTUATION = re.compile(
    r"[!-/:-@\[-`{-~\u00a1-\u00bf\u2010-\u2027\u2030-\u205e\u3000-\u303f\u30fb]+"
)


# Chinese, Japanese and Korean names are written family name first, usually without a space
# (王小明, 山田太郎, 김민준), and people are often called by the given name alone. For such a word of
# 2-4 characters, everything after the first character also counts as a word, and for four
# characters everything after the second (two-character family names: 山田, 欧阳). The wrong
# extra word this sometimes gives only ever adds a match.
_HAN_HANGUL = "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"


@cache
def _given_name() -> re.Pattern[str]:
    """Compiled on first use: these big ranges take ~4 ms to compile, paid by every run that
    imports this module, while most journals never hold a Han or Hangul name."""
    return re.compile(f"(?<!\\S)[{_HAN_HANGUL}]([{_HAN_HANGUL}]{{1,3}})(?!\\S)")


class Candidate(NamedTuple):
    """A person as WHO resolution sees them (a tuple: ten thousand are built per resolution)."""

    id: int
    name: str
    nicknames: tuple[str, ...] = ()
    company: str | None = None
    archived: bool = False


# --- folding -------------------------------------------------------------------------------------

# Every str.isspace() character except the plain space (a test checks the list is complete).
# Searching for an explicit class is several times faster than for [^\S ].
_OTHER_WHITESPACE = re.compile(
    "[\t-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_SEP = "\x00"  # joins many names for batch folding: a starter no normalization composes across


def _fold_many(texts: Sequence[str]) -> list[str]:
    """``[fold(t) for t in texts]`` in a few C calls over joined strings: folding 10k names one by
    one would cost more than all the matching that follows."""
    return _clean_many(_unjoin_many(_fold_chars_many(texts)))


def _fold_chars_many(texts: Sequence[str]) -> list[str]:
    """``[fold_chars(t) for t in texts]``, the non-ASCII ones folded in one call."""
    folded = [t.lower() if t.isascii() else t for t in texts]
    unicode_at = [k for k, t in enumerate(texts) if not t.isascii()]
    joined = _SEP.join(texts[k] for k in unicode_at)
    if joined.count(_SEP) == len(unicode_at) - 1:
        parts = fold_chars(joined).split(_SEP)
        for n, k in enumerate(unicode_at):
            folded[k] = parts[n]
    else:  # some name contains NUL itself: rare, take the exact path
        for k in unicode_at:
            folded[k] = fold_chars(texts[k])
    return folded


def _unjoin_many(kept: list[str]) -> list[str]:
    """unjoin() of each, in one call when any of them has an apostrophe or hyphen at all."""
    joined = _SEP.join(kept)
    if "'" not in joined and "-" not in joined and "`" not in joined and joined.isascii():
        return kept
    parts = unjoin(joined).split(_SEP)
    return parts if len(parts) == len(kept) else [unjoin(k) for k in kept]


def _clean_many(folded: list[str]) -> list[str]:
    if _messy_whitespace(_SEP.join(folded)):
        folded = [" ".join(f.split()) for f in folded]
    return folded


def _messy_whitespace(joined: str) -> bool:
    """Would " ".join(name.split()) change any of the _SEP-joined names? Usually not, and these
    C-level checks are much cheaper than re-joining 10k names to find out."""
    return bool(
        _OTHER_WHITESPACE.search(joined)
        or "  " in joined
        or f" {_SEP}" in joined
        or f"{_SEP} " in joined
        or joined.startswith(" ")
        or joined.endswith(" ")
    )


# --- per-call index ------------------------------------------------------------------------------


class _Index:
    """Folded forms of every candidate, computed once per resolution and only as far as needed
    (an id lookup folds nothing; an exact match splits no words)."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.candidates = candidates
        self._strings: list[str] | None = None
        self._kept: list[str] = []  # the same, with apostrophes and hyphens still in
        self._owners: list[int] = []
        self._haystacks: list[str] | None = None

    @property
    def strings(self) -> list[str]:
        """Folded names of all candidates (strings[i] is candidate i's), then every folded
        nickname; owners says whose each string is."""
        if self._strings is None:
            raw = [c.name for c in self.candidates]
            self._owners = list(range(len(raw)))
            for i, c in enumerate(self.candidates):
                if c.nicknames:
                    raw.extend(c.nicknames)
                    self._owners.extend([i] * len(c.nicknames))
            self._kept = _fold_chars_many(raw)
            self._strings = _clean_many(_unjoin_many(self._kept))
        return self._strings

    @property
    def owners(self) -> list[int]:
        """owners[k] is the index of the candidate that strings[k] belongs to."""
        _ = self.strings
        return self._owners

    @property
    def haystacks(self) -> list[str]:
        """Per candidate: every word of its name and nicknames, space-separated, with a leading
        space, so "q prefixes some word" is ``" " + q in haystack``: one C-level search.

        Words are the folded words plus, for words with punctuation, their pieces ("o'brien" is
        obrien, and adds o and brien), so ``brien`` and ``o'b`` both prefix a word,
        and Chinese/Korean given names (see _given_name).
        Runs of spaces may occur; words() splits them away.
        """
        if self._haystacks is None:
            strings, owners = self.strings, self.owners
            split = _PUNCTUATION.sub(" ", _SEP.join(self._kept)).split(_SEP)
            if len(split) != len(strings):  # a name contains NUL itself: rare, go one by one
                split = [_PUNCTUATION.sub(" ", s) for s in self._kept]
            hay = [" " + w if w == p else f" {w} {p}" for w, p in zip(strings, split, strict=True)]
            for k, string in enumerate(strings):
                if not string.isascii():
                    given = _given_name().findall(string)
                    # a four-character name may have a two-character family name (山田太郎)
                    given += [g[1:] for g in given if len(g) == 3]
                    if given:
                        hay[k] += " " + " ".join(given)
            for k in range(len(self.candidates), len(hay)):  # nicknames join their owner's words
                hay[owners[k]] += hay[k]
            self._haystacks = hay[: len(self.candidates)]
        return self._haystacks

    def words(self, i: int) -> list[str]:
        return self.haystacks[i].split()


# --- the steps -----------------------------------------------------------------------------------


def id_in(query: str) -> int | None:
    """The id a WHO like `#12` or `12` names, if it has that form."""
    match = _ID_QUERY.fullmatch(query.strip())
    return int(match.group(2)) if match else None


def _by_id(query: str, index: _Index) -> list[int] | None:
    """Step 1. None means "not an id query, carry on"; an empty list means "#id not found"."""
    match = _ID_QUERY.fullmatch(query)
    if match is None:
        return None
    wanted = int(match.group(2))
    hits = [i for i, c in enumerate(index.candidates) if c.id == wanted]
    if hits or match.group(1):
        return hits
    return None  # a bare number that is no id may still be (part of) a name


def _exact(folded: str, index: _Index) -> list[int]:
    """Step 2: the folded query equals the folded name or a folded nickname."""
    owners = index.owners
    return sorted({owners[k] for k, s in enumerate(index.strings) if s == folded})


def _prefixes_distinct(query_words: Sequence[str], words: Sequence[str]) -> bool:
    """True when each query word prefixes a different word (a tiny bipartite matching)."""
    options = [[j for j, w in enumerate(words) if w.startswith(q)] for q in query_words]
    if not all(options):
        return False
    # most constrained query word first keeps the backtracking trivial for real names
    order = sorted(range(len(options)), key=lambda k: len(options[k]))
    used: set[int] = set()

    def assign(k: int) -> bool:
        if k == len(order):
            return True
        for j in options[order[k]]:
            if j not in used:
                used.add(j)
                if assign(k + 1):
                    return True
                used.discard(j)
        return False

    return assign(0)


def _prefix(folded: str, index: _Index) -> list[int]:
    """Step 3: every query word prefixes a distinct word of the name or nicknames. (A query that
    prefixes a whole name, "linda h", is a special case: its words are that name's first words.)"""
    query_words = folded.split(" ")
    if len(query_words) == 1:  # the common case, kept to one C-level search per candidate
        needle = " " + folded
        return [i for i, hay in enumerate(index.haystacks) if needle in hay]
    # Necessary condition first (each query word prefixes *some* word), cheap via `in`.
    needles = [" " + q for q in query_words]
    hay = index.haystacks
    return [
        i
        for i, h in enumerate(hay)
        if all(n in h for n in needles) and _prefixes_distinct(query_words, index.words(i))
    ]


def _fuzzy_scores(folded: str, index: _Index) -> dict[int, float]:
    """Best fuzzy score per candidate index (only scores >= SUGGEST_MIN are kept).

    A candidate scores the better of: token_sort_ratio of the whole query against the whole name
    or a nickname (typos spread over a full name, any word order), and _word_scores (``lnda`` ->
    "Linda Holcman", where the whole-name score is diluted by the surname the user did not type).
    Plain ratios, not WRatio: WRatio's partial matching scores substrings at 90 (``eve`` ->
    "Steven"), which would be a guess.
    """
    from rapidfuzz import fuzz, process  # only when a name needs fuzzy matching

    scores: dict[int, float] = {}
    owners = index.owners
    for _, score, k in process.extract(
        folded,
        index.strings,
        scorer=fuzz.token_sort_ratio,
        processor=None,
        limit=None,
        score_cutoff=SUGGEST_MIN,
    ):
        scores[owners[k]] = max(scores.get(owners[k], 0.0), score)

    query_words = folded.split(" ")
    if len(query_words) <= MAX_FUZZY_WORDS:
        for i, score in _word_scores(query_words, index).items():
            scores[i] = max(scores.get(i, 0.0), score)
    return scores


def _word_cutoff(n_words: int) -> float:
    """Word scores below this count as 0. Low enough that no candidate whose true mean reaches
    FUZZY_ACCEPT - FUZZY_MARGIN is underrated, so acceptance and the runner-up margin are exact;
    only weak suggestions for long queries may rank a hair low."""
    relevant = FUZZY_ACCEPT - FUZZY_MARGIN
    return max(1.0, min(SUGGEST_MIN, 100.0 - n_words * (100.0 - relevant)))


def _word_scores(query_words: list[str], index: _Index) -> dict[int, float]:
    """Per candidate: the mean over query words of each one's ratio against a *distinct* word of
    the candidate (as in the prefix step, ``jo jo`` cannot use "Jo" twice). Only means >=
    SUGGEST_MIN are returned."""
    from rapidfuzz import fuzz, process  # only when a name needs fuzzy matching

    n_words = len(query_words)
    cutoff = _word_cutoff(n_words)
    word_owners: list[int] = []
    word_choices: list[str] = []
    first_word: list[int] = []  # global index of each candidate's first word
    for i, hay in enumerate(index.haystacks):
        words = hay.split()
        first_word.append(len(word_choices))
        word_choices.extend(words)
        word_owners.extend([i] * len(words))
    # one C pass per query word; best (score, word) per candidate and query word
    best: dict[int, list[tuple[float, int]]] = {}
    for pos, q_word in enumerate(query_words):
        for _, score, k in process.extract(
            q_word,
            word_choices,
            scorer=fuzz.ratio,
            processor=None,
            limit=None,
            score_cutoff=cutoff,
        ):
            row = best.setdefault(word_owners[k], [(0.0, -1 - p) for p in range(n_words)])
            if score > row[pos][0]:
                row[pos] = (score, k - first_word[word_owners[k]])
    scores: dict[int, float] = {}
    for i, row in best.items():
        used = [j for _, j in row]
        if len(set(used)) == len(used):  # every query word's best word is its own: optimal
            mean = sum(score for score, _ in row) / n_words
        else:  # rare (query words alike): solve the small assignment exactly
            mean = _assignment_mean(query_words, index.words(i), cutoff)
        if mean >= SUGGEST_MIN:
            scores[i] = mean
    return scores


def _assignment_mean(query_words: list[str], words: list[str], cutoff: float) -> float:
    """Best mean ratio pairing each query word with a distinct word (or with nothing: 0)."""
    from rapidfuzz import fuzz

    n = len(query_words)
    table = [[fuzz.ratio(q, w, score_cutoff=cutoff) for w in words] for q in query_words]
    # An optimal pairing only ever uses one of each query word's n best words, so a tiny search
    # over those suffices (a few hundred paths at most, for MAX_FUZZY_WORDS words).
    options = [sorted(range(len(words)), key=row.__getitem__, reverse=True)[:n] for row in table]

    def search(pos: int, used: frozenset[int]) -> float:
        if pos == n:
            return 0.0
        total = search(pos + 1, used)  # this query word left unpaired
        for j in options[pos]:
            if j not in used:
                total = max(total, table[pos][j] + search(pos + 1, used | {j}))
        return total

    return search(0, frozenset()) / n


def _clear_winner(scores: dict[int, float], index: _Index) -> int | None:
    """Step 4's acceptance test: one candidate well above the threshold and the runner-up."""
    pool = scores
    active = {i: s for i, s in scores.items() if not index.candidates[i].archived}
    if any(s >= FUZZY_ACCEPT for s in active.values()):
        pool = active  # an archived near-miss must not block (or win against) an active match
    ranked = sorted(pool.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < FUZZY_ACCEPT:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
        return None
    return ranked[0][0]


# --- outcome -------------------------------------------------------------------------------------


def _choice(candidate: Candidate) -> PersonChoice:
    return PersonChoice(candidate.id, candidate.name, candidate.company)


def _decide(query: str, hits: list[int], index: _Index) -> Candidate:
    """One hit wins; several raise AmbiguousPerson listing all of them by name, then id."""
    active = [i for i in hits if not index.candidates[i].archived]
    hits = active or hits  # archived people only count when nobody active fits
    if len(hits) == 1:
        return index.candidates[hits[0]]
    people = sorted((index.candidates[i] for i in hits), key=lambda c: (fold(c.name), c.name, c.id))
    raise AmbiguousPerson(query, [_choice(c) for c in people])


def _suggestions(scores: dict[int, float], index: _Index) -> list[PersonChoice]:
    """Nearest names, best first; active before archived at equal score."""

    def rank(i: int) -> tuple[float, bool, str, int]:
        c = index.candidates[i]
        return (-scores[i], c.archived, fold(c.name), c.id)

    best = sorted(scores, key=rank)[:MAX_SUGGESTIONS]
    return [_choice(index.candidates[i]) for i in best]


def name_words(text: str) -> list[str]:
    """The words a name or a nickname gives its person for steps 2 and 3, without repeats: each
    word of the folded text, the pieces of words with punctuation, Chinese/Korean given names
    (the same words `_Index.haystacks` pools). A query that matches a person by name or prefix
    has every word prefixing one of these, which is what lets a journal index them
    (journal/name_words.py) and hand `resolve_by_name` only the people who can match."""
    return list(dict.fromkeys(_Index([Candidate(0, text)]).haystacks[0].split()))


def name_words_many(texts: Sequence[str]) -> list[list[str]]:
    """`name_words` of each text, folded together (one pass of the folding rules over the batch,
    ~4x cheaper per text than one call each): what a bulk import writes to `name_word`."""
    haystacks = _Index([Candidate(0, text) for text in texts]).haystacks
    return [list(dict.fromkeys(hay.split())) for hay in haystacks]


def lookup_word(query: str) -> str | None:
    """The query word to look people up by (its longest: the fewest people share a prefix of
    it); None for a blank query or an id (`#12`, `12`), which go the whole way as before."""
    stripped = query.strip()
    if id_in(stripped) is not None:
        return None
    words = fold(stripped).split(" ")
    return max(words, key=len) or None


def resolve_by_name(query: str, candidates: Sequence[Candidate]) -> Candidate | None:
    """Steps 2 and 3 of `resolve_person` (exact, then prefix) over `candidates`: the person, or
    AmbiguousPerson; None when neither step matches anyone (the caller goes on to step 4 with
    everyone). Given every candidate one of whose name_words the lookup_word prefixes, the
    answer is the one resolve_person gives over the whole journal: those two steps can only
    match such candidates."""
    stripped = query.strip()
    folded = fold(stripped)
    if not folded:
        raise InputError("Say who you mean: a name, a nickname or an id like #12.")
    index = _Index(candidates)
    for step in (_exact, _prefix):
        hits = step(folded, index)
        if hits:
            return _decide(stripped, hits, index)
    return None


def resolve_person(query: str, candidates: Sequence[Candidate]) -> Candidate:
    """Resolve a WHO to exactly one candidate, or raise (see the module docstring for the rule).

    Raises InputError for a blank query, AmbiguousPerson when several people fit the first step
    that matches anyone, UnknownPerson (with up to three suggestions) when nobody fits.
    """
    stripped = query.strip()
    folded = fold(stripped)
    if not folded:
        raise InputError("Say who you mean: a name, a nickname or an id like #12.")
    index = _Index(candidates)

    by_id = _by_id(stripped, index)
    if by_id == []:
        raise UnknownPerson(stripped, [])
    if by_id:
        return _decide(stripped, by_id, index)
    # steps run lazily: most queries stop at an exact or prefix match, before any fuzzy work
    for step in (_exact, _prefix):
        hits = step(folded, index)
        if hits:
            return _decide(stripped, hits, index)

    scores = _fuzzy_scores(folded, index)
    winner = _clear_winner(scores, index)
    if winner is not None:
        return index.candidates[winner]
    raise UnknownPerson(stripped, _suggestions(scores, index))
