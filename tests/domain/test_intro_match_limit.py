"""`intros WHO` and prep ask the matcher for their first few only (`every_pair` + `limit`): the
answer must be the head of the full listing in the order shown (#16), ties and all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.intros import best_first
from connect_cli.domain.intro_match import Journal, suggest

TEXTS = ["VP Sales", "hiring a VP Sales", "fintech angel investing", "intros to fintech angels",
         "a designer", "logo design", "Acme", "sales"]  # fmt: skip
NAMES = ["Ann", "Bob", "Cy", "ann", "Dee"]  # "ann" folds like "Ann": a tie on names too


@st.composite
def journals(draw: st.DrawFn) -> Journal:
    size = draw(st.integers(2, 8))
    ids = list(range(1, size + 1))
    days = {i: draw(st.one_of(st.none(), st.sampled_from([0, 10, 10, 200]))) for i in ids}
    names = {i: draw(st.sampled_from(NAMES)) for i in ids}
    journal = Journal(days, names)
    for i in ids:
        for text in draw(st.lists(st.sampled_from(TEXTS), max_size=2)):
            journal.needs.append((i, len(journal.needs) + 1, text))
        for text in draw(st.lists(st.sampled_from(TEXTS), max_size=2)):
            journal.offers.setdefault(text, []).append(i)
        for text in draw(st.lists(st.sampled_from(TEXTS), max_size=2)):
            journal.evidence.setdefault(text, []).append(i)
    return journal


def shown(found: list) -> list[tuple[int, int, str, float]]:
    return [(s.person_id, s.helper_id, s.need, s.score) for s in found]


@settings(max_examples=150, deadline=None)
@given(journals(), st.integers(1, 4), st.integers(1, 8))
def test_the_first_few_are_the_head_of_the_whole_listing(
    journal: Journal, limit: int, who: int
) -> None:
    for side in ({"needers": [who]}, {"helpers_of": who}):
        whole = best_first(suggest(journal, introduced=set(), **side))  # type: ignore[arg-type]
        few = best_first(
            suggest(journal, introduced=set(), limit=limit, every_pair=True, **side)  # type: ignore[arg-type]
        )
        assert [(s.score, s.person, s.helper) for s in few] == [
            (s.score, s.person, s.helper) for s in whole[:limit]
        ]
