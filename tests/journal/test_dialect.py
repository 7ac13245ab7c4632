"""The dialect seam's pure parts: which URLs are servers, and read/'s SQL as psycopg runs it."""

from __future__ import annotations

import pytest

from connect_cli.domain.errors import NotAJournal
from connect_cli.journal.dialect import is_server_url, libpq_url, postgres_sql, sqlalchemy_url
from connect_cli.journal.sqlite import locate_journal


@pytest.mark.parametrize(
    "url",
    ["postgresql://h/d", "postgres://u@h:5433/d", "postgresql+psycopg://h/d", "POSTGRESQL://h/d"],
)
def test_a_postgresql_url_names_a_server_journal(url: str) -> None:
    location = locate_journal(url, environ={})
    assert is_server_url(url)
    assert location.path is None and location.url == url and location.chosen


@pytest.mark.parametrize("url", ["mysql://u:p@h/d", "sqlite:///:memory:", "postgresql:/h/d"])
def test_other_urls_are_refused_or_are_paths(url: str) -> None:
    assert not is_server_url(url)
    if "://" in url:
        with pytest.raises(NotAJournal, match="PostgreSQL server"):
            locate_journal(url, environ={})


def test_the_password_of_a_server_url_is_hidden() -> None:
    location = locate_journal("postgresql://ann:s3cret@db.example:5433/journal", environ={})
    assert location.describe() == "postgresql://ann:***@db.example:5433/journal"


def test_each_library_gets_the_url_it_reads() -> None:
    assert libpq_url("postgresql+psycopg://h/d") == "postgresql://h/d"
    assert libpq_url("postgres://h/d") == "postgresql://h/d"
    assert sqlalchemy_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"


def test_named_parameters_become_psycopg_ones_and_casts_stay() -> None:
    sql = "SELECT x::text FROM t WHERE a = :a AND b LIKE :w0 || '%' AND :since IS NULL"
    assert postgres_sql(sql) == (
        "SELECT x::text FROM t WHERE a = %(a)s AND b LIKE %(w0)s || '%%' AND %(since)s IS NULL"
    )


def test_nocase_ordering_becomes_sqlites_ascii_fold_in_byte_order() -> None:
    sql = "SELECT 1 ORDER BY c.name COLLATE NOCASE, id, c_name collate nocase"
    assert postgres_sql(sql) == (
        'SELECT 1 ORDER BY connect_nocase(c.name) COLLATE "C", id, connect_nocase(c_name) COLLATE "C"'
    )
