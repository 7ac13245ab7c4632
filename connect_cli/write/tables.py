"""The journal's tables: the single source of the schema (Alembic migrations are written from it).

How time is stored, decided once:
- calendar things (met on, due, snoozed until, an interaction's day) are `date`: a journal is about
  days in the user's life, not instants, so they never shift with time zones;
- an interaction's optional time of day is a separate naive `time` (wall clock where it happened);
- bookkeeping instants (created, updated, done) are timezone-aware UTC datetimes, as SQLModel
  stores them.
- month/day/year triples hold birthdays and important dates, because the year is optional.

Every child row belongs to a contact and goes with it (ON DELETE CASCADE), which is what `forget`
and `merge` rely on. Foreign keys are enforced on every connection (see db.py).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from connect_cli.domain.clock import utc_now
from connect_cli.domain.vocabulary import CHANNEL_KINDS, FACT_KINDS, INTERACTION_KINDS

__all__ = ["CHANNEL_KINDS", "FACT_KINDS", "INTERACTION_KINDS"]


def _contact_fk(*, nullable: bool = False, on_delete: str = "CASCADE") -> Column[int]:
    return Column(
        Integer, ForeignKey("contact.id", ondelete=on_delete), nullable=nullable, index=False
    )


class Contact(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12"),
        CheckConstraint("every_days IS NULL OR every_days > 0"),
        Index("ix_contact_name", "name"),
        Index("ix_contact_introduced_by_id", "introduced_by_id"),  # migration 0011
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    company: str | None = None
    title: str | None = None
    location: str | None = None
    met_at: str | None = None  # how and where we met, in the user's words
    met_on: date | None = None
    introduced_by_id: int | None = Field(
        default=None, sa_column=_contact_fk(nullable=True, on_delete="SET NULL")
    )
    birthday_month: int | None = None
    birthday_day: int | None = None
    birthday_year: int | None = None
    every_days: int | None = None  # keep-in-touch rhythm; None = no rhythm
    snoozed_until: date | None = None
    archived: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    # Day of the latest interaction; kept by triggers (journal/last_contact.py), never written.
    last_contact_on: date | None = None


class Nickname(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("contact_id", "value"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    value: str


class Channel(SQLModel, table=True):
    """An email, phone or URL, stored exactly as given (nothing lost to normalisation)."""

    __table_args__ = (
        CheckConstraint("kind IN ('email', 'phone', 'url')"),
        Index("ix_channel_contact", "contact_id", "kind"),
        Index("ix_channel_value", "kind", "value"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    kind: str
    value: str
    label: str | None = None


class Tag(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("contact_id", "name"), Index("ix_tag_name", "name"))

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    name: str


class Fact(SQLModel, table=True):
    """A personal fact: what makes the tool personal (likes, family, needs…)."""

    __table_args__ = (
        CheckConstraint(
            "kind IN ('like', 'dislike', 'passion', 'family', 'need', 'offer', 'fact')"
        ),
        Index("ix_fact_contact", "contact_id", "kind"),
        Index("ix_fact_met_on", "met_on"),  # migration 0011
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    kind: str
    text: str
    created_at: datetime = Field(default_factory=utc_now)
    # A need is open while met_on is None; met, it says when and through whom (migration 0005).
    # met_by_id is a contact id without a foreign key (SQLite adds none to an existing table
    # without a rebuild, which would drop the search triggers): forget clears it, merge moves it.
    met_on: date | None = None
    met_by_id: int | None = None


class ImportantDate(SQLModel, table=True):
    __tablename__ = "important_date"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12"),
        CheckConstraint("day BETWEEN 1 AND 31"),
        Index("ix_important_date_contact", "contact_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    label: str
    month: int
    day: int
    year: int | None = None
    # Happens once, on that very day (a launch), not every year; its year is always known.
    once: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Interaction(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(
            "kind IN ('meeting', 'call', 'video', 'email', 'message', 'meal', 'event', 'note', "
            "'intro')"
        ),
        Index("ix_interaction_happened_on", "happened_on"),
        # stats counts a year of touches per (day, kind) from this index alone (migration 0008)
        Index("ix_interaction_day_kind", "happened_on", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    happened_on: date
    happened_time: time | None = None
    kind: str = "note"
    text: str = ""
    created_at: datetime = Field(default_factory=utc_now)


class Participant(SQLModel, table=True):
    """Who took part in an interaction.

    `happened_on` is copied from the interaction (a trigger keeps it in step) so that the
    composite index (contact_id, happened_on) answers "last touch per person" with a correlated
    MAX and no join: the ranking of `today` lives on it.
    """

    __table_args__ = (Index("ix_participant_contact_day", "contact_id", "happened_on"),)

    interaction_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
        )
    )
    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    happened_on: date


class InteractionSource(SQLModel, table=True):
    """Where an imported interaction came from, so re-importing the same file adds it once.

    `origin` is `ics` (key: the event's UID, then RECURRENCE-ID as UTC or a day, RFC 5545 3.8.4.4)
    or `mail` (key: the Message-ID without angle brackets, RFC 5322 3.6.4). The row goes with its
    interaction (ON DELETE CASCADE), so `forget` leaves none behind.
    """

    __tablename__ = "interaction_source"
    __table_args__ = (
        CheckConstraint("origin IN ('ics', 'mail')"),
        Index("ix_interaction_source_interaction", "interaction_id"),
    )

    origin: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    interaction_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("interaction.id", ondelete="CASCADE"), nullable=False
        )
    )


class FollowUp(SQLModel, table=True):
    """A promise or reminder; `done_at` set when kept."""

    __tablename__ = "followup"
    __table_args__ = (
        Index("ix_followup_open", "done_at", "due_on"),
        Index("ix_followup_contact", "contact_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_contact_fk())
    interaction_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("interaction.id", ondelete="SET NULL"), nullable=True),
    )
    text: str
    due_on: date | None = None
    done_at: datetime | None = None
    created_at: datetime = Field(default_factory=utc_now)


class Setting(SQLModel, table=True):
    """Settings travel with the journal file (default rhythm, list size, horizon)."""

    key: str = Field(primary_key=True)
    value: str


class Introduction(SQLModel, table=True):
    """An introduction you made: `person_id` is the one whose need it answers (or the first
    named), `helper_id` the one they were introduced to. A side is NULL once that person is
    forgotten; `need_text` keeps the need's words (erased with its owner)."""

    __table_args__ = (
        CheckConstraint("outcome IN ('pending', 'helped', 'no-fit')"),
        Index("ix_introduction_person", "person_id"),
        Index("ix_introduction_helper", "helper_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    happened_on: date
    person_id: int | None = Field(
        default=None, sa_column=_contact_fk(nullable=True, on_delete="SET NULL")
    )
    helper_id: int | None = Field(
        default=None, sa_column=_contact_fk(nullable=True, on_delete="SET NULL")
    )
    need_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("fact.id", ondelete="SET NULL"), nullable=True),
    )
    need_text: str | None = None
    note: str | None = None
    outcome: str = "pending"
    outcome_on: date | None = None
    outcome_note: str | None = None
    interaction_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("interaction.id", ondelete="SET NULL"), nullable=True),
    )
    created_at: datetime = Field(default_factory=utc_now)


class HelpShown(SQLModel, table=True):
    """The introduction `today` suggested on a day (one a day; the last week is kept)."""

    __tablename__ = "help_shown"

    day: date = Field(primary_key=True)
    person_id: int = Field(sa_column=_contact_fk())
    helper_id: int = Field(sa_column=_contact_fk())
