"""Tests for .streamlit/config.toml: the app listens on this machine only and shows no error details."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_app_listens_on_localhost_only_by_default() -> None:
    assert _config()["server"]["address"] == "127.0.0.1"


def test_the_browser_gets_no_exception_details() -> None:
    # "none": a generic message only. false would mean "stacktrace" (tracebacks with server paths).
    assert _config()["client"]["showErrorDetails"] == "none"


def test_streamlit_reads_the_values_as_valid_options() -> None:
    from streamlit import config

    config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert config.get_option("client.showErrorDetails") == "none"
    finally:
        config.get_config_options(force_reparse=True)
