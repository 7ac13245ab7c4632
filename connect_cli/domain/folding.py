"""One way to compare human text: the folding every command uses, and what search indexes.

Pure (standard library, plus `anyascii` loaded on first need). Used by WHO resolution, `list
QUERY`, search (query terms and the terms the index stores), import matching and duplicate
detection, so a name found by one command is found by all of them.

`fold` decides what counts as "the same letters":
- case (`str.casefold`, Unicode's full case folding: ß -> ss);
- compatibility forms (NFKD: full-width ＡＢＣ, ligatures ﬁ, superscripts) and accents on Latin and
  Greek letters (Zoë -> zoe);
- letters that Unicode does not decompose (Ł, Ø, Đ, Æ, Œ, Þ, ı…), and Greek and Cyrillic, are
  romanised with anyascii (https://github.com/anyascii/anyascii, ISC): Łukasz -> lukasz,
  Иван -> ivan. Alphabets only: each letter has one reading, so both spellings of a name meet.
- Han, kana and Hangul are kept as they are: anyascii would romanise 東京 as Mandarin
  ("DongJing") even in Japanese, and search needs the characters for its bigrams (below);
  so are other scripts (Arabic, Hebrew, Devanagari, Thai…), whose marks are part of the letter.
- an apostrophe between letters is dropped (O'Brien, O’Brien -> obrien) and a hyphen between
  letters is a space (Mary-Jane -> mary jane): the two ways people type these names.

Search in Chinese, Japanese and Korean: these are written without spaces between words, and
FTS5's unicode61 tokenizer keeps a whole run of them as one token. Runs are indexed, and queried,
as overlapping character bigrams (東京都 -> 東京 京都), the approach of Lucene's CJKBigramFilter
and of most CJK search engines; a word of two or more characters is then a phrase of bigrams.

Words in their inflected forms: `inflections` undoes English regular inflection (Porter's steps
1a-1c, M.F. Porter, "An algorithm for suffix stripping", 1980) and lists the surface forms that
share the result, so `engineers` also looks for `engineer`. Search applies it at query time only,
and never to names (see core/search.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import groupby

from connect_cli.domain.controls import has_controls, without_controls

# --- fold ---------------------------------------------------------------------------------------

# Accents are dropped only after Latin and Greek letters (Zoë -> zoe, Άννα -> αννα). Marks on
# other scripts are part of the letter: Japanese ガ is not カ, Devanagari vowel signs are letters.
# Runs in C on the NFKD form, where a Latin/Greek base precedes its marks.
_LATIN_GREEK = "a-zA-Z\u00c0-\u02af\u0370-\u03ff\u1e00-\u1fff\u2c60-\u2c7f\ua720-\ua7ff"
_ACCENTS = re.compile(
    f"(?<=[{_LATIN_GREEK}])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


@cache
def _romanised() -> re.Pattern[str]:
    """Letters anyascii romanises for folding: Latin beyond ASCII (not × and ÷), Greek, Cyrillic.
    Compiled on first use (~1 ms): an ASCII journal never needs it."""
    return re.compile(
        "[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f"
        "\u1d00-\u1dbf\u1e00-\u1fff\u2c60-\u2c7f\u2de0-\u2dff\ua640-\ua69f\ua720-\ua7ff"
        "\uab30-\uab6f]+"
    )


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['\u2018\u2019\u02bc`](?=[^\W\d_])")
_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011](?=[^\W\d_])")


@cache
def _anyascii():  # type: ignore[no-untyped-def]
    """anyascii, imported on the first letter that needs it (~10 ms, and most runs need none)."""
    from anyascii import anyascii

    return anyascii


def _romanise(match: re.Match[str]) -> str:
    return str(_anyascii()(match.group())).lower()


def fold_chars(text: str) -> str:
    """fold() without the joiner and whitespace clean-up: letter by letter, punctuation kept.

    It works per character, so on names joined by a separator no normalization composes across
    (NUL), it gives each name's own result: callers fold ten thousand names in one call.
    """
    if text.isascii():  # the common case, and much faster than the Unicode path
        return text.lower()
    # casefold first: it can itself produce combining marks (İ -> i + U+0307)
    # and after NFKD too: compatibility forms can decompose to capitals (㎀ -> pA)
    decomposed = _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()).casefold())
    composed = unicodedata.normalize("NFC", decomposed)
    if composed.isascii():
        return composed
    return _romanised().sub(_romanise, composed)


def unjoin(folded: str) -> str:
    """Apostrophes between letters dropped, hyphens between letters made spaces."""
    if "'" in folded or "`" in folded or not folded.isascii():
        folded = _APOSTROPHE.sub("", folded)
    if "-" in folded or not folded.isascii():
        folded = _HYPHEN.sub(" ", folded)
    return folded


def fold(text: str) -> str:
    """The comparison key of human text: ``"  Łukasz   O'BRIEN-Wójcik "`` ->
    ``"lukasz obrien wojcik"`` (rules in the module docstring). Whitespace runs become one space,
    ends are trimmed."""
    return " ".join(unjoin(fold_chars(text)).split())


# --- words, and CJK bigrams ----------------------------------------------------------------------

# A word as unicode61 (the index's tokenizer) sees one: letters and digits of any script.
WORD = re.compile(r"[^\W_]+")
# Han (with extension A and compatibility ideographs), kana, Hangul syllables and jamo. Tested by
# code point, not with a regex class: sre takes ~20 ms to compile a class this wide, paid by
# every run that imported this module, while most runs never meet a CJK character.
CJK_RANGES = (
    (0x1100, 0x11FF),
    (0x3040, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x1100 <= code <= 0xFAFF and any(lo <= code <= hi for lo, hi in CJK_RANGES)


def has_cjk(text: str) -> bool:
    return not text.isascii() and any(map(is_cjk, text))


def bigrams(run: str) -> list[str]:
    """Overlapping pairs of a CJK run (東京都 -> 東京, 京都); a single character stands alone."""
    if len(run) < 2:
        return [run]
    return [run[k : k + 2] for k in range(len(run) - 1)]


def pieces(word: str) -> Iterator[tuple[bool, str]]:
    """A folded word cut into CJK runs and the rest: (is_cjk, text) in order."""
    if word.isascii():
        yield False, word
        return
    for cjk, run in groupby(word, key=is_cjk):
        yield cjk, "".join(run)


def index_terms(text: str, digits: bool = False) -> str:
    """The terms search stores beside a text, for what unicode61 alone cannot find in it.

    The index keeps the text itself, tokenized by unicode61 (case and Latin accents folded), for
    snippets and for plain words. Beside it go, per whitespace chunk whose fold differs from
    that: every word of its fold (Łukasz -> lukasz, O'Brien -> obrien, Сергей -> sergei, and the
    possessive without its 's: O'Brien's -> obriens obrien), CJK runs as bigrams followed by their last
    character (so one character finds a run's end too: 田 in 山田), and with `digits` a phone's
    digits run together. Empty for plain ASCII prose, which is most of a journal.
    """
    terms: list[str] = []
    if digits:
        terms.extend(_phone_terms(text))
    if has_controls(text):  # "\x1b[31mred" holds "red": controls separate words, never glue them
        text = without_controls(text)
        terms.extend(WORD.findall(text.lower()))
    if text.isascii() and "'" not in text and "`" not in text:
        return " ".join(terms)
    for chunk in text.split():
        if chunk.isascii() and _APOSTROPHE.search(chunk) is None:
            continue
        folded = fold(chunk)
        plain = WORD.findall(chunk.lower())
        words = [w for part in folded.split() for w in WORD.findall(part)]
        if words == plain and not has_cjk(chunk):
            continue
        terms.extend(_terms_of_words(words))
        if folded.endswith("s") and _possessive(chunk):
            terms.extend(_terms_of_words(words[:-1] + [words[-1][:-1]]))
    return " ".join(terms)


def _phone_terms(text: str) -> list[str]:
    """A phone's digits run together, and without an international prefix's country code too
    (+1 (555) 010-0199 -> 15550100199, 5550100199): the ways people type a number to find it."""
    groups = re.findall(r"\d+", text)
    terms = ["".join(groups)] if groups else []
    if text.lstrip().startswith("+") and len(groups) > 2:
        terms.append("".join(groups[1:]))
    return terms


def _possessive(chunk: str) -> bool:
    core = chunk.rstrip('.,;:!?)]}"»”')
    return len(core) > 2 and core[-1] in "sS" and core[-2] in "'\u2019\u02bc"


def _terms_of_words(words: Sequence[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        for is_cjk, part in pieces(word):
            if is_cjk:
                out.extend(bigrams(part))
                if len(part) > 1:
                    out.append(part[-1])
            else:
                out.append(part)
    return out


def query_tokens(word: str) -> list[str]:
    """A folded query word as index terms: Latin stays whole, a CJK run becomes its bigrams."""
    tokens: list[str] = []
    for is_cjk, part in pieces(word):
        tokens.extend(bigrams(part) if is_cjk else [part])
    return tokens


# --- English inflection ---------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, k: int) -> bool:
    ch = word[k]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return k == 0 or not _is_consonant(word, k - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in the stem."""
    m, previous_vowel = 0, False
    for k in range(len(stem)):
        consonant = _is_consonant(stem, k)
        if consonant and previous_vowel:
            m += 1
        previous_vowel = not consonant
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, k) for k in range(len(stem)))


def _cvc(stem: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y (hop, not hoop or snow)."""
    n = len(stem)
    return (
        n >= 3
        and _is_consonant(stem, n - 1)
        and not _is_consonant(stem, n - 2)
        and _is_consonant(stem, n - 3)
        and stem[-1] not in "wxy"
    )


def stem(word: str) -> str:
    """Porter's steps 1a-1c (plurals, -ed, -ing, final y): regular English inflection only.

    Derivation (-ness, -ation, -er…) is left alone on purpose: "engine" and "engineer" stay
    different words. Words of three letters or less, and non-ASCII words, are returned as they are.
    """
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    # 1a
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and not word.endswith("us"):
        word = word[:-1]
    # 1b
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = _after_1b(word[: -len(suffix)])
                break
    # 1c
    if word.endswith("y") and len(word) > 2 and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _after_1b(stem_: str) -> str:
    if stem_.endswith(("at", "bl", "iz")):
        return stem_ + "e"
    if len(stem_) >= 2 and stem_[-1] == stem_[-2] and _is_consonant(stem_, len(stem_) - 1):
        return stem_ if stem_[-1] in "lsz" else stem_[:-1]
    if _measure(stem_) == 1 and _cvc(stem_):
        return stem_ + "e"
    return stem_


def inflections(word: str) -> list[str]:
    """Other regular forms of a folded word that stem() takes to the same stem, the word itself
    excluded: engineers -> engineer, engineered, engineering…; porsches -> porsche.

    Generated from the stem rather than looked up, so no index is read to build them; forms that
    do not exist simply find nothing.
    """
    root = stem(word)
    if root == word and (len(word) <= 3 or not word.isascii() or not word.isalpha()):
        return []
    bases = {root}
    if root.endswith("i"):
        bases |= {root[:-1] + "y", root[:-1] + "ie"}
    if root.endswith("e"):
        bases.add(root[:-1])
    else:
        bases.add(root + "e")
    forms: set[str] = set()
    for base in filter(None, bases):
        forms |= {base, base + "s"}
        if base.endswith(("s", "x", "z", "ch", "sh", "o")):
            forms.add(base + "es")
        if base.endswith("e"):
            forms |= {base + "d", base[:-1] + "ing"}
        else:
            forms |= {base + "ed", base + "ing"}
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if _cvc(base):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return sorted(f for f in forms if f != word and len(f) > 2 and stem(f) == root)


# --- names ----------------------------------------------------------------------------------------


def ordered_name(given: str, family: str, middle: str = "") -> str:
    """A full name from its parts, in the order its script writes it.

    Chinese, Japanese and Korean names put the family name first with no space between
    (王小明, 山田太郎, 김민준: the Unicode CLDR person-name patterns for zh, ja and ko); every other
    name is given [middle] family, joined by spaces.
    """
    given, family, middle = given.strip(), family.strip(), middle.strip()
    if not (given or family or middle):
        return ""
    if has_cjk(family + given + middle):
        return family + middle + given
    return " ".join(part for part in (given, middle, family) if part)
