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

import math
import re
from collections.abc import Iterable, Sequence
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
class Profile:
    """One person as matching sees them: open needs, offers, and supporting evidence."""

    id: int
    name: str
    needs: list[tuple[int, str]] = field(default_factory=list)  # (fact id, text), open only
    offers: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # title, company, tags
    days_since: int | None = None  # since the last contact; None = never


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

    def __init__(self, documents: Iterable[frozenset[str]]) -> None:
        counts: dict[str, int] = {}
        n = 0
        for doc in documents:
            n += 1
            for term in doc:
                counts[term] = counts.get(term, 0) + 1
        self.n = n
        self.df = counts

    def idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0


def warmth(days_since: int | None) -> float:
    """1.0 for someone you spoke to today, halving every WARM_DAYS; COLD if never."""
    if days_since is None:
        return COLD
    return max(COLD, 0.5 ** (max(days_since, 0) / WARM_DAYS))


@dataclass
class _Side:
    profile: Profile
    offers: list[tuple[str, frozenset[str]]]
    evidence: frozenset[str]
    words: dict[str, str]  # stem -> a word as the helper wrote it


class Matcher:
    """Everyone's offers and evidence indexed by stem, ready to meet any number of needs."""

    def __init__(self, people: Sequence[Profile]) -> None:
        self.people = {p.id: p for p in people}
        self._need_terms: dict[str, frozenset[str]] = {}
        self.sides: dict[int, _Side] = {}
        postings: dict[str, dict[int, float]] = {}
        documents: list[frozenset[str]] = []
        for person in people:
            offers = [(text, self._terms(text)) for text in person.offers]
            evidence_docs = [self._terms(text) for text in person.evidence]
            evidence = frozenset().union(*evidence_docs) if evidence_docs else frozenset()
            words = _surface(person.offers + person.evidence)
            self.sides[person.id] = _Side(person, offers, evidence, words)
            documents.extend(t for _, t in offers)
            documents.extend(evidence_docs)
            documents.extend(self._terms(text) for _, text in person.needs)
            for term in evidence:
                postings.setdefault(term, {})[person.id] = EVIDENCE_WEIGHT
            for _, offered in offers:
                for term in offered:
                    postings.setdefault(term, {})[person.id] = 1.0
        self.postings = postings
        self.vocabulary = Vocabulary(documents)

    def _terms(self, text: str) -> frozenset[str]:
        found = self._need_terms.get(text)
        if found is None:
            found = self._need_terms[text] = terms(text)
        return found

    def helpers_for(
        self, person: Profile, need_id: int, need: str, skip: set[int]
    ) -> list[Suggestion]:
        """Everyone whose offers or evidence meet `need`, strongest first (ties by name)."""
        wanted = self._terms(need)
        if not wanted:
            return []
        idf = {t: self.vocabulary.idf(t) for t in wanted}
        total = sum(idf.values())
        found: dict[int, float] = {}
        for term in wanted:
            for helper_id, weight in self.postings.get(term, {}).items():
                found[helper_id] = found.get(helper_id, 0.0) + idf[term] * weight
        out = []
        for helper_id, mass in found.items():
            if helper_id == person.id or helper_id in skip or mass / total < MIN_STRENGTH:
                continue
            out.append(self._suggest(person, need_id, need, wanted, idf, helper_id, total))
        out = [s for s in out if s is not None]
        out.sort(key=lambda s: (-s.score, fold(s.helper), s.helper_id))
        return out

    def _suggest(
        self,
        person: Profile,
        need_id: int,
        need: str,
        wanted: frozenset[str],
        idf: dict[str, float],
        helper_id: int,
        total: float,
    ) -> Suggestion | None:
        side = self.sides[helper_id]
        offered = frozenset().union(*(t for _, t in side.offers)) if side.offers else frozenset()
        met = (wanted & offered) | (wanted & side.evidence)
        if not any(idf[t] >= MIN_IDF for t in met):
            return None
        mass = sum(idf[t] * (1.0 if t in offered else EVIDENCE_WEIGHT) for t in met)
        strength = mass / total
        best = max(side.offers, key=lambda o: sum(idf[t] for t in wanted & o[1]), default=None)
        offer = best[0] if best is not None and wanted & best[1] else None
        warm = math.sqrt(warmth(person.days_since) * warmth(side.profile.days_since))
        score = strength * (1 - WARMTH_SHARE + WARMTH_SHARE * warm)
        words = tuple(sorted(side.words.get(t, t) for t in met))
        return Suggestion(
            person.id, person.name, need_id, need, helper_id, side.profile.name, offer,
            words, round(strength, 3), round(score, 4),
        )  # fmt: skip


def _surface(texts: Iterable[str]) -> dict[str, str]:
    """stem -> the first word (folded) that gave it, to say which words met in the user's terms."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(fold(text)):
            for term in terms(word):
                found.setdefault(term, word)
    return found


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def suggest(
    people: Sequence[Profile],
    *,
    introduced: set[tuple[int, int]],
    needers: Iterable[int] | None = None,
    helpers_of: int | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """The introductions worth making, best first, one per (person, helper) pair.

    `needers`: only these people's needs (default everyone's); `helpers_of`: only pairs where this
    person is the helper (with needers None). Pairs in `introduced` (pair_key) are skipped.
    """
    matcher = Matcher(people)
    chosen = needers if needers is not None else [p.id for p in people]
    best: dict[tuple[int, int], Suggestion] = {}
    for person_id in chosen:
        person = matcher.people.get(person_id)
        if person is None:
            continue
        skip = {h for h in matcher.sides if pair_key(person_id, h) in introduced}
        for need_id, need in person.needs:
            for s in matcher.helpers_for(person, need_id, need, skip):
                if helpers_of is not None and s.helper_id != helpers_of:
                    continue
                key = (s.person_id, s.helper_id)
                if key not in best or s.score > best[key].score:
                    best[key] = s
    ranked = sorted(best.values(), key=lambda s: (-s.score, fold(s.person), fold(s.helper)))
    return ranked[:limit] if limit is not None else ranked
