"""API keys: made by `assistant api-key create`, stored only as hashes beside the feedback file, revocable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant import cli
from assistant.api.keys import KeyStore, KeyStoreError, keys_path
from assistant.settings import Settings


def test_a_created_key_is_stored_only_as_its_hash_and_can_be_revoked(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite")
    key = store.create("intranatet")
    assert store.name_of(key) == "intranatet"
    assert store.name_of(key + "x") is None
    raw = sqlite3.connect(tmp_path / "keys.sqlite").execute("SELECT * FROM api_keys").fetchall()
    assert key not in repr(raw)
    assert store.revoke("intranatet") == 1
    assert store.name_of(key) is None
    assert not store.any_active()
    assert store.all()[0].revoked


def test_two_active_keys_cannot_share_a_name(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys.sqlite")
    store.create("chatten")
    with pytest.raises(KeyStoreError, match="redan en aktiv nyckel"):
        store.create("chatten")
    store.revoke("chatten")
    assert store.create("chatten") != ""  # a revoked name can be used again


def test_the_cli_creates_lists_and_revokes_keys_beside_the_feedback_file(capsys) -> None:
    assert cli.main(["api-key", "create", "intranatet"]) == 0
    key = capsys.readouterr().out.splitlines()[1]
    store = KeyStore(keys_path(Settings.load()))
    assert keys_path(Settings.load()).parent == Path(Settings.load().feedback_db).parent
    assert store.name_of(key) == "intranatet"
    assert cli.main(["api-key", "list"]) == 0
    listed = capsys.readouterr().out
    assert "intranatet" in listed and "aktiv" in listed and key not in listed
    assert cli.main(["api-key", "revoke", "intranatet"]) == 0
    assert store.name_of(key) is None
    assert cli.main(["api-key", "revoke", "intranatet"]) == 1
    assert "Ingen aktiv nyckel" in capsys.readouterr().out
