"""The mail reader's fast address pattern agrees with the standard library's full parser."""

from __future__ import annotations

from email.utils import getaddresses

from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.formats.mail_import import _simple

PIECES = st.sampled_from(["a", "Bo", "Ruíz", " ", "@", ".", "<", ">", ",", "x@y.z", "Ann <a@b.c>"])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_fast_path_reads_what_getaddresses_reads(value: str) -> None:
    fast = _simple([value])
    if fast is None:
        return  # left to getaddresses
    full = [(" ".join(n.split()), a) for n, a in getaddresses([value]) if "@" in a]
    assert [(" ".join(n.split()), a) for n, a in fast if "@" in a] == full
