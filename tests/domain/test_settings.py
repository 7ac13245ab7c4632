"""Typed settings: one set of names, defaults and bounds for `config` and the options of `today`."""

from __future__ import annotations

import pytest

from connect_cli.domain.errors import InputError
from connect_cli.domain.settings import HORIZON_RANGE, LIMIT_RANGE, SETTINGS, Settings, typed
from tests.conftest import Run


def test_an_empty_journal_has_the_defaults() -> None:
    assert typed({}) == Settings(every_days=90, limit=5, horizon=7)


def test_never_means_no_rhythm() -> None:
    assert typed({"every": "never", "limit": "12"}) == Settings(None, 12, 7)


@pytest.mark.parametrize(("key", "bounds"), [("limit", LIMIT_RANGE), ("horizon", HORIZON_RANGE)])
def test_config_and_today_share_the_bounds(run: Run, key: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    assert SETTINGS[key].normalise(str(high)) == str(high)
    with pytest.raises(InputError):
        SETTINGS[key].normalise(str(high + 1))
    refused = run("config", key, "--", str(low - 1))
    assert refused.exit_code == 1 and f"from {low} to {high}" in refused.stderr
    option = run("today", f"--{key}", str(high + 1))
    assert option.exit_code == 1 and f"--{key} must be a whole number from {low} to {high}" in (
        option.stderr
    )


def test_a_stored_setting_is_what_today_uses(ok: Run) -> None:
    ok("config", "limit", "1")
    for name in ("Ann Lee", "Bob Stone"):
        ok("add", name, "--every", "1w", "--met-on", "2026-01-01")
    assert len(ok("today", "--json").json()["reconnect"]) == 1
