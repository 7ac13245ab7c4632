"""WHO resolution: the rule table, folding, and "never anything but a person or a domain error"."""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.domain.errors import AmbiguousPerson, InputError, PersonChoice, UnknownPerson
from connect_cli.domain.matching import (
    _OTHER_WHITESPACE,
    Candidate,
    _fold_many,
    fold,
    resolve_person,
)

PEOPLE: list[Candidate] = [
    Candidate(1, "Jo Smith", company="Acme"),
    Candidate(2, "John Doe", company="Globex"),
    Candidate(3, "Mary Jones", ("MJ",)),
    Candidate(4, "Linda Holcman", ("Lin",)),
    Candidate(5, "Zoë Saldaña"),
    Candidate(6, "김민준"),
    Candidate(7, "王小明"),
    Candidate(8, "[bold]Eve[/bold]"),
    Candidate(9, "Robert Tables", ("Bobby",)),
    Candidate(10, "Old Friend", archived=True),
    Candidate(11, "Mary-Jane O'Brien"),
    Candidate(12, "Steven Archer"),
    Candidate(13, "Дмитрий Иванов"),
    Candidate(14, "Quentin Xylophone"),
    Candidate(15, "José Álvarez"),
    Candidate(16, "Renée Dubois", archived=True),
    Candidate(17, "Renée Martin"),
    Candidate(18, "Sam Archived-One", archived=True),
    Candidate(19, "Sam Archived-Two", archived=True),
    Candidate(20, "Agent 2001"),
    Candidate(21, "Al"),
    Candidate(22, "Alan Turing"),
    Candidate(23, "Lena Holm"),
    Candidate(24, "Lena Holt"),
    Candidate(25, ":smile: Sunny"),
]
BY_ID = {c.id: c for c in PEOPLE}


@dataclass(frozen=True)
class Ambiguous:
    ids: frozenset[int]


@dataclass(frozen=True)
class Unknown:
    suggestions: tuple[str, ...]  # names, best first; () means "no suggestions"
    exact: bool = True  # False: the listed names are among the suggestions, best first


def amb(*ids: int) -> Ambiguous:
    return Ambiguous(frozenset(ids))


CASES: list[tuple[str, int | Ambiguous | Unknown | type[InputError]]] = [
    # 1. ids
    ("#4", 4),
    ("4", 4),
    ("#16", 16),  # explicit id: archived or not
    ("#99", Unknown(())),  # #id not found: no name matching, no suggestions
    ("2001", 20),  # bare number that is no id falls through to names
    # 2. exact name / nickname, folded
    ("Linda Holcman", 4),
    ("LINDA HOLCMAN", 4),
    ("  linda   holcman ", 4),
    ("lin", 4),  # nickname
    ("MJ", 3),
    ("bobby", 9),
    ("al", 21),  # exact beats the prefix of "Alan" and "Álvarez"
    ("[bold]Eve[/bold]", 8),
    # accents and case
    ("zoe", 5),
    ("ZOË", 5),
    ("saldana", 5),
    ("zoe saldana", 5),
    ("jose alvarez", 15),
    ("JÖSÉ", 15),
    # 3. prefixes of first / last name / nickname
    ("lind", 4),
    ("holc", 4),
    ("quen", 14),
    ("xylo", 14),
    ("bob", 9),
    ("jane", 11),  # piece of a hyphenated name
    ("o'b", 11),
    ("mary-j", amb(3, 11)),  # a hyphen folds to a space (folding.py): "mary j"
    ("eve", 8),  # markup in a name is just text
    ("[bold", 8),
    (":smile:", 25),
    # multi-word: each query word prefixes a distinct name word, any order
    ("linda h", 4),
    ("h linda", 4),
    ("holc lin", 4),
    ("bobby t", 9),  # nickname and surname together
    ("mary jo", 3),
    ("mary j", amb(3, 11)),
    ("jo jo", Unknown(("Jo Smith",), exact=False)),  # one word cannot serve twice
    # ambiguity: never guess
    ("jo", amb(1, 2, 3, 15)),
    ("mary", amb(3, 11)),
    ("lena", amb(23, 24)),
    # 4. typos: only a clear best
    ("lnda", 4),
    ("holcmn", 4),
    ("stevn", 12),
    ("obrien", 11),
    ("quentin xylophne", 14),
    ("lena holx", Unknown(("Lena Holm", "Lena Holt"), exact=False)),  # a near tie is no match
    ("jhon", Unknown(("John Doe",), exact=False)),  # transposition in a short name: suggest only
    # nobody
    ("xyz", Unknown(())),
    ("qqqqqqqq", Unknown(())),
    # archived: active preferred, archived-only still found
    ("renee", 17),
    ("renée", 17),
    ("dubois", 16),
    ("old", 10),
    ("old friend", 10),
    ("sam", amb(18, 19)),
    # Korean, Chinese, Cyrillic
    ("김민준", 6),
    ("김", 6),
    ("민준", 6),  # given name alone
    ("王小明", 7),
    ("王", 7),
    ("小明", 7),
    ("дмитрий", 13),
    ("ИВАНОВ", 13),
    ("дмит", 13),
    # blank
    ("", InputError),
    ("   ", InputError),
    ("\t\n", InputError),
    ("\u0301", Unknown(())),  # a lone accent is not blank, just nobody
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[repr(q) for q, _ in CASES])
def test_resolution_table(query: str, expected: int | Ambiguous | Unknown | type) -> None:
    if isinstance(expected, int):
        assert resolve_person(query, PEOPLE) is BY_ID[expected]
    elif isinstance(expected, Ambiguous):
        with pytest.raises(AmbiguousPerson) as ambiguous:
            resolve_person(query, PEOPLE)
        assert {c.id for c in ambiguous.value.candidates} == expected.ids
    elif isinstance(expected, Unknown):
        with pytest.raises(UnknownPerson) as unknown:
            resolve_person(query, PEOPLE)
        names = tuple(s.name for s in unknown.value.suggestions)
        if expected.exact:
            assert names == expected.suggestions
        else:
            assert [n for n in names if n in expected.suggestions] == list(expected.suggestions)
    else:
        with pytest.raises(expected):
            resolve_person(query, PEOPLE)


def test_ambiguous_lists_everyone_by_name_then_id_with_company() -> None:
    people = [
        Candidate(31, "Chris Lee", company="B"),
        Candidate(30, "Chris Lee", company="A"),
        Candidate(5, "Chloé Adams"),
    ]
    with pytest.raises(AmbiguousPerson) as info:
        resolve_person("ch", people)
    assert info.value.candidates == [
        PersonChoice(5, "Chloé Adams", None),
        PersonChoice(30, "Chris Lee", "A"),
        PersonChoice(31, "Chris Lee", "B"),
    ]
    assert info.value.query == "ch"


def test_two_jos_are_both_named_in_the_message() -> None:
    people = [Candidate(1, "Jo Smith"), Candidate(2, "John Doe")]
    with pytest.raises(AmbiguousPerson) as info:
        resolve_person("jo", people)
    assert [c.name for c in info.value.candidates] == ["Jo Smith", "John Doe"]
    assert "#1" in str(info.value)


def test_archived_never_makes_an_active_match_ambiguous_at_any_step() -> None:
    people = [
        Candidate(1, "Pat Quill", archived=True),
        Candidate(2, "Pat Quill"),
        Candidate(3, "Patricia Quillon", archived=True),
    ]
    assert resolve_person("pat quill", people).id == 2  # exact step
    assert resolve_person("pat q", people).id == 2  # prefix step
    assert resolve_person("pat quil", people).id == 2


def test_archived_near_miss_does_not_block_active_fuzzy_match() -> None:
    people = [Candidate(1, "Marguerite"), Candidate(2, "Marguerita", archived=True)]
    assert resolve_person("margurite", people).id == 1


def test_duplicate_ids_are_ambiguous_not_guessed() -> None:
    people = [Candidate(7, "Ann"), Candidate(7, "Bea")]
    with pytest.raises(AmbiguousPerson):
        resolve_person("#7", people)


def test_unknown_offers_at_most_three_suggestions_best_first() -> None:
    names = ["Mara", "Marta", "Maria", "Marcus"]
    people = [Candidate(i, name) for i, name in enumerate(names, 1)]
    with pytest.raises(UnknownPerson) as info:
        resolve_person("marcos", people)  # 83 for Marcus: close, but below the bar
    assert len(info.value.suggestions) == 3
    assert info.value.suggestions[0].name == "Marcus"


def test_empty_candidate_list_is_unknown() -> None:
    with pytest.raises(UnknownPerson) as info:
        resolve_person("anyone", [])
    assert info.value.suggestions == []


def test_blank_query_error_is_a_sentence() -> None:
    with pytest.raises(InputError) as info:
        resolve_person("  ", PEOPLE)
    message = str(info.value)
    assert message[0].isupper() and message.endswith(".")


# --- fold --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "zoe"),
        ("  Linda \t  HOLCMAN\n", "linda holcman"),
        ("Straße", "strasse"),
        ("ＦＵＬＬ", "full"),  # full-width (NFKD)
        ("İstanbul", "istanbul"),
        ("김민준", "김민준"),  # Hangul is recomposed, not left as jamo
        ("王小明", "王小明"),
        ("ガ", "ガ"),  # dakuten is part of the letter, not an accent
        ("Дмитрий", "dmitriy"),  # Cyrillic and Greek are romanised (anyascii)
        ("ΟΔΥΣΣΕΥΣ", "odysseys"),
        ("a\u00a0b", "a b"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.lists(st.text(), max_size=20))
def test_batch_fold_equals_fold(texts: list[str]) -> None:
    assert _fold_many(texts) == [fold(t) for t in texts]


def test_batch_fold_with_nul_and_odd_whitespace() -> None:
    texts = ["a\x00b", " Zoë ", "x\u3000y", "Ann  Lee", "", "김\x00민"]
    assert _fold_many(texts) == [fold(t) for t in texts]


def test_other_whitespace_class_is_every_isspace_char_but_space() -> None:
    missing = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if chr(c).isspace() and c != 0x20 and not _OTHER_WHITESPACE.fullmatch(chr(c))
    ]
    assert missing == []


# --- robustness --------------------------------------------------------------------------------

candidate_strategy = st.builds(
    Candidate,
    id=st.integers(min_value=0, max_value=50),
    name=st.text(min_size=0, max_size=20),
    nicknames=st.lists(st.text(max_size=8), max_size=2).map(tuple),
    company=st.none() | st.text(max_size=5),
    archived=st.booleans(),
)


def _outcome(query: str, people: list[Candidate]) -> None:
    try:
        found = resolve_person(query, people)
    except AmbiguousPerson as error:
        assert len(error.candidates) >= 2
    except UnknownPerson as error:
        assert len(error.suggestions) <= 3
    except InputError:
        assert not fold(query)
    else:
        assert any(found is p for p in people)


@given(st.text())
def test_any_query_gives_a_person_or_a_domain_error(query: str) -> None:
    _outcome(query, PEOPLE)


@settings(max_examples=200)
@given(st.text(max_size=12), st.lists(candidate_strategy, max_size=8))
def test_any_query_any_people(query: str, people: list[Candidate]) -> None:
    _outcome(query, people)


@given(st.sampled_from(PEOPLE))
def test_every_person_is_found_by_id(person: Candidate) -> None:
    assert resolve_person(f"#{person.id}", PEOPLE) is person


def test_large_journal_still_resolves_correctly() -> None:
    # Timing is measured outside the suite; this guards the batch paths on a realistic size.
    rng = random.Random(7)
    firsts = ["Ann", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "민준", "Hugo"]
    lasts = ["Smith", "Nguyen", "Müller", "O'Neil", "Kowalski", "Tanaka", "García"]
    people = [
        Candidate(i, f"{rng.choice(firsts)} {rng.choice(lasts)}", archived=i % 13 == 0)
        for i in range(1, 10_001)
    ]
    people.append(Candidate(20_000, "Xanthippe Quarrington", ("Xan",)))
    assert resolve_person("xanthipe", people).id == 20_000
    assert resolve_person("quarr", people).id == 20_000
    assert resolve_person("#5000", people).id == 5000
    with pytest.raises(AmbiguousPerson):
        resolve_person("ann smith", people)
