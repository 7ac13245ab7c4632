"""prep's "You could help" is the matcher of `intros WHO` (#16): the two never disagree."""

from __future__ import annotations

from conftest import Run


def journal(ok: Run) -> None:
    ok("add", "Priya Shah", "--need", "intros to fintech angels", "--need", "hiring a VP Sales",
       "--need", "a designer for the logo", "--offer", "fintech angel syndicate")  # fmt: skip
    ok("add", "Tom Becker", "--offer", "angel and seed investing in fintech")
    ok("add", "Sam Ortiz", "--title", "VP Sales", "-c", "Globex")
    ok("add", "Ann Lee", "--offer", "recruits VP Sales candidates")
    ok("add", "Dee Signer", "--offer", "logo and brand design")
    ok("add", "Old Friend", "--offer", "fintech angels", "--note", "hi")
    ok("archive", "old friend")


def pairs_of_intros(ok: Run, who: str) -> list[tuple[str, str, str | None]]:
    """(need, helper, offer) of `intros WHO` where WHO is the one in need, in its order."""
    found = ok("intros", who, "--json").json()
    return [
        (s["need"]["text"], s["helper"]["name"], s["offer"])
        for s in found
        if s["person"]["name"].startswith(who.title())
    ]


def pairs_of_prep(ok: Run, who: str) -> list[tuple[str, str, str | None]]:
    return [(m["need"], m["name"], m["offer"]) for m in ok("prep", who, "--json").json()["could_help"]]


def test_prep_and_intros_suggest_the_same_helpers_in_the_same_order(ok: Run) -> None:
    journal(ok)
    expected = pairs_of_intros(ok, "priya")[:3]
    assert len(expected) == 3  # Tom (offer), Ann (offer), Dee (offer) or Sam (title)
    assert pairs_of_prep(ok, "priya") == expected
    # a title meets a need: prep says so in intros' words, not "who offers None"
    helpers = {name for _, name, _ in pairs_of_intros(ok, "priya")}
    assert {"Tom Becker", "Ann Lee", "Sam Ortiz", "Dee Signer"} <= helpers
    assert "Old Friend" not in helpers  # archived


def test_a_title_match_reads_as_the_profile_saying_so(ok: Run) -> None:
    ok("add", "Linda Holcman", "--need", "hiring a VP Sales")
    ok("add", "Sam Ortiz", "--title", "VP Sales", "-c", "Globex")
    brief = ok("prep", "linda").stdout
    assert "You could help: introduce Sam Ortiz (#2), whose profile says so (sales, vp)" in brief
    assert ok("prep", "linda", "--json").json()["could_help"] == [
        {"id": 2, "name": "Sam Ortiz", "offer": None, "need": "hiring a VP Sales"}
    ]


def test_prep_drops_a_pair_once_introduced_and_a_need_once_met(ok: Run) -> None:
    journal(ok)
    ok("intro", "priya", "tom", "--for", "fintech angels")
    assert "Tom Becker" not in [name for _, name, _ in pairs_of_prep(ok, "priya")]
    assert pairs_of_prep(ok, "priya") == pairs_of_intros(ok, "priya")[:3]
    ok("edit", "priya", "--met", "vp sales")
    left = pairs_of_prep(ok, "priya")
    assert left and all(need != "hiring a VP Sales" for need, _, _ in left)
    assert left == pairs_of_intros(ok, "priya")[:3]


def test_no_need_means_no_could_help_line(ok: Run) -> None:
    ok("add", "Tom Becker", "--offer", "angel and seed investing in fintech")
    ok("add", "Bob Stone", "--need", "help with golf")
    assert ok("prep", "bob", "--json").json()["could_help"] == []
    assert "You could help" not in ok("prep", "tom").stdout
