"""Journals to benchmark on: `connect demo` when the app has it, else a generator of our own.

The fallback writes with sqlite3 executemany into a journal created by the app's own migrations,
so the schema, the indexes and the search triggers are exactly the app's. It is deterministic for a
seed, and it writes the shape that matters for speed: people with rhythms, facts and nicknames;
interactions over three years, one or two people each, with varied words in the notes.
"""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

FIRST = (
    "Linda Bob Zoë Ahmed Mei Carlos Priya Olga Tom Sara Jean Ana Yuki Kofi Liam Nora Ivan Chloé "
    "Omar Eva Raj Lena Hugo Ines Noah Aiko Felix Mila Jonas Ruth Paulo Sven Leila Ada Emil Nina "
    "Diego Hana Otto Iris Malik Greta Luca Vera Amir Julia Kai Rosa Theo Sofia"
).split()
LAST = (
    "Holcman Stone Müller Khan Chen García Patel Ivanova Brown Cohen Dupont Silva Tanaka Mensah "
    "Walsh Berg Petrov Laurent Haddad Novak Singh Fischer Moreau Costa Jensen Ito Wagner Kowalski "
    "Schmidt Levi Rossi Nilsson Farah Lovelace Weber Sato Ortiz Park Koch Lind Demir Nowak Bianchi "
    "Horvat Ali Meyer Young Reyes Vogel Santos"
).split()
COMPANIES = "Acme Globex Initech Umbrella Hooli Stark Wayne Wonka Tyrell Cyberdyne Soylent".split()
TITLES = ("CEO", "CTO", "VP Sales", "Founder", "Engineer", "Recruiter", "Designer", "Partner")
EVENTS = ("SaaStr 2026", "Web Summit", "a friend's dinner", "LinkedIn", "the school gate")
TOPICS = (
    "pricing budget hiring roadmap sailing fundraising kids vacation marathon golf wine jazz "
    "partnership renewal churn onboarding security compliance offsite conference podcast intro "
    "investors board launch migration contract negotiation feedback mentoring coffee lunch "
    "recruiting expansion europe asia quarterly forecast pipeline demo pilot referral garden "
    "cooking photography climbing cycling chess piano football tennis skiing surfing yoga"
).split()
FACT_KINDS = ("like", "dislike", "passion", "family", "need", "offer", "fact")
INTERACTION_KINDS = ("meeting", "call", "video", "email", "message", "meal", "event", "note")
NOW = "2026-01-01 00:00:00.000000"


def parse_size(text: str) -> int:
    """'10k' → 10000, '1M' → 1000000, '500' → 500."""
    text = text.strip()
    factor = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def label(count: int) -> str:
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    if count >= 1_000 and count % 1_000 == 0:
        return f"{count // 1_000}k"
    return str(count)


def demo_available(connect: list[str], env: dict[str, str]) -> bool:
    result = subprocess.run([*connect, "demo", "--help"], env=env, capture_output=True)
    return result.returncode == 0


def build_with_demo(
    connect: list[str], env: dict[str, str], contacts: int, interactions: int
) -> None:
    subprocess.run(
        [*connect, "demo", "--contacts", str(contacts), "--interactions", str(interactions), "--seed", "1"],
        env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def build_fallback(path: Path, contacts: int, interactions: int, seed: int = 1) -> None:
    """A journal created by the app's migrations, filled with sqlite3 executemany."""
    from connect_cli.core.journal import ensure_current
    from connect_cli.journal.sqlite import connect_sqlite, locate_journal

    ensure_current(locate_journal(str(path)), create=True)
    rng = random.Random(seed)
    connection = connect_sqlite(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        _people(connection, rng, contacts)
        _history(connection, rng, contacts, interactions)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _people(connection: sqlite3.Connection, rng: random.Random, contacts: int) -> None:
    rows, facts, nicknames, tags = [], [], [], []
    for cid in range(1, contacts + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if cid > len(FIRST) * len(LAST) // 2:
            name += f" {cid}"  # keep names mostly unique at large sizes, as real journals are
        rows.append((
            cid, name, rng.choice(COMPANIES), rng.choice(TITLES), rng.choice(EVENTS),
            rng.choice((14, 30, 90, 90, 180, None)), NOW, NOW,
        ))  # fmt: skip
        for _ in range(3):
            facts.append((cid, rng.choice(FACT_KINDS), " ".join(rng.sample(TOPICS, 2)), NOW))
        if rng.random() < 0.1:
            nicknames.append((cid, name.split()[0][:3]))
        if rng.random() < 0.3:
            tags.append((cid, rng.choice(("client", "mentor", "family", "investor"))))
    connection.executemany(
        "INSERT INTO contact (id, name, company, title, met_at, every_days, archived, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
        rows,
    )
    connection.executemany(
        "INSERT INTO fact (contact_id, kind, text, created_at) VALUES (?, ?, ?, ?)", facts
    )
    connection.executemany("INSERT INTO nickname (contact_id, value) VALUES (?, ?)", nicknames)
    connection.executemany("INSERT INTO tag (contact_id, name) VALUES (?, ?)", tags)


def _history(connection: sqlite3.Connection, rng: random.Random, contacts: int, total: int) -> None:
    today = date(2026, 11, 22)
    chunk = 50_000
    for start in range(1, total + 1, chunk):
        notes, participants = [], []
        for iid in range(start, min(start + chunk, total + 1)):
            day = (today - timedelta(days=rng.randrange(3 * 365))).isoformat()
            words = rng.sample(TOPICS, 3)
            text = (
                f"Talked about {words[0]} and {words[1]}; next: {words[2]}. "
                f"Mentioned {rng.choice(FIRST)} at {rng.choice(COMPANIES)}."
            )
            notes.append((iid, day, rng.choice(INTERACTION_KINDS), text, NOW))
            people = {rng.randrange(1, contacts + 1)}
            if rng.random() < 0.1:
                people.add(rng.randrange(1, contacts + 1))
            participants.extend((iid, cid, day) for cid in people)
        connection.executemany(
            "INSERT INTO interaction (id, happened_on, kind, text, created_at) VALUES (?, ?, ?, ?, ?)",
            notes,
        )
        connection.executemany(
            "INSERT INTO participant (interaction_id, contact_id, happened_on) VALUES (?, ?, ?)",
            participants,
        )


def unique_person(path: Path) -> str:
    """The full name of someone whose name no one else has (so WHO resolves without asking)."""
    connection = sqlite3.connect(path)
    try:
        middle = connection.execute("SELECT MAX(id) / 2 FROM contact").fetchone()[0] or 1
        row = connection.execute(
            "SELECT name FROM contact WHERE id >= ? AND name IN "
            "(SELECT name FROM contact GROUP BY name HAVING COUNT(*) = 1) ORDER BY id LIMIT 1",
            (middle,),
        ).fetchone()
        return row[0] if row else f"#{middle}"
    finally:
        connection.close()


def search_word(path: Path, share: float = 0.01, sample: int = 5000) -> tuple[str, int]:
    """A word from the notes found in about `share` of them (a realistic topic to look for),
    with the number of index rows it hits."""
    connection = sqlite3.connect(path)
    try:
        texts = [r[0] for r in connection.execute(
            "SELECT text FROM interaction ORDER BY id LIMIT ?", (sample,)
        )]  # fmt: skip
        counts: dict[str, int] = {}
        for text in texts:
            for word in set(re.findall(r"[^\W\d_]{4,}", text.lower())):
                counts[word] = counts.get(word, 0) + 1
        if not counts:
            return "coffee", 0
        want = share * len(texts)
        word = min(sorted(counts), key=lambda w: abs(counts[w] - want))
        return word, index_hits(connection, f'"{word}"')
    finally:
        connection.close()


def search_queries(path: Path) -> list[tuple[str, str, int]]:
    """What the issue asks search to be quick for: (label, query, index rows hit) for a rare word
    (~1% of notes), a common word (~10%) and a prefix (the common word's first four letters)."""
    rare, rare_hits = search_word(path, share=0.01)
    common, common_hits = search_word(path, share=0.10)
    prefix = common[:4] + "*"
    connection = sqlite3.connect(path)
    try:
        prefix_hits = index_hits(connection, f'"{common[:4]}"*')
    finally:
        connection.close()
    return [
        ("rare word", rare, rare_hits),
        ("common word", common, common_hits),
        ("prefix", prefix, prefix_hits),
    ]


def index_hits(connection: sqlite3.Connection, match: str) -> int:
    sql = "SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?"
    return connection.execute(sql, (match,)).fetchone()[0]


def contacts_csv(path: Path, count: int, seed: int = 2) -> None:
    """A CSV of `count` people for `connect import` (name, company, title, email, phone)."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as out:
        out.write("name,company,title,email,phone\n")
        for k in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.write(
                f"{first} {last} {k},{rng.choice(COMPANIES)},{rng.choice(TITLES)},"
                f"{first.lower()}.{k}@example.com,+1 555 {k:07d}\n"
            )
