"""Reading a contacts CSV as a stream of people, with physical line numbers for every problem.

The file is never loaded whole: rows are read one by one (the caller's single transaction keeps
the import all-or-nothing). `strict` CSV parsing makes a file cut off inside a quoted field an
error instead of one giant last cell.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from connect_cli.domain.incoming import FileProblem, Incoming, IncomingNote
from connect_cli.formats.csv_dialects import PEOPLE_DIALECTS, Columns, Dialect, outlook
from connect_cli.formats.csv_ours import OUR_DIALECTS
from connect_cli.formats.encoding import Encoding

DELIMITERS = (",", ";", "\t")
csv.field_size_limit(1 << 24)  # a long note is fine; the default 128 KiB refuses real exports


@dataclass
class CsvSource:
    dialect: str
    records: Iterator[Incoming | IncomingNote | None]  # None: a row that names nobody


def no_people(path: Path) -> FileProblem:
    return FileProblem(
        f"No people found in {path.name}; is it a contacts export (Google, LinkedIn, Outlook, "
        "vCard or connect's own)?"
    )


HEADER_SHOWN = 6  # columns of an unknown header named in the error


def unknown_header(path: Path, header: Sequence[str]) -> FileProblem:
    """The header matched no dialect: name the columns seen (user text, each cut to 30
    characters, made inert when printed) and the CSVs connect reads, by the columns it knows."""
    names = [" ".join(name.split())[:30] for name in header if name.strip()]
    seen = ", ".join(f'"{name}"' for name in names[:HEADER_SHOWN])
    more = f" and {len(names) - HEADER_SHOWN:,} more" if len(names) > HEADER_SHOWN else ""
    return FileProblem(
        f"No people found in {path.name}: its columns ({seen or 'none'}{more}) are not those of "
        "a CSV connect reads (Google Contacts, LinkedIn's Connections.csv and Outlook, which have "
        '"First Name" and "Last Name", or connect\'s own export, which has "id" and "name"); '
        "export the contacts again as one of those or as a vCard (.vcf) file."
    )


def open_csv(path: Path, encoding: Encoding) -> CsvSource:
    """Recognise the dialect from the header; the rows are read lazily by `records`."""
    handle = path.open(encoding=encoding.name, newline="")
    try:
        lines = iter(handle)
        skipped, header_line = _skip_preamble(lines)
        if header_line is None:
            raise no_people(path)
        reader = csv.reader(
            itertools.chain([header_line], lines), delimiter=_delimiter(header_line), strict=True
        )
        header = _read_header(reader, path, skipped)
        dialect = find_dialect(header)
        if dialect is None:
            raise unknown_header(path, header)
        read_row = dialect.reader(Columns(header))
    except BaseException:
        handle.close()
        raise
    return CsvSource(dialect.name, _rows(handle, reader, read_row, len(header), path, skipped))


def _skip_preamble(lines: Iterator[str]) -> tuple[int, str | None]:
    """LinkedIn puts `Notes:`, a paragraph and a blank line before its header."""
    skipped = 0
    for line in lines:
        if not line.strip():
            skipped += 1
            continue
        if line.strip().strip('"') != "Notes:":
            return skipped, line
        skipped += 1
        for rest in lines:
            skipped += 1
            if not rest.strip():
                break
        return _skip_more(lines, skipped)
    return skipped, None


def _skip_more(lines: Iterator[str], skipped: int) -> tuple[int, str | None]:
    for line in lines:
        if line.strip():
            return skipped, line
        skipped += 1
    return skipped, None


def _delimiter(header_line: str) -> str:
    """Whichever of `,` `;` tab the header uses most (a header never quotes those)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_header(reader: Iterator[list[str]], path: Path, skipped: int) -> list[str]:
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as error:
        raise FileProblem(
            f"{path.name}, line {skipped + 1}: the header cannot be read ({error})."
        ) from None
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FileProblem(
                f"{path.name}, line {skipped + 1}: the column {name[:60]!r} appears twice; "
                "rename or remove one and import again."
            )
        seen.add(name)
    return header


def _rows(handle, reader, read_row, width: int, path: Path, skipped: int):  # type: ignore[no-untyped-def]
    name = path.name
    with handle:
        previous = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _csv_problem(error, path, skipped + previous + 1) from None
            line = skipped + previous + 1
            previous = reader.line_num
            if len(row) < width:
                row += [""] * (width - len(row))  # dialects then read any column by index
            elif len(row) > width and any(cell.strip() for cell in row[width:]):
                raise FileProblem(
                    f"{path.name}, line {line}: {len(row)} fields but the header has {width}; "
                    "check the quoting on that line."
                )
            if any(row):
                yield read_row(row, f"{name}, line {line}")


def _csv_problem(error: csv.Error, path: Path, line: int) -> FileProblem:
    if "end of data" in str(error):
        return FileProblem(
            f"{path.name}, line {line}: the file ends inside a quoted field; it looks cut short "
            "(was the export interrupted?). Nothing was imported."
        )
    return FileProblem(f"{path.name}, line {line}: the CSV cannot be read there ({error}).")


def find_dialect(header: Sequence[str]) -> Dialect | None:
    names = {h.strip() for h in header}
    for dialect in PEOPLE_DIALECTS:
        if dialect.required <= names:
            return dialect
    lowered = {n.lower() for n in names}
    for dialect in OUR_DIALECTS:
        if dialect.required <= lowered:
            return dialect
    return _localised_outlook(header)


def _localised_outlook(header: Sequence[str]) -> Dialect | None:
    """Outlook in German, French, Spanish, Italian, Dutch or Portuguese (outlook_headers.py)."""
    from connect_cli.formats.outlook_headers import outlook_language

    found = outlook_language(header)
    if found is None:
        return None
    language, english = found
    # the reader gets the header in English; its dates are written day first
    return Dialect(
        f"Outlook ({language})", frozenset(), lambda _cols: outlook(Columns(english), True)
    )
