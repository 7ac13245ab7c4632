"""`export --excel` (issue 14, item 24): a CSV a spreadsheet program opens with "Zoë" intact."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Run


def test_excel_csv_has_a_byte_order_mark_and_crlf_and_keeps_zoe(ok: Run, tmp_path: Path) -> None:
    ok("add", "Zoë Ærø", "-c", "Café Ünïcode", "--note", "Smörgåsbord, then coffee")
    for what in ("contacts", "notes"):
        target = tmp_path / f"{what}.csv"
        result = ok("export", "--excel", "--what", what, "-o", str(target))
        assert "Exported 1 " in result.stdout
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"\xef\xbb\xbf")
        assert "Zoë Ærø".encode() in data  # UTF-8, the way the mark says
        lines = data.split(b"\n")[:-1]
        assert lines and all(line.endswith(b"\r") for line in lines)
        assert data.decode("utf-8-sig").splitlines()[0].startswith(("id,name", "date,time"))
    # connect reads its own spreadsheet CSV back (a BOM is read as is).
    dry = ok("import", str(tmp_path / "contacts.csv"), "--dry-run")
    assert "Zoë Ærø" in dry.stdout


def test_without_excel_there_is_no_byte_order_mark(ok: Run) -> None:
    ok("add", "Zoë Ærø")
    out = ok("export", "--what", "contacts").stdout
    assert not out.startswith("\ufeff") and "Zoë Ærø" in out
    assert ok("export", "--what", "contacts", "--excel").stdout.startswith("\ufeffid,name")


def test_excel_is_for_csv_only(run: Run) -> None:
    run("add", "Ann")
    result = run("export", "--format", "json", "--excel")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: --excel applies to --format csv only.")
