"""The write side of `import`: match each incoming person, then add or merge, in bulk.

Speed without giving up all-or-nothing: everything runs in the caller's one transaction; new
people get their ids up front (BEGIN IMMEDIATE means no other writer) and are written with Core
`executemany` in batches; matching uses dicts built once (email -> id, folded name -> ids), never
a query per row. Only a matched person costs queries (to load what they already have).

Identity is careful (see domain/merge_rules.py for the rule): a match on the name alone merges only when
the record brings nothing new; otherwise the record is added as its own person and both are listed
as "possible duplicates, not merged" (`connect merge` is the tool), as are names that differ only
by a prefix or suffix (Walter Brennan, Walter Brennan Jr.).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import bindparam, text, update
from sqlmodel import Session

from connect_cli.domain.drafts import DateValue, PersonDraft
from connect_cli.domain.incoming import LONG_TEXT, Incoming, Remark
from connect_cli.domain.matching import fold
from connect_cli.domain.merge_rules import (
    Existing,
    MergePlan,
    core_name,
    phone_key,
    plan_merge,
    same_phone,
)
from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.read.people import as_date
from connect_cli.write.bulk_load import defer_indexes, rebuild_indexes
from connect_cli.write.bulk_rows import columns, insert_rows
from connect_cli.write.name_word_batch import NameWordBatch
from connect_cli.write.search_index import PAUSED, SearchBatch
from connect_cli.write.tables import (
    Contact,
    utc_now,
)

BATCH = 5_000
# The tables a person's rows go to, parents first (foreign keys are checked at once).
PEOPLE_TABLES = ("contact", "nickname", "channel", "tag", "fact", "important_date")
# Indexes no query of the import itself uses (it matches names and emails in dicts and loads
# people by contact id): into an empty journal they are built once at the end (write/bulk_load.py).
LOOKUP_INDEXES = ("ix_contact_name", "ix_channel_value", "ix_tag_name", "ix_name_word_contact")
BULK_INDEX_FROM = 500  # rows to index in one flush; below it the per-row triggers are cheaper
SAMPLE = 10  # names shown per outcome in the summary


@dataclass
class Outcome:
    count: int = 0
    names: list[str] = field(default_factory=list)

    def note(self, name: str) -> None:
        self.count += 1
        if len(self.names) < SAMPLE:
            self.names.append(name)


@dataclass
class Tally:
    added: Outcome = field(default_factory=Outcome)
    merged: Outcome = field(default_factory=Outcome)  # matched someone and brought something new
    unchanged: Outcome = field(default_factory=Outcome)  # matched; nothing new to add
    skipped: Outcome = field(default_factory=Outcome)  # records that name nobody
    interactions: int = 0
    interactions_known: int = 0
    remarks: Counter[Remark] = field(default_factory=Counter)  # what was kept or skipped how
    notices: Outcome = field(default_factory=Outcome)  # sentences naming card and line
    duplicates: Outcome = field(default_factory=Outcome)  # "A (#3) and B (#1)", not merged

    @property
    def people(self) -> int:
        return self.added.count + self.merged.count + self.unchanged.count

    def remark(self, remark: Remark) -> None:
        self.remarks[remark] += 1


class PeopleWriter:
    """Adds or merges people into the journal through one session's connection."""

    def __init__(self, session: Session, *, tags: list[str], every_days: int | None) -> None:
        self.connection = session.connection()
        self.tags = tags
        self.every_days = every_days
        self.tally = Tally()
        self.now = utc_now()
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.company_of: dict[int, str] = {}
        self.with_email: set[int] = set()
        self.pending: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.pending_ids: set[int] = set()
        self.cache: dict[int, Existing] = {}  # prefetched people to merge into
        self.introductions: list[tuple[int, str]] = []  # (contact id, introducer's name)
        self.long_notes: list[tuple[int, str]] = []  # (contact id, text too long for a fact)
        self.by_core: dict[str, list[int]] = defaultdict(list)  # names with a prefix/suffix
        self.names: dict[int, str] = {}  # names of people this import compared, for the summary
        self._suspect: list[int] = []  # same name, not enough to merge: listed, not merged
        self._core = ""  # the core name (no prefix/suffix) that _index_name last indexed
        self._folded = ""  # the last name match() folded…
        self._folded_for: PersonDraft | None = None  # …and whose it was
        self.search = SearchBatch(self.connection)
        self.words = NameWordBatch(self.connection)
        self._load_indexes()
        self._deferred = (
            defer_indexes(self.connection, LOOKUP_INDEXES) if self.first_new_id == 1 else {}
        )

    def _load_indexes(self) -> None:
        rows = self.connection.execute(text("SELECT id, name, company FROM contact")).all()
        self.next_id = max((r[0] for r in rows), default=0) + 1
        self.first_new_id = self.next_id  # ids below it were in the journal before this import
        for contact_id, name, company in rows:
            self._index_name(contact_id, name, company)
        for contact_id, value in self.connection.execute(
            text("SELECT contact_id, value FROM channel WHERE kind = 'email'")
        ):
            self.by_email.setdefault(value.strip().casefold(), contact_id)
            self.with_email.add(contact_id)

    def _index_name(
        self, contact_id: int, name: str, company: str | None, folded: str | None = None
    ) -> None:
        folded = folded or fold(name)
        self.by_name[folded].append(contact_id)
        self.company_of[contact_id] = fold(company) if company else ""
        core = self._core = core_name(folded)  # _possible_duplicates asks again right after
        if core != folded:
            self.by_core[core].append(contact_id)

    # --- matching ------------------------------------------------------------------------------

    def match(self, draft: PersonDraft) -> int | None:
        """Who this record is, on strong evidence only: an email in common; else the same name
        with the same company or a phone in common; else the same name and nothing new."""
        self._suspect = []
        emails = [c.value.strip().casefold() for c in draft.channels if c.kind == "email"]
        for email in emails:
            if (found := self.by_email.get(email)) is not None:
                return found
        assert draft.name is not None
        self._folded, self._folded_for = fold(draft.name), draft  # add() indexes the same key
        same_name = self.by_name.get(self._folded, [])
        if not same_name:
            return None
        company = fold(draft.company) if draft.company else ""
        fitting = [i for i in same_name if not (emails and i in self.with_email)]
        if company and (found := next((i for i in fitting if self.company_of[i] == company), 0)):
            return found
        if found := self._same_phone(draft, fitting):
            return found
        for candidate in fitting:
            if not company or not self.company_of[candidate]:
                if self._nothing_new(candidate, draft):
                    return candidate  # the same record again (a re-import): nobody added twice
        self._suspect = same_name
        return None

    def _same_phone(self, draft: PersonDraft, candidates: list[int]) -> int | None:
        digits = [phone_key(c.value) for c in draft.channels if c.kind == "phone"]
        if not digits or not candidates:
            return None
        for candidate in candidates:
            known = self._existing(candidate).phone_digits
            if any(same_phone(a, b) for a in digits for b in known):
                return candidate
        return None

    def _nothing_new(self, contact_id: int, draft: PersonDraft) -> bool:
        existing = self._existing(contact_id)
        return plan_merge(existing, draft, every_days=self.every_days).is_empty()

    def _existing(self, contact_id: int) -> Existing:
        """A person to compare with (cached: the merge that may follow uses the same one)."""
        if contact_id in self.pending_ids:
            self.flush()
        if contact_id not in self.cache:
            self.cache[contact_id] = self.load(contact_id)
        return self.cache[contact_id]

    def _possible_duplicates(self, contact_id: int, draft: PersonDraft) -> None:
        """Same name without the evidence to merge, or a name that differs only by a prefix or
        suffix: said in the summary, never merged silently."""
        core = self._core  # add() just indexed this record's name
        near = self.by_name.get(core, ()), self.by_core.get(core, ())
        if not self._suspect and len(near[0]) + len(near[1]) <= 1:
            return  # the usual case: nobody else has that name (only this record itself)
        others = {*self._suspect, *near[0], *near[1]}
        others.discard(contact_id)
        for other in sorted(others):
            self.tally.duplicates.note(
                f"{draft.name} (#{contact_id}) and {self._name_of(other)} (#{other})"
            )

    def _name_of(self, contact_id: int) -> str:
        if contact_id not in self.names:
            self.names[contact_id] = self._existing(contact_id).name
        return self.names[contact_id]

    # --- adding --------------------------------------------------------------------------------

    def take(self, draft: PersonDraft, extra: dict[str, object] | None = None) -> int:
        """Add or merge one incoming person; returns their contact id."""
        draft.tags.extend(t for t in self.tags if t not in draft.tags)
        long_notes, draft.long_notes = draft.long_notes, []  # written once everyone is in
        found = self.match(draft)
        if found is None:
            found = self.add(draft, extra or {})
            self._possible_duplicates(found, draft)
        else:
            self.merge(found, draft)
        if extra and extra.get("introduced_by"):
            self.introductions.append((found, str(extra["introduced_by"])))
        self.long_notes += [(found, text) for text in long_notes]
        return found

    def take_record(self, record: Incoming) -> int:
        """`take`, and what the reader said about the record counted for the summary."""
        for remark in record.remarks:
            self.tally.remark(remark)
        for notice in record.notices:
            self.tally.notices.note(notice)
        return self.take(record.draft, record.extra)

    def add(self, draft: PersonDraft, extra: dict[str, object] | None = None) -> int:
        assert draft.name is not None
        contact_id = self.next_id
        self.next_id += 1
        birthday = draft.birthday
        every = draft.every_days if draft.every_given else self.every_days
        self.pending["contact"].append(
            (contact_id, draft.name, draft.company, draft.title, draft.location, draft.met_at,
             draft.met_on, None, birthday.month if birthday else None,
             birthday.day if birthday else None, birthday.year if birthday else None, every,
             (extra or {}).get("snoozed_until"), bool((extra or {}).get("archived")),
             self.now, self.now)
        )  # fmt: skip
        self.pending_ids.add(contact_id)
        self._queue_children(contact_id, draft.nicknames, draft.channels, draft.tags, draft.facts,
                             draft.dates, draft.needs_met)  # fmt: skip
        folded = self._folded if self._folded_for is draft else None
        self._index_name(contact_id, draft.name, draft.company, folded)
        self._index_emails(contact_id, draft)
        self.names[contact_id] = draft.name
        self.tally.added.note(draft.name)
        if len(self.pending["contact"]) >= BATCH:
            self.flush()
        return contact_id

    def _index_emails(self, contact_id: int, draft: PersonDraft | MergePlan) -> None:
        for channel in draft.channels:
            if channel.kind == "email":
                self.by_email.setdefault(channel.value.strip().casefold(), contact_id)
                self.with_email.add(contact_id)

    def _queue_children(self, contact_id: int, nicknames, channels, tags, facts, dates, met=None) -> None:  # type: ignore[no-untyped-def]
        queue, now, met = self.pending, self.now, met or {}
        queue["nickname"] += [(contact_id, n) for n in nicknames]
        queue["channel"] += [(contact_id, c.kind, c.value, c.label) for c in channels]
        queue["tag"] += [(contact_id, t) for t in tags]
        queue["fact"] += [  # a need our export says was met keeps its day (who helped: JSON only)
            (contact_id, k, t, now, met.get(t) if k == "need" else None, None) for k, t in facts
        ]
        queue["important_date"] += [
            (contact_id, d.label, d.when.month, d.when.day, d.when.year, d.once) for d in dates
        ]

    def flush(self) -> None:
        """Write the queued rows, parents first (foreign keys are checked at once). A big batch
        is indexed for search in one statement per field, and its people's name words folded
        together (write/name_word_batch.py), not by a trigger run per row."""
        indexed = sum(len(self.pending.get(t, ())) for t in PAUSED)
        bulk = self.search.usable and indexed >= BULK_INDEX_FROM
        people = [(row[0], row[1]) for row in self.pending.get("contact", ())]
        words = self.words.usable and len(people) >= BULK_INDEX_FROM
        with (
            self.search.paused() if bulk else nullcontext(),
            self.words.paused(people) if words else nullcontext(),
        ):
            for name in PEOPLE_TABLES:
                rows = self.pending.pop(name, None)
                if rows:
                    insert_rows(self.connection, name, rows, COLUMNS[name], batch=BATCH)
        self.pending_ids.clear()

    def finish(self, today: date | None = None) -> None:
        """Write what is queued and link introducers named in the file (our own exports): by
        name, once everyone is in; a name that fits nobody or several people is kept as a fact.
        Text too long for a fact becomes a note in the person's timeline, dated the import day."""
        self.flush()
        for contact_id, note in self.long_notes:
            self._add_long_note(contact_id, note, today or self.now.date())
        for contact_id, name in self.introductions:
            ids = [i for i in self.by_name.get(fold(name), []) if i != contact_id]
            if len(ids) == 1:
                self.connection.execute(
                    text(
                        "UPDATE contact SET introduced_by_id = :via "
                        "WHERE id = :id AND introduced_by_id IS NULL"
                    ),
                    {"via": ids[0], "id": contact_id},
                )
            else:
                self._keep_fact(contact_id, f"introduced by: {name}")
        rebuild_indexes(self.connection, self._deferred)
        self._deferred = {}

    def _add_long_note(self, contact_id: int, note: str, today: date) -> None:
        known = self.connection.execute(
            text(
                "SELECT 1 FROM participant p JOIN interaction i ON i.id = p.interaction_id "
                "WHERE p.contact_id = :c AND i.text = :t LIMIT 1"
            ),
            {"c": contact_id, "t": note},
        ).first()
        if known is not None:
            self.tally.remarks[LONG_TEXT] -= 1  # already in the timeline: nothing kept anew
            if self.tally.remarks[LONG_TEXT] <= 0:
                del self.tally.remarks[LONG_TEXT]
            return
        interaction_id = self.connection.execute(
            text("SELECT COALESCE(MAX(id), 0) + 1 FROM interaction")
        ).scalar_one()  # BEGIN IMMEDIATE: no other writer can take it meanwhile
        insert_rows(
            self.connection,
            "interaction",
            [(interaction_id, today, None, "note", note, self.now)],
        )
        insert_rows(self.connection, "participant", [(interaction_id, contact_id, today)])
        self.tally.interactions += 1

    def _keep_fact(self, contact_id: int, fact: str) -> None:
        if fold(fact) not in {v for k, v in self.load(contact_id).items if k == "fact"}:
            insert_rows(
                self.connection, "fact", [(contact_id, "fact", fact, self.now, None, None)], COLUMNS["fact"]
            )

    # --- merging -------------------------------------------------------------------------------

    def merge(self, contact_id: int, draft: PersonDraft) -> None:
        if contact_id in self.pending_ids:
            self.flush()
        existing = self.cache.pop(contact_id, None) or self.load(contact_id)
        plan = plan_merge(existing, draft, every_days=self.every_days)
        if plan.is_empty():
            self.tally.unchanged.note(existing.name)
            return
        if plan.fill:
            if "company" in plan.fill:
                self.company_of[contact_id] = fold(str(plan.fill["company"]))
            self.connection.execute(
                update(Contact.__table__)  # type: ignore[attr-defined]
                .where(Contact.__table__.c.id == contact_id)  # type: ignore[attr-defined]
                .values(**plan.fill, updated_at=self.now)
            )
        facts = plan.facts + [("fact", kept) for kept in plan.kept] if plan.kept else plan.facts
        self._queue_children(contact_id, plan.nicknames, plan.channels, plan.tags, facts,
                             plan.dates, draft.needs_met)  # fmt: skip
        for filled in plan.date_years:
            self.connection.execute(_DATE_YEAR, {"c": contact_id, "l": filled.label,
                "m": filled.when.month, "d": filled.when.day, "y": filled.when.year})  # fmt: skip
        self._index_emails(contact_id, plan)
        self.flush()
        self.tally.merged.note(existing.name)

    def prefetch(self, drafts: list[PersonDraft]) -> None:
        """Load, in a few queries, the people these records will merge into (a re-import of
        100k rows would otherwise cost two queries per row). Only a cache: `take` matches again."""
        if self.first_new_id == 1:
            return  # an empty journal: matches can only be people this import adds
        wanted = {self.match(d) for d in drafts} - {None} - self.pending_ids - set(self.cache)
        if wanted:
            self.cache.update(self.load_many(sorted(wanted)))  # type: ignore[arg-type]

    def load(self, contact_id: int) -> Existing:
        return self.load_many([contact_id])[contact_id]

    def load_many(self, ids: list[int]) -> dict[int, Existing]:
        run = self.connection.execute
        found: dict[int, Existing] = {}
        for row in run(_CONTACTS, {"ids": ids}):
            person = Existing(row[0], row[1], row[2], row[3], row[4], row[5], every_days=row[10])
            person.met_on = as_date(row[6] or None)  # SQLite's text, a server's date
            if row[7] is not None and row[8] is not None:
                person.birthday = MonthDay(row[7], row[8], row[9])
            found[person.id] = person
        for contact_id, kind, value in run(_ITEMS, {"ids": ids}):
            person = found[contact_id]
            person.items.add((kind, fold(value)))
            if kind == "phone":
                person.phone_digits.append(phone_key(value))
        for contact_id, label, month, day, year in run(_DATES, {"ids": ids}):
            found[contact_id].dates.append(DateValue(label, MonthDay(month, day, year)))
        return found


_CONTACTS = text(
    "SELECT id, name, company, title, location, met_at, met_on, birthday_month, birthday_day, "
    "birthday_year, every_days FROM contact WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_ITEMS = text(
    "SELECT contact_id, 'nickname', value FROM nickname WHERE contact_id IN :ids "
    "UNION ALL SELECT contact_id, 'tag', name FROM tag WHERE contact_id IN :ids "
    "UNION ALL SELECT contact_id, kind, value FROM channel WHERE contact_id IN :ids "
    "UNION ALL SELECT contact_id, kind, text FROM fact WHERE contact_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_DATES = text(
    "SELECT contact_id, label, month, day, year FROM important_date WHERE contact_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_DATE_YEAR = text(
    "UPDATE important_date SET year = :y "
    "WHERE contact_id = :c AND label = :l AND month = :m AND day = :d AND year IS NULL"
)


# The queued rows' columns, in the tables' own order (ids of child rows come from SQLite).
COLUMNS = {
    "contact": columns("contact", without=("last_contact_on",)),  # the triggers' (0004)
    **{name: columns(name, without=("id",)) for name in PEOPLE_TABLES[1:]},
}
