"""The stored last contact of each person: `contact.last_contact_on`, kept exact by triggers.

This module is the one place that says how. Migration 0004 creates the column and these
triggers; the bulk writers (demo) pause the insert trigger and run BACKFILL once; `doctor`
runs MISMATCHES. Read commands order `today` and `list --sort recent|overdue` by the column,
so their cost no longer grows with the number of interactions (issue #10).

The rule (the source of truth stays `participant`, whose `happened_on` is a copy of its
interaction's day, migration 0001):

    contact.last_contact_on = MAX(participant.happened_on) of that contact, NULL without any.

- INSERT of a participant can only raise it: a compare, no aggregate.
- DELETE, and UPDATE of `contact_id` or `happened_on` (an edited day reaches participants
  through `interaction_day_to_participants`; a merge moves participants to the kept person),
  recompute the MAX for each contact involved over ix_participant_contact_day (one index seek).
- Deleting an interaction or a contact deletes its participants by ON DELETE CASCADE, and
  SQLite fires the participant triggers for cascaded rows, so forget, merge and deleting a note
  are covered by the same three triggers. Restore replaces the whole file (its triggers come
  with it) and import writes participants through the same triggers.

PostgreSQL (a later port): the same column and rule, as one PL/pgSQL function
`participant_last_contact()` RETURNS trigger, attached with
`CREATE TRIGGER ... AFTER INSERT OR UPDATE OF contact_id, happened_on OR DELETE ON participant
FOR EACH ROW EXECUTE FUNCTION participant_last_contact()`; it does the recompute with
`UPDATE contact SET last_contact_on = (SELECT MAX(happened_on) FROM participant WHERE
contact_id = X) WHERE id = X` for OLD.contact_id and NEW.contact_id as TG_OP says. A bulk load
there would use a statement-level trigger with transition tables (REFERENCING NEW TABLE AS
added) instead of pausing it. Dates compare as ISO text in SQLite and as `date` in PostgreSQL;
the SQL below is otherwise the shared subset.
"""

from __future__ import annotations

_RECOMPUTE = (
    "UPDATE contact SET last_contact_on = "
    "(SELECT MAX(p.happened_on) FROM participant p WHERE p.contact_id = {who}) "
    "WHERE id = {who}"
)

INSERT_TRIGGER = "participant_last_contact_insert"

# name -> CREATE TRIGGER statement (SQLite)
TRIGGERS = {
    INSERT_TRIGGER: (
        f"CREATE TRIGGER {INSERT_TRIGGER} AFTER INSERT ON participant BEGIN "
        "UPDATE contact SET last_contact_on = NEW.happened_on WHERE id = NEW.contact_id "
        "AND (last_contact_on IS NULL OR last_contact_on < NEW.happened_on); END"
    ),
    "participant_last_contact_update": (
        "CREATE TRIGGER participant_last_contact_update "
        "AFTER UPDATE OF contact_id, happened_on ON participant BEGIN "
        f"{_RECOMPUTE.format(who='OLD.contact_id')}; {_RECOMPUTE.format(who='NEW.contact_id')}; "
        "END"
    ),
    "participant_last_contact_delete": (
        "CREATE TRIGGER participant_last_contact_delete AFTER DELETE ON participant BEGIN "
        f"{_RECOMPUTE.format(who='OLD.contact_id')}; END"
    ),
}

# Every person's value from scratch: after the migration adds the column, and after a bulk
# write that paused INSERT_TRIGGER (then limited to the people it wrote by the caller's WHERE).
BACKFILL = (
    "UPDATE contact SET last_contact_on = "
    "(SELECT MAX(p.happened_on) FROM participant p WHERE p.contact_id = contact.id)"
)

# People whose stored value differs from the aggregate (`doctor`): id, stored, actual.
MISMATCHES = (
    "SELECT id, last_contact_on, actual FROM (SELECT c.id, c.last_contact_on, "
    "(SELECT MAX(p.happened_on) FROM participant p WHERE p.contact_id = c.id) AS actual "
    "FROM contact c) AS stored WHERE last_contact_on IS NOT actual"
)  # PostgreSQL: IS DISTINCT FROM
