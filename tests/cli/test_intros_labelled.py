"""A labelled set for `connect intros WHO` (issue #16): would it suggest whom a person would?

Each needer has one open need, worded as people say it; the label is the person a human would
introduce them to. Helpers say what they offer in their own words, or only through a title,
company or tag; distractors share the common words (sales, startup, founder, marketing) and the
UNANSWERED needs meet nobody. Nobody has been contacted, so warmth ranks no one above another:
the figures measure matching alone. Both figures are printed (run with -s to see them).
"""

from __future__ import annotations

from pathlib import Path

from conftest import Run

from connect_cli.journal.sqlite import locate_journal

# name: (title, company, tags, offers)
HELPERS: dict[str, tuple[str | None, str | None, list[str], list[str]]] = {
    "Sam Ortiz": ("VP of Sales", "Globex", [], []),
    "Tom Becker": (None, None, ["investor"], ["angel investing in early-stage fintech companies"]),
    "Maria Gomez": ("Attorney", "Gomez & Partners", ["immigration"], []),
    "Chen Wei": ("CPA", None, [], ["bookkeeping for small businesses"]),
    "João Silva": ("Realtor", None, [], ["knows the Lisbon housing market inside out"]),
    "Dev Patel": (None, None, ["python"], ["teaches coding bootcamps"]),
    "Ana Ruiz": ("Brand designer", None, [], ["logos and visual identity"]),
    "Olga Petrova": ("Journalist", "TechCrunch", [], []),
    "Raj Kumar": (None, "TalentBridge", ["recruiter"], ["places software engineers at startups"]),
    "Dr. Min Lee": ("Pediatrician", "City Children's Hospital", [], []),
    "Klaus Weber": (None, None, [], ["can show newcomers around Berlin"]),
    "Helen Park": (None, None, [], ["helped dozens of owners sell their businesses"]),
    "Nina Rossi": ("Photographer", None, ["weddings"], []),
    "Kenji Sato": (None, None, [], ["Japanese-English translation of legal documents"]),
    "Grace Obi": ("Executive coach", None, [], []),
    "Ivan Horvat": (None, None, [], ["machine learning researcher, open to startup ideas"]),
    "Paul Novak": (None, None, [], ["sublets desks in our coworking space"]),
    "Greta Lind": (None, "DACH Partners", [], ["go-to-market help for Germany and Austria"]),
    "Mo Haddad": ("Physical therapist", None, [], ["sports injury rehab"]),
    "Eva Kowalski": (None, None, ["running"], ["coaches first-time marathoners"]),
    "Leo Martin": ("Product designer", None, ["mobile"], ["usability testing"]),
    "Zoe Adams": ("Partner", "GreenTech Ventures", [], ["invests in climate and clean energy"]),
    "Sid Rao": ("Data engineer", None, [], ["cloud infrastructure on AWS"]),
    "Pat Quinn": ("Literary agent", None, [], ["knows editors at the big publishers"]),
    "Clara Dubois": (None, None, [], ["gives piano lessons"]),
    "Omar Aziz": (None, None, ["wordpress"], ["builds websites for small businesses"]),
    "Tara Singh": ("Head of Growth", "Shopify", [], []),
    "Ben Cole": ("Engineer", "Stripe", [], []),
    "Hank Moss": (None, None, [], ["mentors new engineering managers"]),
    "Lucía Navarro": (None, None, ["madrid"], ["Spanish tutoring"]),
    "Ray Ford": ("Event planner", None, ["conferences"], ["knows every hotel ballroom in town"]),
    # distractors: the common words, nobody's answer
    "Ken Ito": ("Account Executive", None, ["sales"], ["sales training for new SDRs"]),
    "Lia Fox": (None, None, ["startup"], ["mentoring first-time founders"]),
    "Max Roth": ("Founder", "Roth Labs", [], ["happy to talk startup strategy"]),
    "Ida Berg": ("Marketing manager", None, [], ["newsletter tips"]),
    "Uma Das": (None, None, ["fintech"], ["fintech compliance consulting"]),
}

# needer: (need, the helper a human would pick)
PAIRS: dict[str, tuple[str, str]] = {
    "Linda Holcman": ("hiring a VP Sales", "Sam Ortiz"),
    "Priya Shah": ("raising a seed round for my fintech startup", "Tom Becker"),
    "Ahmed Ali": ("looking for a good immigration lawyer", "Maria Gomez"),
    "Sara Kim": ("help with taxes for my freelance business", "Chen Wei"),
    "Rui Costa": ("apartment hunting in Lisbon", "João Silva"),
    "Beth Lane": ("wants to learn Python", "Dev Patel"),
    "Carl Moe": ("designing a new logo for the bakery", "Ana Ruiz"),
    "Dina Ross": ("press coverage for our launch", "Olga Petrova"),
    "Erik Vos": ("hiring senior backend engineers", "Raj Kumar"),
    "Fay Wong": ("a pediatrician for our newborn", "Dr. Min Lee"),
    "Gus Hale": ("moving to Berlin next spring", "Klaus Weber"),
    "Hana Mori": ("wants to sell the family business", "Helen Park"),
    "Ian Frey": ("needs a photographer for the wedding", "Nina Rossi"),
    "Jill Ames": ("translating a contract into Japanese", "Kenji Sato"),
    "Kai Berg": ("burnt out, thinking about a coach", "Grace Obi"),
    "Lola Cruz": ("finding a co-founder with ML skills", "Ivan Horvat"),
    "Mark Hill": ("office space downtown", "Paul Novak"),
    "Nora Voss": ("expanding sales into Germany", "Greta Lind"),
    "Otto Kern": ("a physiotherapist after knee surgery", "Mo Haddad"),
    "Pia Lund": ("training for a first marathon, wants tips on running", "Eva Kowalski"),
    "Quinn Yu": ("a UX review of our mobile app", "Leo Martin"),
    "Rosa Diaz": ("investors for a climate startup", "Zoe Adams"),
    "Seth Gray": ("help building a data pipeline on AWS", "Sid Rao"),
    "Tina Roy": ("wants to publish a cookbook", "Pat Quinn"),
    "Umar Khan": ("a piano teacher for her daughter", "Clara Dubois"),
    "Vera Popa": ("someone to fix our WordPress site", "Omar Aziz"),
    "Walt Dunn": ("hiring a head of marketing", "Tara Singh"),
    "Xena Bell": ("an intro to someone at Stripe", "Ben Cole"),
    "Yuri Lenz": ("mentorship as a first-time manager", "Hank Moss"),
    "Zara Malik": ("learning Spanish before the move to Madrid", "Lucía Navarro"),
    "Abel Finch": ("a venue for a 200-person conference", "Ray Ford"),
    "Bea Stone": ("a lawyer to look over a visa application", "Maria Gomez"),
}

UNANSWERED: dict[str, str] = {
    "Cy Norris": "a vintage motorcycle carburetor",
    "Dot Reyes": "a babysitter for Saturday nights",
    "Ed Lowe": "adopting a rescue greyhound",
    "Flo Hart": "a plumber for the leaking boiler",
    "Gil Sousa": "tickets for the opera premiere",
}


def build(path: Path | str) -> dict[str, int]:
    from connect_cli.write.session import write_session
    from connect_cli.write.tables import Contact, Fact, Tag

    ids: dict[str, int] = {}
    with write_session(locate_journal(str(path)), create=True) as session:
        for name, (title, company, tags, offers) in HELPERS.items():
            contact = Contact(name=name, title=title, company=company)
            session.add(contact)
            session.flush()
            assert contact.id is not None
            ids[name] = contact.id
            session.add_all([Tag(contact_id=contact.id, name=t) for t in tags])
            session.add_all([Fact(contact_id=contact.id, kind="offer", text=o) for o in offers])
        needs = {name: need for name, (need, _) in PAIRS.items()} | UNANSWERED
        for name, need in needs.items():
            contact = Contact(name=name)
            session.add(contact)
            session.flush()
            assert contact.id is not None
            ids[name] = contact.id
            session.add(Fact(contact_id=contact.id, kind="need", text=need))
    return ids


def test_intros_who_finds_whom_a_human_would(ok: Run, private_journal: Path | str) -> None:
    ids = build(private_journal)
    assert len(ids) >= 40 and len(PAIRS) >= 30
    hit1 = hit3 = 0
    misses = []
    for needer, (need, helper) in PAIRS.items():
        found = ok("intros", f"#{ids[needer]}", "--json", "--limit", "50").json()
        theirs = [s["helper"]["id"] for s in found if s["person"]["id"] == ids[needer]]
        hit1 += theirs[:1] == [ids[helper]]
        hit3 += ids[helper] in theirs[:3]
        if ids[helper] not in theirs[:1]:
            misses.append(f"{needer}: {need!r} -> {helper} not first")
    n = len(PAIRS)
    print(f"\nintros labelled set: hit@1 = {hit1 / n:.2f}, hit@3 = {hit3 / n:.2f} ({n} pairs)")
    for miss in misses:
        print("  " + miss)
    assert hit3 / n >= 0.9
    assert hit1 / n >= 0.7


def test_intros_suggests_nothing_for_needs_nobody_answers(
    ok: Run, private_journal: Path | str
) -> None:
    ids = build(private_journal)
    for needer in UNANSWERED:
        assert ok("intros", f"#{ids[needer]}", "--json").json() == [], needer
    everyone = ok("intros", "--json", "--limit", "500").json()
    assert not {s["person"]["id"] for s in everyone} & {ids[n] for n in UNANSWERED}
