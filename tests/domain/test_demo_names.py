"""The demo's draws end on their own: distinct names and table companions in bounded steps."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.demo import MAX_CONTACTS, _others, next_free_id
from connect_cli.domain import demo_words as w
from connect_cli.domain.demo_people import DistinctNames, several_initials


def names(count: int, seed: int = 1) -> list[str]:
    maker = DistinctNames(random.Random(seed))
    return [maker.next()[1] for _ in range(count)]


def test_the_largest_demo_gets_distinct_names() -> None:
    # The old draw-until-unused loop never finished past ~92k (61 × 56 pairs × 27 variants).
    made = names(MAX_CONTACTS)
    assert len(set(made)) == MAX_CONTACTS
    assert any(name.count(".") == 2 for name in made)  # pairs ran out and went on


@settings(max_examples=30, deadline=None)
@given(count=st.integers(1, 3000), seed=st.integers(0, 2**32))
def test_any_size_gets_distinct_names_the_same_for_a_seed(count: int, seed: int) -> None:
    made = names(count, seed)
    assert len(set(made)) == count
    assert made == names(count, seed)


def test_one_pair_alone_still_yields_as_many_names_as_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(w, "FIRST_NAMES", ["Ada"])
    monkeypatch.setattr(w, "LAST_NAMES", ["Lovelace"])
    made = names(2000)
    assert len(set(made)) == 2000
    assert made[0] == "Ada Lovelace"
    assert sum(name.count(".") == 1 for name in made) == 26  # every single initial, then more
    assert "Ada A. A. Lovelace" in made and "Ada A. A. A. Lovelace" in made


def old_scheme(count: int, seed: int) -> list[str]:
    """The draw-until-unused loop this replaced (it finished at these sizes, not past ~92k)."""
    rng, used, made = random.Random(seed), set(), []
    for _ in range(count):
        first, last = rng.choice(w.FIRST_NAMES), rng.choice(w.LAST_NAMES)
        name = f"{first} {last}"
        while name in used:
            name = f"{first} {chr(rng.randrange(65, 91))}. {last}"
        used.add(name)
        made.append(name)
    return made


@pytest.mark.parametrize(("count", "seed"), [(150, 7), (10_000, 1)])
def test_sizes_that_worked_before_keep_their_names(count: int, seed: int) -> None:
    assert names(count, seed) == old_scheme(count, seed)


@pytest.mark.parametrize(
    ("index", "initials"),
    [(0, "A. A."), (1, "A. B."), (25, "A. Z."), (26, "B. A."), (675, "Z. Z."), (676, "A. A. A.")],
)
def test_several_initials_count_on_without_gaps(index: int, initials: str) -> None:
    assert several_initials(index) == initials


def test_several_initials_never_repeat() -> None:
    made = [several_initials(k) for k in range(20_000)]
    assert len(set(made)) == len(made)


@pytest.mark.parametrize(
    ("drawn", "taken", "expected"), [(3, {1}, 3), (1, {1}, 2), (4, {4, 1}, 2), (4, {4}, 1)]
)
def test_next_free_id_steps_on_and_wraps(drawn: int, taken: set[int], expected: int) -> None:
    assert next_free_id(drawn, taken, 4) == expected


@pytest.mark.parametrize("n_people", [2, 3, 4])
def test_a_tiny_journal_still_seats_the_companions(n_people: int) -> None:
    rng = random.Random(5)
    for main_id in range(1, n_people + 1):
        for _ in range(200):
            others = _others(rng, main_id, n_people)
            assert main_id not in others
            assert 1 <= len(others) <= min(2, n_people - 1)
            assert others <= set(range(1, n_people + 1))
