"""The suite's own rules (tests/conftest.py), proved on a small suite of their own (pytester).

Issue #19: the whole suite runs on a server too, and only tests of truly file-only behaviour are
skipped there, each with its reason. A test handed the journal's file that does not say why is an
error on every run, SQLite included, so it cannot pass here and silently skip on a server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
INI = """
[pytest]
addopts = -p no:cacheprovider --strict-markers
markers =
    sqlite_only(reason): a test of SQLite journal files only
"""

UNEXPLAINED = """
def test_reads_the_file(journal_file):
    assert journal_file.name == "connect.db"
"""

EXPLAINED = """
import pytest

@pytest.mark.sqlite_only(reason="file modes: a server database has no file")
def test_reads_the_file(journal_file):
    assert journal_file.name == "connect.db"

def test_on_both(private_journal):
    assert private_journal
"""


@pytest.fixture
def small_suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.delenv("CONNECT_TEST_JOURNAL", raising=False)
    pytester.makeconftest(CONFTEST)
    pytester.makeini(INI)
    return pytester


def test_a_test_using_the_journal_file_without_a_reason_is_an_error_on_sqlite(
    small_suite: pytest.Pytester,
) -> None:
    small_suite.makepyfile(test_one=UNEXPLAINED)
    result = small_suite.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*do not say why they cannot run on a server*test_reads_the_file*"])


def test_a_test_that_says_why_runs_on_sqlite(small_suite: pytest.Pytester) -> None:
    small_suite.makepyfile(test_one=EXPLAINED)
    small_suite.runpytest().assert_outcomes(passed=2)


def test_on_a_server_it_is_skipped_with_its_own_reason(
    small_suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONNECT_TEST_JOURNAL", "postgresql")
    monkeypatch.setenv("CONNECT_TEST_PG_URL", "postgresql://nobody@127.0.0.1:1/none")
    small_suite.makepyfile(test_one=EXPLAINED.replace("def test_on_both", "def _not_collected"))
    result = small_suite.runpytest("-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*SQLite only: file modes: a server database has no file*"])
