"""A person's whole profile as editable text, and back (pure; used by `edit` with $EDITOR).

The format is one `key: value` line per item; multi-valued keys repeat; an empty value clears a
field; how a value with line breaks, edge spaces or control characters is written is in
core/profile_values.py (render -> parse is the identity). Turning the edited text back gives a `RawPerson` holding exactly the differences, so the
same checks and writes as `edit --option` apply.
"""

from __future__ import annotations

from connect_cli.core.profile_values import continued_line, value_from_text, value_lines
from connect_cli.domain.drafts import RawPerson
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import fold
from connect_cli.domain.rhythms import format_rhythm
from connect_cli.domain.vocabulary import FACT_KINDS
from connect_cli.domain.yearly_dates import month_day_iso
from connect_cli.read.models import ChannelItem, PersonCard

SCALARS = ("name", "company", "title", "location", "met at", "met on", "via", "birthday", "every")
MULTI = ("nickname", "email", "phone", "url", "tag", "date", *FACT_KINDS)
HEADER = (
    "# Editing {name} (#{id}). One item per line as `key: value`; repeat a key for more items.\n"
    "# Delete a line (and its `| ` lines) to remove that item; leave a value empty to clear a\n"
    "# field. Lines starting with # are ignored. Labels go before '=': `email: work=l@acme.com`.\n"
    "# A value goes on after a line break on lines starting with `| `. A value in quotes is read\n"
    '# as a JSON string (\\n, \\t, \\", \\\\): for spaces at its ends or an empty item ("").\n'
)


def _labelled(item: ChannelItem) -> str:
    return f"{item.label}={item.value}" if item.label else item.value


def _rhythm_text(days: int | None) -> str:
    return "never" if days is None else f"{days}d"


def profile_items(card: PersonCard) -> dict[str, list[str]]:
    """Every field and item of the card, as the strings the text shows ([] for an empty field)."""
    items: dict[str, list[str]] = {
        "name": [card.name],
        "company": _present(card.company),
        "title": _present(card.title),
        "location": _present(card.location),
        "met at": _present(card.met_at),
        "met on": [card.met_on.isoformat()] if card.met_on else [],
        "via": [f"#{card.introduced_by.id}"] if card.introduced_by else [],
        "birthday": _present(month_day_iso(card.birthday)),
        "every": [_rhythm_text(card.every_days)],
        "nickname": list(card.nicknames),
        "email": [_labelled(c) for c in card.emails],
        "phone": [_labelled(c) for c in card.phones],
        "url": [_labelled(c) for c in card.urls],
        "tag": list(card.tags),
        "date": [
            f"{d.label}={month_day_iso(d.when)}{' once' if d.once else ''}" for d in card.dates
        ],  # fmt: skip
    }
    for kind in FACT_KINDS:
        items[kind] = list(card.facts.get(kind, []))
    return items


def _present(value: str | None) -> list[str]:
    return [value] if value else []


def profile_to_text(card: PersonCard) -> str:
    # The name is shown on a comment line: no line break may end the comment early.
    shown_name = " ".join("".join(c if c.isprintable() else " " for c in card.name).split())
    return (
        HEADER.format(name=shown_name, id=card.id)
        + items_to_text(profile_items(card))
        + (f"# rhythm now: {format_rhythm(card.every_days)}\n")
    )


def items_to_text(items: dict[str, list[str]]) -> str:
    """One `key: value` line (plus `|` lines) per item; `key: ` alone for an empty field."""
    lines: list[str] = []
    for key, values in items.items():
        if not values:
            lines.append(f"{key}: ")
        for value in values:
            first, *rest = value_lines(value)
            lines += [f"{key}: {first}", *rest]
    return "\n".join(lines) + "\n"


def parse_profile_text(text: str) -> dict[str, list[str]]:
    """Lines back into items; a line that is not `key: value` raises InputError naming it."""
    items = _parse_lines(text)
    for key in SCALARS:
        if len(items[key]) > 1:
            raise InputError(f"`{key}` appears more than once; keep one line for it.")
    if not items["name"]:
        raise InputError("The name cannot be empty; put it back on the `name:` line.")
    return items


def _parse_lines(text: str) -> dict[str, list[str]]:
    items: dict[str, list[str]] = {key: [] for key in (*SCALARS, *MULTI)}
    last: tuple[str, str | None] | None = None  # the key and value a `|` line continues
    for number, line in enumerate(text.splitlines(), start=1):
        more = continued_line(line)
        if more is not None:
            if last is None:
                raise InputError(
                    f"Line {number} starts with `|` but no `key: value` line comes before it;"
                    " put the key first."
                )
            last = (last[0], f"{last[1] or ''}\n{more}")
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        _keep(items, last)
        key, sep, value = line.partition(":")
        key = key.strip().lower().replace("_", " ").replace("-", " ")
        if not sep or key not in items:
            raise InputError(
                f"Line {number} is not `key: value` with a known key; keys are {', '.join(items)}."
            )
        last = (key, value_from_text(value, number))
    _keep(items, last)
    return items


def _keep(items: dict[str, list[str]], last: tuple[str, str | None] | None) -> None:
    if last is not None and last[1] is not None:
        items[last[0]].append(last[1])


def profile_changes(before: PersonCard, text: str) -> RawPerson:
    """What changed between the card and the edited text, as options `edit` understands."""
    old, new = profile_items(before), parse_profile_text(text)
    raw = RawPerson()
    clear_names = {"met at": "met_at", "met on": "met_on", "every": "every"}
    for key in SCALARS:
        was = old[key][0] if old[key] else ""
        now = new[key][0] if new[key] else ""
        if now == was:
            continue
        attr = key.replace(" ", "_")
        if now:
            setattr(raw, attr, now)
        else:
            raw.clear.append(clear_names.get(key, attr))
    for key in MULTI:
        old_keys = {fold(v) for v in old[key]}
        new_keys = {fold(v) for v in new[key]}
        raw.drop += [f"{key}:{_drop_value(key, v)}" for v in old[key] if fold(v) not in new_keys]
        getattr(raw, key).extend(v for v in new[key] if fold(v) not in old_keys)
    return raw


def _drop_value(key: str, value: str) -> str:
    """--drop matches channels by value and dates by label: strip what the text adds."""
    if key in ("email", "phone", "url"):
        head, sep, tail = value.partition("=")
        if sep and "@" not in head and ":" not in head and "/" not in head:
            return tail.strip()
    if key == "date":
        return value.partition("=")[0].strip()
    return value
