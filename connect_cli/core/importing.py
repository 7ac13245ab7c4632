"""`connect import FILE`: recognise the file, then add or merge everyone in ONE transaction.

All or nothing: readers are lazy, the writer runs inside `write_session`, and the first problem
anywhere (a broken card, a line cut mid-quote) raises before the commit, so nothing is added.
`--dry-run` runs exactly the same import and rolls it back, so its counts are the real ones.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from connect_cli.domain.bulk import cycle_collector_paused
from connect_cli.domain.errors import InputError
from connect_cli.domain.incoming import FileProblem, Incoming, IncomingNote
from connect_cli.formats.encoding import Encoding, detect_encoding
from connect_cli.journal.sqlite import JournalLocation, find_journal

if TYPE_CHECKING:
    from connect_cli.write.bulk import Tally
    from connect_cli.write.json_restore import JournalRestored
    from connect_cli.write.session import Session

FORMATS = ("auto", "csv", "google", "linkedin", "outlook", "vcard", "json")
_CSV_FORMATS = {"google": "Google", "linkedin": "LinkedIn", "outlook": "Outlook"}

Progress = Callable[[int], None]
PREFETCH = 1_000  # records matched together, so merges load their people in a few queries


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    format: str = "auto"
    encoding: str | None = None
    dry_run: bool = False
    tags: list[str] = field(default_factory=list)
    every_days: int | None = None


@dataclass
class ImportReport:
    file: str
    format: str  # "Google Contacts", "vCard", "connect JSON"…
    encoding: str | None  # said only when worth saying (a guessed legacy encoding, UTF-16)
    dry_run: bool
    tally: Tally | JournalRestored  # JournalRestored for our own JSON
    encoding_guessed: bool = False  # a legacy 8-bit encoding chosen by us: worth a hint


def import_request(
    path: Path,
    format: str = "auto",
    *,
    encoding: str | None = None,
    dry_run: bool = False,
    tags: list[str] | None = None,
    every: str | None = None,
) -> ImportRequest:
    """An import as typed: `--tag` values checked and folded to lower case (each once), `--every`
    parsed as a rhythm (domain/rhythms.py)."""
    from connect_cli.domain.drafts import MAX_NAME, clean_text
    from connect_cli.domain.rhythms import parse_rhythm

    return ImportRequest(
        path=path,
        format=format,
        encoding=encoding,
        dry_run=dry_run,
        tags=list(dict.fromkeys(clean_text(t, "tag", MAX_NAME).lower() for t in tags or [])),
        every_days=parse_rhythm(every) if every is not None else None,
    )


def import_file(
    location: JournalLocation,
    request: ImportRequest,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    path = request.path
    if request.format not in FORMATS:
        raise InputError(
            f"Unknown format {request.format[:20]!r}; use one of {', '.join(FORMATS)}."
        )
    if path.is_dir():
        raise InputError(f"{str(path)[:200]!r} is a folder; give the file to import.")
    if not path.is_file():
        raise InputError(f"There is no file {str(path)[:200]!r}; check the path.")
    unfold = _vcard_unfolding(path)
    encoding = detect_encoding(path, request.encoding, unfold)
    kind = _kind_of(path, encoding, request.format)
    if kind == "json":
        if request.tags or request.every_days is not None:
            raise InputError(
                "A connect JSON export is restored exactly as it was; leave out --tag and --every."
            )

        def restore(session: Session) -> ImportReport:
            from connect_cli.write.json_restore import restore_journal_json

            restored = restore_journal_json(session, path, encoding)
            return ImportReport(path.name, "connect JSON", None, request.dry_run, restored)

        return _maybe_dry(location, request, restore)
    return _maybe_dry(
        location, request, lambda s: _import_people(s, request, encoding, kind, today, progress)
    )


def _maybe_dry(
    location: JournalLocation, request: ImportRequest, work: Callable[[Session], ImportReport]
) -> ImportReport:
    """Run the import in one transaction: committed, or rolled back for --dry-run."""
    from connect_cli.write.session import write_session

    with _journal_for(location, request.dry_run) as target, cycle_collector_paused():
        with write_session(target, create=True, commit=not request.dry_run) as session:
            report = work(session)
    report.dry_run = request.dry_run
    return report


@contextmanager
def _journal_for(location: JournalLocation, dry_run: bool) -> Iterator[JournalLocation]:
    """A dry run against a journal that does not exist yet uses a throwaway one (creates nothing):
    no file at a SQLite path, no schema in an empty server database.

    The journal's path is checked all the same: a dry run refuses what the import would refuse.
    """
    if not dry_run or _journal_exists(location):
        yield location
        return
    with tempfile.TemporaryDirectory(prefix="connect-dry-run-") as folder:
        scratch = Path(folder) / "connect.db"
        yield JournalLocation(url=f"sqlite:///{scratch}", path=scratch)


def _journal_exists(location: JournalLocation) -> bool:
    """Whether the import's journal is there (or, on a server, whether its database holds any
    table: a database of someone else's is refused by the import itself, dry run or not)."""
    if location.path is None:
        from connect_cli.journal.postgres import server_database_is_empty

        return not server_database_is_empty(location)
    return find_journal(location, create=True)


def _vcard_unfolding(path: Path):  # type: ignore[no-untyped-def]
    """For a vCard in an 8-bit-based encoding, how to join its folded lines before judging its
    encoding (UTF-16 is decoded first, and then unfolded as text)."""
    with path.open("rb") as handle:
        head = handle.read(64).removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if head[:11].upper() != b"BEGIN:VCARD":
        return None
    from connect_cli.formats.vcard_lines import unfold_bytes

    return unfold_bytes


def _kind_of(path: Path, encoding: Encoding, wanted: str) -> str:
    """vCard by BEGIN:VCARD, our JSON by its "format" key, CSV otherwise (or as --format says)."""
    # errors="replace": a vCard is valid only once unfolded, and only the head's start matters
    with path.open(encoding=encoding.name, errors="replace", newline="") as handle:
        head = handle.read(4096).lstrip("\ufeff \t\r\n")
    sniffed = (
        "vcard" if head[:11].upper() == "BEGIN:VCARD"
        else "json" if head.startswith("{") and '"connect-journal"' in head
        else "csv"
    )  # fmt: skip
    if wanted == "auto":
        if sniffed == "csv" and head.startswith(("{", "[")):
            raise InputError(
                f"{path.name} is JSON but not a connect export; import contacts from CSV or vCard."
            )
        return sniffed
    expected = "csv" if wanted in _CSV_FORMATS else wanted
    if expected != sniffed:
        raise InputError(
            f"{path.name} does not look like {wanted} (it reads as {sniffed}); "
            "leave out --format to let connect recognise it."
        )
    return wanted


def _import_people(session, request: ImportRequest, encoding: Encoding, kind: str,  # type: ignore[no-untyped-def]
                   today: date, progress: Progress | None) -> ImportReport:  # fmt: skip
    from connect_cli.domain.incoming import Remark
    from connect_cli.write.bulk import PeopleWriter
    from connect_cli.write.import_notes import NotesWriter

    label, records = _records(request.path, encoding, kind)
    people = PeopleWriter(session, tags=request.tags, every_days=request.every_days)
    notes: NotesWriter | None = None
    count = 0
    for chunk in _chunks(records, PREFETCH):
        people.prefetch([r.draft for r in chunk if isinstance(r, Incoming)])
        for record in chunk:
            count += 1
            if isinstance(record, Incoming):
                _check_met_on(record, today)
                people.take_record(record)
            elif isinstance(record, IncomingNote):
                notes = notes or NotesWriter(people, today=today)
                notes.take(record)
            elif isinstance(record, Remark):
                people.tally.remark(record)
            else:
                people.tally.skipped.count += 1
            if progress is not None and count % 1000 == 0:
                progress(count)
    people.finish(today)
    tally = people.tally
    if tally.people == 0 and tally.interactions + tally.interactions_known == 0:
        from connect_cli.formats.csv_import import no_people

        raise no_people(request.path)
    said = request.encoding is None and encoding.name != "utf-8-sig"
    shown = encoding.describe() if said else None
    return ImportReport(request.path.name, label, shown, request.dry_run, tally, encoding.guessed)


def _chunks(records: Iterator[object], size: int) -> Iterator[list[object]]:
    """Records a thousand at a time, still streamed (the file is never read whole)."""
    chunk: list[object] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _records(path: Path, encoding: Encoding, kind: str):  # type: ignore[no-untyped-def]
    if kind == "vcard":
        from connect_cli.formats.vcard_import import read_vcards

        data = path.read_bytes()
        if not _ascii_based(encoding.name):  # UTF-16: decoded whole, then unfolded as text
            return "vCard", read_vcards(data.decode(encoding.name), path.name)
        return "vCard", read_vcards(data, path.name, encoding.name)
    from connect_cli.formats.csv_import import open_csv

    source = open_csv(path, encoding)
    if kind in _CSV_FORMATS and not source.dialect.startswith(_CSV_FORMATS[kind]):
        raise InputError(
            f"{path.name} is a {source.dialect} CSV, not {_CSV_FORMATS[kind]}; "
            "leave out --format to let connect recognise it."
        )
    return source.dialect, source.records


def _ascii_based(encoding: str) -> bool:
    try:
        return b"BEGIN:VCARD".decode(encoding) == "BEGIN:VCARD"
    except UnicodeDecodeError:
        return False


def _check_met_on(record: Incoming, today: date) -> None:
    met_on = record.draft.met_on
    if met_on is not None and met_on > today:
        raise FileProblem(f"{record.where}: the day you met ({met_on}) is in the future.")
