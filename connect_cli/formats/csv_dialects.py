"""The CSV exports we read, recognised by their header, and how each row becomes a person.

A dialect turns a header into a `row -> Incoming` function once (column positions looked up a
single time), so a 100k-row file costs a few dict lookups per row.

Google labels: `* myContacts`, `* My Contacts`, `* Other Contacts`… are Google's own system groups
and are dropped; `* starred` is kept as the tag `starred` (the user chose it). Every other label is
a tag, lower-cased like tags typed with `--tag`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter

from connect_cli.folding import has_cjk, ordered_name
from connect_cli.formats.incoming import Incoming, PersonBuilder, channel_label
from connect_cli.matching import fold

RowReader = Callable[[Sequence[str], str], Incoming | None]

_MULTI = " ::: "  # Google joins several values (labels, emails in one cell) with this
_NUMBERED = re.compile(r"^(E-mail|Phone|Website|Address|Relation|Event|Organization) (\d+) - (.+)$")


class Columns:
    """Positions of the header's columns, by exact name."""

    def __init__(self, header: Sequence[str]) -> None:
        self.index = {name.strip(): k for k, name in enumerate(header) if name.strip()}
        numbered: dict[tuple[str, int], dict[str, int]] = {}
        for name, k in self.index.items():
            if m := _NUMBERED.match(name):
                numbered.setdefault((m[1], int(m[2])), {})[m[3]] = k
        self._groups: dict[str, list[dict[str, int]]] = {}
        for (kind, _n), cols in sorted(numbered.items()):
            self._groups.setdefault(kind, []).append(cols)
        self.has_relations_or_events = bool(self.groups("Relation") or self.groups("Event"))

    def getter(self, name: str) -> Callable[[Sequence[str]], str]:
        """Rows reach the dialects padded to the header's width (csv_import), so a column is
        just an index."""
        k = self.index.get(name)
        if k is None:
            return lambda row: ""
        return itemgetter(k)

    def groups(self, what: str) -> list[dict[str, int]]:
        """`E-mail 1 - …`, `E-mail 2 - …`: each numbered group's columns, in order."""
        return self._groups.get(what, [])


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
        if label.startswith("*"):
            if _is_starred(label):  # the same few system labels on every row: folded once
                b.tag("starred")
            continue  # myContacts, Other Contacts…: Google's bookkeeping, not the user's
        b.tag(label)


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


AddressColumns = list[tuple[list[int], int | None]]  # (city/region/country columns, formatted)


def address_columns(cols: Columns) -> AddressColumns:
    return [
        ([k for key in ("City", "Region", "Country") if (k := group.get(key)) is not None],
         group.get("Formatted"))
        for group in cols.groups("Address")
    ]  # fmt: skip


def _addresses(b: PersonBuilder, row: Sequence[str], columns: AddressColumns) -> None:
    for parts_at, formatted_at in columns:
        place = ", ".join(part for k in parts_at if (part := row[k].strip()))
        if place:
            b.scalar("location", place)
        elif formatted := _cell(row, formatted_at).strip():
            b.fact(f"address: {' '.join(formatted.split())}")


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


def _full_name(given: str, middle: str, family: str) -> str:
    """The name in its own order: family name first for Chinese, Japanese, Korean (folding.py)."""
    return ordered_name(given, family, middle)


def _in_column_order(first: str, last: str) -> str:
    """LinkedIn's two name cells in the file's order, as before issue #15 (which asks for the
    family-first rule in Google, vCard and Outlook only; our LinkedIn samples hold 王 | 小明)."""
    words = [p.strip() for p in (first, last) if p.strip()]
    return ("" if words and all(has_cjk(w) and " " not in w for w in words) else " ").join(words)


def _phonetic(b: PersonBuilder, given: str, middle: str, family: str) -> None:
    """A name's reading from the file (Google's phonetic / yomi columns) is another name WHO and
    search know the person by: Yamada Taro for 山田太郎."""
    b.nickname(ordered_name(given, family, middle))


def google(cols: Columns) -> RowReader:
    first, middle, last = (cols.getter(n) for n in ("First Name", "Middle Name", "Last Name"))
    nickname, file_as = cols.getter("Nickname"), cols.getter("File As")
    phonetic = [cols.getter(f"Phonetic {n} Name") for n in ("First", "Middle", "Last")]
    company, title = cols.getter("Organization Name"), cols.getter("Organization Title")
    dept, birthday = cols.getter("Organization Department"), cols.getter("Birthday")
    notes, labels = cols.getter("Notes"), cols.getter("Labels")
    channels, addresses = channel_columns(cols, "Label"), address_columns(cols)

    def read(row: Sequence[str], where: str) -> Incoming | None:
        b = PersonBuilder(where)
        b.name(_full_name(first(row), middle(row), last(row)) or file_as(row))
        b.nickname(nickname(row))
        _phonetic(b, *(get(row) for get in phonetic))
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
        return b.build()

    return read


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
        b.name(name(row) or _full_name(given(row), additional(row), family(row)))
        b.nickname(nickname(row))
        _phonetic(b, *(get(row) for get in yomi))
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
        b.name(_in_column_order(first(row), last(row)))
        b.channel("email", email(row))
        b.channel("url", url(row), "linkedin")
        b.scalar("company", company(row))
        b.scalar("title", position(row))
        b.scalar("met_at", "LinkedIn")
        day = linkedin_day(connected(row)) if connected(row).strip() else None
        if day is None and connected(row).strip():
            b.fact(f"connected on LinkedIn: {connected(row).strip()}")
        b.met_on(day)
        return b.build()

    return read


def outlook_birthday(text: str) -> str | None:
    """Outlook writes `4/15/1980`; `0/0/00` (and `1/1/1601`-style blanks) mean no birthday."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\s*", text)
    if not m:
        return text
    month, day, year = (int(g) for g in m.groups())
    if month == 0 or day == 0:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year >= 1700 else f"--{month:02d}-{day:02d}"


_OUTLOOK_PHONES = (
    ("Mobile Phone", "mobile"), ("Business Phone", "work"), ("Business Phone 2", "work"),
    ("Home Phone", "home"), ("Home Phone 2", "home"), ("Other Phone", "other"),
    ("Primary Phone", None), ("Company Main Phone", "work"), ("Business Fax", "work fax"),
)  # fmt: skip


def outlook(cols: Columns) -> RowReader:
    first, middle, last = (cols.getter(n) for n in ("First Name", "Middle Name", "Last Name"))
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
        b.name(_full_name(first(row), middle(row), last(row)))
        b.nickname(nickname(row))
        b.scalar("company", company(row))
        b.scalar("title", job(row))
        if dept(row).strip():
            b.fact(f"department: {dept(row).strip()}")
        b.birthday(outlook_birthday(birthday(row)))
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
        return b.build()

    return read


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
    Dialect("LinkedIn", _needs("First Name", "Last Name", "URL", "Connected On"), linkedin),
    Dialect("Outlook", _needs("First Name", "Last Name", "E-mail Address"), outlook),
)


def find_dialect(header: Sequence[str]) -> Dialect | None:
    names = {h.strip() for h in header}
    for dialect in PEOPLE_DIALECTS:
        if dialect.required <= names:
            return dialect
    from connect_cli.formats.csv_ours import OUR_DIALECTS

    lowered = {n.lower() for n in names}
    for dialect in OUR_DIALECTS:
        if dialect.required <= lowered:
            return dialect
    return None
