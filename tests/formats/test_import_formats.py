"""The pure pieces of import: encodings, CSV positions, vCard lines, labels and dates."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.domain.errors import InputError
from connect_cli.domain.incoming import FileProblem, channel_label, read_month_day
from connect_cli.formats.csv_dialects import linkedin_day, outlook_birthday
from connect_cli.formats.csv_import import open_csv
from connect_cli.formats.encoding import detect_encoding
from connect_cli.formats.vcard_lines import logical_lines, read_cards, split_unescaped


@pytest.mark.parametrize(
    ("data", "name", "guessed"),
    [
        (codecs.BOM_UTF8 + "Zoë".encode(), "utf-8-sig", False),
        ("Zoë".encode(), "utf-8-sig", False),
        ("Zoë".encode("utf-16"), "utf-16", False),
        (codecs.BOM_UTF16_BE + "Zoë".encode("utf-16-be"), "utf-16", False),
        ("Zoë, café, 5€".encode("cp1252"), "cp1252", True),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, name: str, guessed: bool) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    found = detect_encoding(path)
    assert (found.name, found.guessed) == (name, guessed)


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x81\x8d", "Name\n".encode("utf-16-le")])
def test_binary_and_bomless_utf16_are_refused_with_a_hint(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="--encoding"):
        detect_encoding(path)


def test_a_given_encoding_must_exist_and_fit(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("Zoë".encode("cp1252"))
    with pytest.raises(InputError, match="not an encoding I know"):
        detect_encoding(path, "klingon")
    with pytest.raises(InputError, match="cannot be read as utf-8"):
        detect_encoding(path, "utf-8")
    assert detect_encoding(path, "latin-1").name == "iso8859-1"


def rows_of(tmp_path: Path, text: str) -> list[tuple[str | None, str]]:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8", newline="")
    source = open_csv(path, detect_encoding(path))
    return [(r.draft.name, r.where) for r in source.records if r is not None]  # type: ignore[union-attr]


def test_positions_are_physical_lines_even_after_multiline_cells(tmp_path: Path) -> None:
    text = (
        'First Name\tLast Name\tLabels\tNotes\r\nAna\tRuiz\t\t"two\r\nlines"\r\n\r\nBo\tLi\t\t\r\n'
    )
    assert rows_of(tmp_path, text) == [("Ana Ruiz", "c.csv, line 2"), ("Bo Li", "c.csv, line 5")]


def test_linkedin_preamble_lines_count(tmp_path: Path) -> None:
    text = (
        'Notes:\n"Some, text"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,'
        "Connected On\nAda,Lovelace,,,,,05 Oct 2020\n"
    )
    assert rows_of(tmp_path, text) == [("Ada Lovelace", "c.csv, line 5")]


def test_a_row_naming_nobody_is_skipped_not_an_error(tmp_path: Path) -> None:
    text = "First Name,Last Name,Labels,E-mail 1 - Value\n,,* myContacts,\nAna,Ruiz,,\n"
    assert rows_of(tmp_path, text) == [("Ana Ruiz", "c.csv, line 3")]


def test_a_row_with_only_an_email_is_named_by_it(tmp_path: Path) -> None:
    text = "First Name,Last Name,Labels,E-mail 1 - Value\n,,,lonely@example.com\nAna,Ruiz,,\n"
    assert rows_of(tmp_path, text)[0] == ("lonely@example.com", "c.csv, line 2")


def test_vcard_lines_unfold_and_join_quoted_printable_soft_breaks() -> None:
    text = "A:one\r\n two\r\n\tthree\r\nB;ENCODING=QUOTED-PRINTABLE:caf=\r\n=C3=A9\r\nC:x="
    assert list(logical_lines(text)) == [
        (1, "A:onetwothree"), (4, "B;ENCODING=QUOTED-PRINTABLE:caf=C3=A9"), (6, "C:x="),
    ]  # fmt: skip
    card = next(read_cards("BEGIN:VCARD\n" + text.replace("C:x=", "END:VCARD"), "f.vcf"))
    assert card.properties[1].raw == "café"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("END:VCARD\n", "line 1: END:VCARD without a BEGIN:VCARD"),
        ("hello\n", "line 1: text outside any card"),
        (
            "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
            "card 1 (line 1): the card has no END",
        ),
        ("BEGIN:VCARD\nno colon here\nEND:VCARD\n", "card 1 (line 2): a line without ':'"),
    ],
)
def test_broken_vcards_name_their_position(text: str, says: str) -> None:
    with pytest.raises(FileProblem, match=f"f.vcf, {says}".replace("(", r"\(").replace(")", r"\)")):
        list(read_cards(text, "f.vcf"))


def _escape(part: str) -> str:
    return part.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


@given(st.lists(st.text(alphabet="ab,;\\\n ", max_size=6), min_size=1, max_size=4))
def test_split_unescaped_gives_back_every_part(parts: list[str]) -> None:
    assert split_unescaped(",".join(_escape(p) for p in parts), ",") == parts


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (("CELL", "VOICE", "pref"), "mobile"), (("_$!<Work>!$_",), "work"), (("* Home",), "home"),
        (("INTERNET", "pref"), None), (("x-custom",), None), (("Studio",), "studio"),
        (("", "iPhone"), "mobile"),
    ],
)  # fmt: skip
def test_channel_labels(labels: tuple[str, ...], expected: str | None) -> None:
    assert channel_label(*labels) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4/15/1980", "1980-04-15"),
        ("0/0/00", None),
        ("12/31/1600", "--12-31"),
        ("sometime", "sometime"),
    ],
)
def test_outlook_birthdays(raw: str, expected: str | None) -> None:
    assert outlook_birthday(raw) == expected


def test_linkedin_days_and_birthday_spellings() -> None:
    assert str(linkedin_day("05 Oct 2020")) == "2020-10-05" and linkedin_day("soon") is None
    assert read_month_day("2023-02-29") is None and read_month_day("circa 1800") is None
    assert read_month_day("--0415") == read_month_day("--04-15") == read_month_day("04-15")
    assert read_month_day("19850415") == read_month_day("1985-04-15")
