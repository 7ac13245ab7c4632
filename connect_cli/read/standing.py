"""SQL fragments for where a person stands with you, shared by every reader that ranks or counts
people by their last touch (today, list, search, stats, review).

A module of its own, with no imports, so that `stats` and `search` can use them without loading
the people and name-matching readers (~17 ms of start-up, `python -X importtime`).
"""

# Last touch per person: stored on the contact and kept exact by triggers (journal/last_contact.py),
# so orders by it cost the same at any number of interactions (issue #10).
LAST_TOUCH = "c.last_contact_on"

# Never contacted: count from when they were met, else from the day they were added (UTC day).
SINCE = f"COALESCE({LAST_TOUCH}, c.met_on, date(c.created_at))"

# Who is eligible at all: a rhythm, not archived, not snoozed past :today.
ELIGIBLE = (
    "c.every_days IS NOT NULL AND c.archived = 0 "
    "AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)"
)
