"""A small journal with every kind of item, shared by the export and merge tests."""

from __future__ import annotations

from tests.conftest import Run

LINDA = [
    "add", "Linda Holcman", "-c", "Acme", "--title", "VP Sales", "-e", "work=linda@acme.com",
    "-e", "linda@home.example", "-p", "mobile=+1 415 555 0100", "--url",
    "linkedin=https://linkedin.com/in/linda?a=1", "--location", "Boston", "--nickname", "Lin",
    "--met-at", "SaaStr 2026", "--met-on", "2026-11-01", "-t", "client", "-t", "fintech",
    "--every", "2w", "--birthday", "1985-04-15", "--date", "work anniversary=03-01",
    "--like", "espresso", "--dislike", "golf", "--passion", "sailing", "--family", "Sam (son, 7)",
    "--need", "hiring a VP Sales", "--offer", "intros to Boston VCs", "--fact", "=HYPERLINK(\"x\")",
    "--note", "Coffee at the booth", "--follow-up", "Send the deck", "--due", "friday",
]  # fmt: skip


def fill(ok: Run) -> None:
    """Linda (everything), Bob (introduced by Linda), Carol (Feb 29 birthday, archived)."""
    ok(*LINDA)
    ok("add", "Bob Stone", "-c", "Fintech Ventures", "--via", "linda", "--nickname", "Bobby",
       "-t", "investor", "-p", "-5 trick")  # fmt: skip
    ok("add", "Carol Ng", "--birthday", "--02-29", "-t", "client")
    ok("archive", "carol")
    ok("log", "linda", 'Dinner, "Chez Marcel"\n=SUM(A1)', "--with", "bob", "-k", "meal",
       "--on", "2026-11-10 19:30", "--follow-up", "Intro Linda to Bob")  # fmt: skip
    ok("log", "bob", "Call about the fund 🚀", "-k", "call", "--on", "2026-11-20")
