"""Which introductions are worth making: one person's open need meeting another's offer.

Pure rules over plain values, so they are tested without a journal (read/intros.py loads the
values, core/intros.py ranks them).

How a need meets a person (issue #16):
- Words are read as search reads them: folded (domain/folding.fold) and reduced to their regular
  stem (folding.stem: "investors" and "investing" meet "invest"), with the words that say nothing
  about *what* is needed dropped (STOPWORDS).
- A rare word weighs more than a common one: each stem's weight is its inverse document frequency
  over the journal's own needs, offers, titles, companies and tags (`Vocabulary`), so "fintech"
  outweighs "sales" in a journal of salespeople.
- An offer is the evidence; a person's title, company and tags support it at EVIDENCE_WEIGHT
  ("VP Sales at Acme" can meet "hiring a VP Sales").
- strength = the weight of the need's stems found on that person / the weight of all its stems.
  A pair is suggested only when strength >= MIN_STRENGTH and at least one stem that met is not
  common (idf >= MIN_IDF): two texts sharing only "sales" in a sales journal are no match.
- The rank is strength times warmth: warmth(days since last contact) of both people, so the
  introductions you can actually make today come first.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from connect_cli.domain.folding import fold, stem

EVIDENCE_WEIGHT = 0.6  # a title, company or tag supports a need less than an offer says it
MIN_STRENGTH = 0.15  # of the need's weight found on the helper
MIN_IDF = 1.0  # a stem in more than ~1/e of the documents says little on its own
WARM_DAYS = 120.0  # warmth halves every this many days since the last contact
COLD = 0.25  # warmth of someone never contacted
WARMTH_SHARE = 0.3  # how much warmth moves the rank (strength is the rest)

# Words that say nothing about *what* is needed or offered.
STOPWORDS = frozenset(
    """a an and the of to in on for with at by from into about over our their his her its my your
    is are be been being was were has have had do does did not no so or as that this these those it
    some any more most very just new good great best get getting find finding look looking need
    needs needed help helping helps advice intro intros introduction introductions introduce
    someone somebody people person can could would will want wants wanted know knows every all one
    two three them they we us you he she him who what which there here than then also much many lot
    lots way ways thing things happy glad able around anyone anybody seeking seek searching search
    offer offers offering give gives giving share sharing
    talk talking chat connect connecting connection connections contact contacts make making
    like love loves time times start starting other others their next last first second soon
    small big large early late out inside still maybe please tip tips idea ideas skill skills open""".split()
)

# A few equivalences of the working world that no stemmer sees (same thing, different word).
# Kept small and general on purpose: titles, companies and tags carry the rest.
SYNONYMS = {
    "attorney": "lawyer",
    "legal": "lawyer",
    "law": "lawyer",
    "counsel": "lawyer",
    "cpa": "accountant",
    "accounting": "accountant",
    "bookkeep": "accountant",
    "tax": "accountant",
    "vc": "investor",
    "invest": "investor",
    "angel": "investor",
    "fundrais": "investor",
    "fund": "investor",
    "capital": "investor",
    "doctor": "physician",
    "medical": "physician",
    "realtor": "realestate",
    "estate": "realestate",
    "apartment": "realestate",
    "housing": "realestate",
    "flat": "realestate",
    "house": "realestate",
    "home": "realestate",
    "developer": "engineer",
    "engineering": "engineer",
    "programmer": "engineer",
    "software": "engineer",
    "coding": "engineer",
    "ux": "design",
    "ui": "design",
    "designer": "design",
    "advertising": "marketing",
    "ad": "marketing",
    "brand": "marketing",
    "growth": "marketing",
    "seo": "marketing",
    "pr": "press",
    "journalist": "press",
    "media": "press",
    "reporter": "press",
    "translator": "translation",
    "translate": "translation",
    "visa": "immigration",
    "immigrat": "immigration",
    "teacher": "teach",
    "mentorship": "mentor",
    "recruiter": "talent",
    "headhunter": "talent",
    "candidate": "talent",
    "ml": "ai",
    "machine": "ai",
    "photographer": "photograph",
    "photo": "photograph",
    "photography": "photograph",
    "hire": "talent",
    "recruit": "talent",
    "seed": "investor",
    "rais": "investor",
    "learn": "teach",
    "lesson": "teach",
    "tutor": "teach",
    "sold": "sell",
    "marketing": "marketing",
    "physio": "therapist",
    "physiotherapist": "therapist",
    "physiotherapy": "therapist",
    "publisher": "publish",
}

_WORD = re.compile(r"[^\W_]+")
# Two-word names of one thing, read as one word before anything else.
PHRASES = {"machine learning": "ml", "real estate": "realestate", "co founder": "cofounder"}


def key(word: str) -> str:
    """A folded word's matching key: its regular stem (folding.stem), with a final silent "e"
    dropped (Porter's step 5a, which stem() leaves out) so "teaches" meets "teach"."""
    root = stem(word)
    return root[:-1] if len(root) > 3 and root.endswith("e") and word.isascii() else root


_SYNONYM_KEYS = {key(word): target for word, target in SYNONYMS.items()}


def terms(text: str) -> frozenset[str]:
    """The keys of `text` that can carry a match: folded, stemmed, stopwords and numbers out,
    synonyms mapped to one key ("Attorneys" -> {"lawyer"})."""
    folded = fold(text)
    for phrase, word in PHRASES.items():
        if phrase in folded:
            folded = folded.replace(phrase, word)
    found = set()
    for word in _WORD.findall(folded):
        if len(word) < 2 or word.isdigit() or word in STOPWORDS:
            continue
        if word in SYNONYMS:
            found.add(SYNONYMS[word])
            continue
        root = key(word)
        if root not in STOPWORDS:
            found.add(_SYNONYM_KEYS.get(root, root))
    return frozenset(found)


@dataclass
class Journal:
    """What matching reads of a journal, grouped by text (read/intros.py groups it in SQL, so
    10k people cost a few dozen rows of text and one pass over their ids).

    Only active (not archived) people appear. A person is listed once per text they hold (twice
    if their title and a tag are the same text): each listing is one document for the IDF.
    """

    days: dict[int, int | None]  # person id -> days since the last contact (None: never)
    names: dict[int, str]  # person id -> name
    needs: list[tuple[int, int, str]] = field(default_factory=list)  # (person, fact id, text), open
    offers: dict[str, list[int]] = field(default_factory=dict)  # offer text -> holders
    evidence: dict[str, list[int]] = field(default_factory=dict)  # title/company/tag -> holders

    # A scan of the holder lists (C speed, ~28k ids at 10k people): only shown suggestions ask.
    def offers_of(self, person_id: int) -> list[str]:
        return [text for text, ids in self.offers.items() if person_id in ids]

    def evidence_of(self, person_id: int) -> list[str]:
        return [text for text, ids in self.evidence.items() if person_id in ids]


@dataclass(frozen=True)
class Suggestion:
    """Introduce `person` (who needs `need`) to `helper` (who offers `offer`, or whose title,
    company or tags say so); `words` are the words that met, as the helper wrote them."""

    person_id: int
    person: str
    need_id: int
    need: str
    helper_id: int
    helper: str
    offer: str | None
    words: tuple[str, ...]
    strength: float
    score: float


class Vocabulary:
    """Inverse document frequencies over the journal's own texts (one document per need, offer,
    title, company and tag): idf(t) = ln((N + 1) / (df(t) + 1)) + 1 (smoothed, always > 0)."""

    def __init__(self, documents: Iterable[tuple[frozenset[str], int]]) -> None:
        """`documents`: (a document's keys, how many documents have exactly that text)."""
        counts: dict[str, int] = {}
        n = 0
        for doc, times in documents:
            n += times
            for term in doc:
                counts[term] = counts.get(term, 0) + times
        self.n = n
        self.df = counts

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def warmth(days_since: int | None) -> float:
    """1.0 for someone you spoke to today, halving every WARM_DAYS; COLD if never."""
    if days_since is None:
        return COLD
    return max(COLD, 0.5 ** (max(days_since, 0) / WARM_DAYS))


class Matcher:
    """Everyone's offers and evidence indexed by key, ready to meet any number of needs.

    The people meeting a need depend on its text only, so each distinct need text is scored once
    (`ranked`), however many people share it; a Suggestion (with its offer and words) is built
    only for the pairs that are ranked.
    """

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.warm = _warmths(journal.days)
        self._cache: dict[str, frozenset[str]] = {}
        self._surfaces: dict[str, dict[str, str]] = {}
        self._ranked: dict[str, list[tuple[float, int]]] = {}
        self.by_evidence: dict[str, list[list[int]]] = {}
        self.by_offer: dict[str, list[list[int]]] = {}
        counts: dict[str, int] = {}  # documents: each need, offer, title, company, tag
        for _, _, text in journal.needs:
            counts[text] = counts.get(text, 0) + 1
        for holders, index in (
            (journal.evidence, self.by_evidence),
            (journal.offers, self.by_offer),
        ):
            for text, ids in holders.items():
                counts[text] = counts.get(text, 0) + len(ids)
                for term in self.terms(text):
                    index.setdefault(term, []).append(ids)
        self.vocabulary = Vocabulary((self.terms(text), n) for text, n in counts.items())

    def _surface(self, text: str) -> dict[str, str]:
        found = self._surfaces.get(text)
        if found is None:
            found = self._surfaces[text] = _surface([text])
        return found

    def terms(self, text: str) -> frozenset[str]:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = terms(text)
        return found

    def ranked(self, need: str) -> list[tuple[float, int]]:
        """(strength, helper id) of everyone meeting `need`, strongest and warmest first."""
        found = self._ranked.get(need)
        if found is not None:
            return found
        wanted = self.terms(need)
        idf = {t: self.vocabulary.idf(t) for t in wanted}
        total = sum(idf.values())
        mass: dict[int, float] = {}
        rare: set[int] = set()
        for term in wanted:
            share: dict[int, float] = {}  # an offer saying it outweighs a title saying it
            for ids in self.by_evidence.get(term, ()):
                share.update(dict.fromkeys(ids, EVIDENCE_WEIGHT))
            for ids in self.by_offer.get(term, ()):
                share.update(dict.fromkeys(ids, 1.0))
            weight = idf[term]
            for helper_id, part in share.items():
                mass[helper_id] = mass.get(helper_id, 0.0) + weight * part
            if weight >= MIN_IDF:
                rare.update(share)
        found = [
            (round(m / total, 3), h)
            for h, m in mass.items()
            if h in rare and m / total >= MIN_STRENGTH
        ]
        warm = self.warm
        found.sort(key=lambda x: (-x[0], -warm[x[1]], x[1]))
        self._ranked[need] = found
        return found

    def suggestion(
        self, person_id: int, need_id: int, need: str, strength: float, helper_id: int
    ) -> Suggestion:
        journal = self.journal
        helper_offers, helper_evidence = (
            journal.offers_of(helper_id),
            journal.evidence_of(helper_id),
        )
        wanted = self.terms(need)
        offers = [(text, self.terms(text)) for text in helper_offers]
        offered = frozenset().union(*(t for _, t in offers)) if offers else frozenset()
        evidence = frozenset().union(*map(self.terms, helper_evidence))
        met = wanted & (offered | evidence)
        idf = {t: self.vocabulary.idf(t) for t in wanted}
        best = max(offers, key=lambda o: sum(idf[t] for t in wanted & o[1]), default=None)
        offer = best[0] if best is not None and wanted & best[1] else None
        words: dict[str, str] = {}
        for text in helper_offers + helper_evidence:
            for term, word in self._surface(text).items():
                words.setdefault(term, word)
        return Suggestion(
            person_id, journal.names[person_id], need_id, need, helper_id,
            journal.names[helper_id], offer, tuple(sorted(words.get(t, t) for t in met)),
            strength,
            round(score(strength, journal.days[person_id], journal.days[helper_id]), 4),
        )  # fmt: skip


def _warmths(days: dict[int, int | None]) -> dict[int, float]:
    """warmth() of everyone at once (10k calls to it would cost more than the arithmetic)."""
    return {
        person: COLD if d is None else max(COLD, 0.5 ** (max(d, 0) / WARM_DAYS))
        for person, d in days.items()
    }


def score(strength: float, days_a: int | None, days_b: int | None) -> float:
    """The rank of a pair: strength, moved by WARMTH_SHARE by how warm both relationships are."""
    warm = math.sqrt(warmth(days_a) * warmth(days_b))
    return strength * (1 - WARMTH_SHARE + WARMTH_SHARE * warm)


def _surface(texts: Iterable[str]) -> dict[str, str]:
    """key -> the first word (folded) that gave it, to say which words met in the user's terms."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(fold(text)):
            for term in terms(word):
                found.setdefault(term, word)
    return found


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


# The whole journal's ranking (`intros`, today's Help) weighs at most POOL active people: when
# more are active, the POOL most recently in touch (contact.last_contact_on, latest first; the
# lower id first on the same day; people never contacted after everyone contacted), as if the
# others were archived. Warmth ranks the rest low anyway, and the cost then stays that of a
# 10k journal at any size (issue #10); a journal of normal size is matched whole, unchanged.
POOL = 10_000

DEPTH = 10  # per need text: its warmest holders, and each one's best helpers, that are ranked


def suggest(
    journal: Journal,
    *,
    introduced: set[tuple[int, int]],
    needers: Iterable[int] | None = None,
    helpers_of: int | None = None,
    limit: int | None = None,
    one_each: bool = False,
    every_pair: bool = False,
) -> list[Suggestion]:
    """The introductions worth making, best first, one per (person, helper) pair (one per
    person in need with `one_each`).

    `every_pair` (one person's listing, `intros WHO`): every pair is weighed, none left out by
    DEPTH, and the best `limit` are those of the order `intros WHO` shows (score to 4 places,
    then names), so only they are made into Suggestions.

    `needers`: only these people's needs (default everyone's); `helpers_of`: only pairs where this
    person is the helper. Pairs in `introduced` (pair_key) are skipped. Across the whole journal
    each need text is ranked for its DEPTH warmest holders against their DEPTH best helpers
    (more when `limit` asks for more): the best pairs are always among them, since warmth moves a
    score by at most WARMTH_SHARE, and 10k people cost what a few hundred do.
    """
    matcher = Matcher(journal)
    chosen = set(needers) if needers is not None else None
    holders: dict[str, list[tuple[int, int]]] = {}
    for person_id, need_id, need in journal.needs:
        if chosen is None or person_id in chosen:
            holders.setdefault(need, []).append((person_id, need_id))
    depth = max(DEPTH, limit or 0) if limit is not None and not every_pair else None
    warm = matcher.warm
    best: dict[tuple[int, int], tuple[float, float, int, str]] = {}
    for need, owners in holders.items():
        ranked = matcher.ranked(need)
        if helpers_of is not None:
            ranked = [r for r in ranked if r[1] == helpers_of]
        if not ranked:
            continue
        owners.sort(key=lambda o: (-warm[o[0]], o[0]))
        for person_id, need_id in owners[:depth] if depth else owners:
            taken = 0
            for strength, helper_id in ranked:
                if helper_id == person_id or pair_key(person_id, helper_id) in introduced:
                    continue
                key = (person_id, helper_id)
                value = strength * (1 - WARMTH_SHARE + WARMTH_SHARE * math.sqrt(
                    warm[person_id] * warm[helper_id]))  # fmt: skip
                if key not in best or value > best[key][0]:
                    best[key] = (value, strength, need_id, need)
                taken += 1
                if depth and taken >= depth:
                    break

    names = journal.names

    def rank(item: tuple[tuple[int, int], tuple[float, float, int, str]]) -> tuple:
        (person_id, helper_id), (value, *_) = item
        if every_pair:
            return (-round(value, 4), fold(names[person_id]), fold(names[helper_id]),
                    person_id, helper_id)  # fmt: skip
        return (-round(value, 6), person_id, helper_id)

    if one_each:  # the whole journal: one introduction per person in need, the calmest list
        firsts: dict[int, tuple[tuple[int, int], tuple[float, float, int, str]]] = {}
        for item in sorted(best.items(), key=rank):
            firsts.setdefault(item[0][0], item)
        best = dict(firsts.values())
    items = list(best.items())
    if every_pair and limit is not None and len(items) > limit:
        # names are folded only for the pairs scoring at least the limit-th best (ties kept)
        cut = heapq.nsmallest(limit, (-round(v[0], 4) for _, v in items))[-1]
        items = [item for item in items if -round(item[1][0], 4) <= cut]
    if limit is None:
        chosen_pairs = sorted(items, key=rank)
    else:
        chosen_pairs = heapq.nsmallest(limit, items, key=rank)
    return [
        matcher.suggestion(person_id, need_id, need, strength, helper_id)
        for (person_id, helper_id), (_, strength, need_id, need) in chosen_pairs
    ]
