"""The CSV exports we read, recognised by their header, and how each row becomes a person.

A dialect turns a header into a `row -> Incoming` function once (column positions looked up a
single time), so a 100k-row file costs a few dict lookups per row.

Google labels: `myContacts`, `My Contacts`, `Other Contacts` are Google's own bookkeeping and are
skipped (the summary says so), the same rule as for a vCard's CATEGORIES (incoming.py); every other
label, `* starred` included, is a tag, lower-cased like tags typed with `--tag`.

Nothing is dropped without a word: a column that the dialect does not read is kept as a fact
`Column: value` (`Columns.keep_rest`), except pictures and Outlook's default values, which are
counted as skipped in the summary.

How a name is put together from its columns (order, prefix, suffix, salutation, reading):
csv_names.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter

from connect_cli.domain.incoming import Incoming, PersonBuilder, channel_label
from connect_cli.domain.matching import fold
from connect_cli.formats.csv_names import (
    in_column_order,
    name_prefix,
    person_name,
    reading_as_nickname,
)

RowReader = Callable[[Sequence[str], str], Incoming | None]

_MULTI = " ::: "  # Google joins several values (labels, emails in one cell) with this
_NUMBERED = re.compile(
    r"^(E-mail|Phone|Website|Address|Relation|Event|Organization|Custom Field|IM) (\d+) - (.+)$"
)
# Columns kept by no field, and why they are skipped rather than kept as facts.
_SKIPPED_COLUMNS = {"photo": "pictures are not stored"}
# What Outlook writes in every row when a field was never set.
_OUTLOOK_DEFAULTS = frozenset({"normal", "false", "unspecified", "0/0/00", "0.0.00", "00.00.00"})


class Columns:
    """Positions of the header's columns, by exact name; remembers which ones a dialect reads."""

    def __init__(self, header: Sequence[str]) -> None:
        self.index = {name.strip(): k for k, name in enumerate(header) if name.strip()}
        numbered: dict[tuple[str, int], dict[str, int]] = {}
        for name, k in self.index.items():
            if m := _NUMBERED.match(name):
                numbered.setdefault((m[1], int(m[2])), {})[m[3]] = k
        self._groups: dict[str, list[dict[str, int]]] = {}
        for (kind, _n), cols in sorted(numbered.items()):
            self._groups.setdefault(kind, []).append(cols)
        self.has_relations_or_events = bool(
            self._groups.get("Relation") or self._groups.get("Event")
        )
        self.has_custom_or_chat = bool(self._groups.get("Custom Field") or self._groups.get("IM"))
        self.used: set[int] = set()
        self._rest: list[tuple[int, str]] | None = None  # known once the first row is read

    def getter(self, name: str) -> Callable[[Sequence[str]], str]:
        """Rows reach the dialects padded to the header's width (csv_import), so a column is
        just an index."""
        k = self.index.get(name)
        if k is None:
            return lambda row: ""
        self.used.add(k)
        return itemgetter(k)

    def groups(self, what: str) -> list[dict[str, int]]:
        """`E-mail 1 - …`, `E-mail 2 - …`: each numbered group's columns, in order."""
        found = self._groups.get(what, [])
        if self._rest is None:
            self.used.update(k for group in found for k in group.values())
        return found

    def keep_rest(self, b: PersonBuilder, row: Sequence[str]) -> None:
        """The cells of columns the dialect does not read: facts `Column: value`, or skipped and
        counted (pictures, Outlook's defaults)."""
        if self._rest is None:
            self._rest = [(k, n) for n, k in self.index.items() if k not in self.used]
        for k, name in self._rest:
            if not (cell := row[k].strip()):
                continue
            if (reason := _SKIPPED_COLUMNS.get(name.lower())) is not None:
                b.remark(name, f"skipped ({reason})")
            elif cell.lower() in _OUTLOOK_DEFAULTS:
                b.remark(name, "skipped (the exporting program's default value)")
            else:
                b.labelled_fact(name, cell)


def _cell(row: Sequence[str], k: int | None) -> str:
    return "" if k is None else row[k]


def _split(value: str) -> list[str]:
    if _MULTI not in value:  # the usual case, and a 100k-row file asks this a million times
        return [text] if (text := value.strip()) else []
    return [part for part in (p.strip() for p in value.split(_MULTI)) if part]


@lru_cache(maxsize=256)
def _is_starred(label: str) -> bool:
    return fold(label.lstrip("* ")) == "starred"


def _google_tags(b: PersonBuilder, value: str) -> None:
    for label in _split(value):
        if _is_starred(label):  # the same few system labels on every row: folded once
            b.tag("starred")
        else:
            b.tag(label)  # the rule for Google's own groups is incoming.py's, for every format


ChannelColumns = list[tuple[str, int | None, int | None]]  # (kind, label column, value column)


def channel_columns(cols: Columns, label_key: str) -> ChannelColumns:
    """Where each numbered email, phone and website group keeps its label and value."""
    return [
        (kind, group.get(label_key), group.get("Value"))
        for group_name, kind in (("E-mail", "email"), ("Phone", "phone"), ("Website", "url"))
        for group in cols.groups(group_name)
    ]


def _channels(b: PersonBuilder, row: Sequence[str], columns: ChannelColumns) -> None:
    for kind, label_at, value_at in columns:
        if value_at is None or not (cell := row[value_at]):
            continue
        label = channel_label(row[label_at]) if label_at is not None else None
        for value in _split(cell):
            b.channel(kind, value, label)


# (city/region/country columns, formatted, the other parts: street, postcode, PO box…)
AddressColumns = list[tuple[list[int], int | None, list[int]]]
_PLACE = ("City", "Region", "Country")


def address_columns(cols: Columns) -> AddressColumns:
    return [
        ([k for key in _PLACE if (k := group.get(key)) is not None], group.get("Formatted"),
         [k for key, k in group.items() if key not in (*_PLACE, "Formatted", "Type", "Label")])
        for group in cols.groups("Address")
    ]  # fmt: skip


def _addresses(b: PersonBuilder, row: Sequence[str], columns: AddressColumns) -> None:
    """City, region and country are the location; an address that says more (a street, a
    postcode) is also kept whole as a fact."""
    for parts_at, formatted_at, rest_at in columns:
        place = ", ".join(part for k in parts_at if (part := row[k].strip()))
        if place:
            b.scalar("location", place)
        if place and not any(row[k] for k in rest_at):
            continue  # the usual: the place is the whole of it
        formatted = _cell(row, formatted_at).strip()
        parts = [part for k in (*rest_at, *parts_at) if (part := row[k].strip())]
        whole = formatted if all(p in formatted for p in parts) else ", ".join(parts)
        if whole:
            b.fact(f"address: {' '.join(whole.split())}")


def _relations_and_events(b: PersonBuilder, row: Sequence[str], cols: Columns) -> None:
    if not cols.has_relations_or_events:
        return
    for group in cols.groups("Relation"):
        who = _cell(row, group.get("Value")).strip()
        what = _cell(row, group.get("Label") or group.get("Type")).strip().lstrip("* ")
        if who:
            b.fact(f"{who} ({what.lower()})" if what else who, kind="family")
    for group in cols.groups("Event"):
        label = _cell(row, group.get("Label") or group.get("Type")).strip().lstrip("* ")
        b.important_date(label.lower() or "date", _cell(row, group.get("Value")))


def _custom_fields_and_chat(b: PersonBuilder, row: Sequence[str], cols: Columns) -> None:
    """Google's `Custom Field n - Label/Value` (facts) and `IM n - Service/Value` (a web
    channel `skype:handle` labelled with the service, as vCard's IMPP writes it)."""
    if not cols.has_custom_or_chat:
        return
    for group in cols.groups("Custom Field"):
        b.labelled_fact(_cell(row, group.get("Label")), _cell(row, group.get("Value")))
    for group in cols.groups("IM"):
        service = _cell(row, group.get("Service")).strip().lstrip("* ").lower()
        service = service or _cell(row, group.get("Label")).strip().lstrip("* ").lower()
        for handle in _split(_cell(row, group.get("Value"))):
            uri = handle if ":" in handle or not service else f"{service.replace(' ', '')}:{handle}"
            b.channel("url", uri, service or "chat")


def google(cols: Columns) -> RowReader:
    first, middle, last = (cols.getter(n) for n in ("First Name", "Middle Name", "Last Name"))
    prefix, suffix = cols.getter("Name Prefix"), cols.getter("Name Suffix")
    has_prefix, has_file_as = "Name Prefix" in cols.index, "File As" in cols.index
    readings = [f"Phonetic {n} Name" for n in ("First", "Middle", "Last")]
    phonetic = [cols.getter(n) for n in readings] if any(n in cols.index for n in readings) else []
    nickname, file_as = cols.getter("Nickname"), cols.getter("File As")
    company, title = cols.getter("Organization Name"), cols.getter("Organization Title")
    dept, birthday = cols.getter("Organization Department"), cols.getter("Birthday")
    notes, labels = cols.getter("Notes"), cols.getter("Labels")
    channels, addresses = channel_columns(cols, "Label"), address_columns(cols)

    def read(row: Sequence[str], where: str) -> Incoming | None:
        b = PersonBuilder(where)
        honorific = name_prefix(b, prefix(row)) if has_prefix else ""
        b.name(person_name(first(row), middle(row), last(row), honorific, suffix(row)))
        if has_file_as:
            _file_as(b, file_as(row))
        b.nickname(nickname(row))
        if phonetic:
            reading_as_nickname(b, *(get(row) for get in phonetic))
        b.scalar("company", company(row))
        b.scalar("title", title(row))
        if dept(row).strip():
            b.fact(f"department: {dept(row).strip()}")
        b.birthday(birthday(row))
        b.fact(notes(row))
        _google_tags(b, labels(row))
        _channels(b, row, channels)
        _addresses(b, row, addresses)
        _relations_and_events(b, row, cols)
        _custom_fields_and_chat(b, row, cols)
        cols.keep_rest(b, row)
        return b.build()

    return read


def _file_as(b: PersonBuilder, value: str) -> None:
    """Google's `File As` names the row when nothing else does; otherwise kept when different."""
    if not (text := value.strip()):
        return
    if b.draft.name is None:
        b.name(text)
    elif fold(text) != fold(b.draft.name):
        b.labelled_fact("file as", text)


def google_legacy(cols: Columns) -> RowReader:
    name, given = cols.getter("Name"), cols.getter("Given Name")
    additional, family = cols.getter("Additional Name"), cols.getter("Family Name")
    yomi = [cols.getter(f"{n} Name Yomi") for n in ("Given", "Additional", "Family")]
    nickname, birthday = cols.getter("Nickname"), cols.getter("Birthday")
    place, job = cols.getter("Location"), cols.getter("Occupation")
    hobby, notes, groups = (
        cols.getter("Hobby"),
        cols.getter("Notes"),
        cols.getter("Group Membership"),
    )
    channels, addresses = channel_columns(cols, "Type"), address_columns(cols)

    def read(row: Sequence[str], where: str) -> Incoming | None:
        b = PersonBuilder(where)
        b.name(name(row) or person_name(given(row), additional(row), family(row)))
        b.nickname(nickname(row))
        reading_as_nickname(b, *(get(row) for get in yomi))
        b.birthday(birthday(row))
        b.scalar("location", place(row))
        if job(row).strip():
            b.fact(f"occupation: {job(row).strip()}")
        for passion in _split(hobby(row)):
            b.fact(passion, kind="passion")
        b.fact(notes(row))
        _google_tags(b, groups(row))
        _channels(b, row, channels)
        for group in cols.groups("Organization"):
            b.scalar("company", _cell(row, group.get("Name")))
            b.scalar("title", _cell(row, group.get("Title")))
        _addresses(b, row, addresses)
        _relations_and_events(b, row, cols)
        _custom_fields_and_chat(b, row, cols)
        cols.keep_rest(b, row)
        return b.build()

    return read


def linkedin_day(text: str) -> date | None:
    """LinkedIn's `05 Oct 2020` (older exports: `10/5/20`)."""
    for pattern in ("%d %b %Y", "%m/%d/%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def linkedin(cols: Columns) -> RowReader:
    first, last, url = cols.getter("First Name"), cols.getter("Last Name"), cols.getter("URL")
    email, company = cols.getter("Email Address"), cols.getter("Company")
    position, connected = cols.getter("Position"), cols.getter("Connected On")

    def read(row: Sequence[str], where: str) -> Incoming | None:
        b = PersonBuilder(where)
        b.name(in_column_order(first(row), last(row)))
        b.channel("email", email(row))
        b.channel("url", url(row), "linkedin")
        b.scalar("company", company(row))
        b.scalar("title", position(row))
        b.scalar("met_at", "LinkedIn")
        day = linkedin_day(connected(row)) if connected(row).strip() else None
        if day is None and connected(row).strip():
            b.fact(f"connected on LinkedIn: {connected(row).strip()}")
        b.met_on(day)
        cols.keep_rest(b, row)
        return b.build()

    return read


def outlook_birthday(text: str, day_first: bool = False) -> str | None:
    """Outlook writes `4/15/1980` (day first in other languages: `15.4.1980`, `15/04/1980`);
    `0/0/00` (and `1/1/1601`-style blanks) mean no birthday."""
    m = re.fullmatch(r"\s*(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})\s*", text)
    if not m:
        return text
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    month, day = (second, first) if day_first or m[2] == "." else (first, second)
    if month == 0 or day == 0:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year >= 1700 else f"--{month:02d}-{day:02d}"


_OUTLOOK_PHONES = (
    ("Mobile Phone", "mobile"), ("Business Phone", "work"), ("Business Phone 2", "work"),
    ("Home Phone", "home"), ("Home Phone 2", "home"), ("Other Phone", "other"),
    ("Primary Phone", None), ("Company Main Phone", "work"), ("Business Fax", "work fax"),
    ("Home Fax", "home fax"), ("Other Fax", "fax"), ("Car Phone", "car"), ("Pager", "pager"),
)  # fmt: skip


def outlook(cols: Columns, day_first: bool = False) -> RowReader:
    first, middle, last = (cols.getter(n) for n in ("First Name", "Middle Name", "Last Name"))
    prefix, suffix = cols.getter("Title"), cols.getter("Suffix")
    anniversary, spouse = cols.getter("Anniversary"), cols.getter("Spouse")
    children, hobby = cols.getter("Children"), cols.getter("Hobby")
    nickname, company, job = (
        cols.getter("Nickname"),
        cols.getter("Company"),
        cols.getter("Job Title"),
    )
    dept, birthday = cols.getter("Department"), cols.getter("Birthday")
    notes, categories, web = (
        cols.getter("Notes"),
        cols.getter("Categories"),
        cols.getter("Web Page"),
    )
    emails = [cols.getter(n) for n in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")]
    phones = [(cols.getter(n), label) for n, label in _OUTLOOK_PHONES if n in cols.index]
    places = [[cols.getter(f"{w} {p}") for p in ("City", "State", "Country/Region")]
              for w in ("Home", "Business", "Other")]  # fmt: skip

    def read(row: Sequence[str], where: str) -> Incoming | None:
        b = PersonBuilder(where)
        honorific = name_prefix(b, prefix(row))
        b.name(person_name(first(row), middle(row), last(row), honorific, suffix(row)))
        b.nickname(nickname(row))
        b.scalar("company", company(row))
        b.scalar("title", job(row))
        if dept(row).strip():
            b.fact(f"department: {dept(row).strip()}")
        b.birthday(outlook_birthday(birthday(row), day_first))
        b.important_date("anniversary", outlook_birthday(anniversary(row), day_first))
        _family(b, spouse(row), "spouse")
        for child in re.split(r"[;,]", children(row)):
            _family(b, child, "child")
        for passion in re.split(r"[;,]", hobby(row)):
            b.fact(passion, kind="passion")
        b.fact(notes(row))
        for tag in re.split(r"[;,]", categories(row)):
            b.tag(tag)
        for get in emails:
            b.channel("email", get(row))
        for get, label in phones:
            b.channel("phone", get(row), label)
        b.channel("url", web(row))
        for parts in places:
            b.scalar("location", ", ".join(p(row).strip() for p in parts if p(row).strip()))
        cols.keep_rest(b, row)
        return b.build()

    return read


def _family(b: PersonBuilder, name: str, relation: str) -> None:
    if name.strip():
        b.fact(f"{name.strip()} ({relation})", kind="family")


@dataclass(frozen=True)
class Dialect:
    name: str  # shown in the summary
    required: frozenset[str]
    reader: Callable[[Columns], RowReader]


def _needs(*names: str) -> frozenset[str]:
    return frozenset(names)


# Most specific first: Outlook and Google current both have "First Name".
PEOPLE_DIALECTS = (
    Dialect("Google Contacts", _needs("First Name", "Last Name", "Labels"), google),
    Dialect("Google Contacts", _needs("First Name", "Last Name", "E-mail 1 - Value"), google),
    Dialect("Google Contacts (legacy)", _needs("Name", "Given Name", "Family Name"), google_legacy),
    # Older LinkedIn exports have no URL column: "Connected On" is what only LinkedIn writes.
    Dialect("LinkedIn", _needs("First Name", "Last Name", "Connected On"), linkedin),
    Dialect("Outlook", _needs("First Name", "Last Name", "E-mail Address"), outlook),
)
