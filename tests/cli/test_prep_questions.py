"""prep's questions read as English whatever the fact (issue 14, item 9): names, plurals, bare
verbs, percentages, trailing full stops; checked over many generated facts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.prep import DETERMINERS, like_question, need_question, passion_question
from tests.conftest import Run

WORDS = st.sampled_from(
    "cut vendor costs by 20% hiring a VP Sales Real Madrid Moebius comics espresso the new "
    "sailing jazz piano Formula 1 raising seed round intros to investors New York trips dogs "
    "an accountant Q3 launch O'Brien's café Zürich running better sleep".split()
)
FACTS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join) | st.builds(
    lambda words, end: words + end, st.lists(WORDS, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["", ".", "?", "!", "  "]),
)  # fmt: skip


def check(question: str, fact: str) -> None:
    assert question[:1].isupper() and question.endswith("?"), question
    assert not re.search(r"[?.!]\W*\?$|\s\s|\s\?", question), question
    core = " ".join(fact.split()).rstrip(".?!;:, ")
    assert core[1:] in question, (question, fact)  # the fact itself, as typed
    before = question[: question.index(core[1:]) - 1]  # the template's words before the fact
    if core[0].isupper() or core[0].isdigit():  # never "the Real Madrid", "the Formula 1"
        assert not before.endswith("the "), question
    if before.endswith("progress on "):  # never "Any progress on cut vendor costs"
        assert core.split()[0].lower() in DETERMINERS, question
    topic = re.search(r"How is (\S+)", question)
    assert topic is None or topic[1].endswith("ing"), question  # "How is cut … going?" never


@settings(max_examples=300, deadline=None)
@given(FACTS)
def test_every_question_template_reads_well_for_any_fact(fact: str) -> None:
    for template in (need_question, passion_question, like_question):
        check(template(fact), fact)


def test_the_questions_the_newcomer_met_now_read_well(ok: Run) -> None:
    ok("add", "Ana Ruiz", "--need", "cut vendor costs by 20%", "--passion", "Real Madrid",
       "--like", "Moebius comics")  # fmt: skip
    questions = ok("prep", "ana", "--json").json()["questions"]  # type: ignore[index]
    assert "Any news on “cut vendor costs by 20%”?" in questions
    assert "Still into Real Madrid these days?" in questions
    assert "Anything good in Moebius comics lately?" in questions
    text = ok("prep", "ana").stdout
    assert "Any progress on cut" not in text and "the Real Madrid" not in text
