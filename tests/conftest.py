"""Shared fixtures: an isolated environment, a tiny Swedish corpus and a fake embedder."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

# Set before any test module imports huggingface_hub / sentence-transformers (module-scoped fixtures
# run before the function-scoped autouse fixture below).
os.environ["HF_HUB_OFFLINE"] = "1"

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from assistant.settings import SETTINGS  # noqa: E402
from assistant.text.folding import fold  # noqa: E402

# File names of the tiny corpus (the PDF is deliberately not in the manifest).
TXT_NAME = "hemsjukvard-i-kommunen-2021.txt"
MD_NAME = "rehabilitering-fardplan-2023.md"
PDF_NAME = "digital-vard-sormland-2024.pdf"

TXT_TEXT = (
    "Hemsjukvård i kommunen\n"
    "\n"
    "Hemsjukvården ska ge trygg vård i hemmet för äldre\n"
    "personer med stora behov. Ansvaret delas mellan regionen och kom-\n"
    "munen enligt ett avtal från 2019.\n"
    "Sam\u00adordningen av insatser sker med en samordnad individuell\n"
    "plan när fler än en huvudman är inblandad.\n"
    "\n"
    "3\n"
    "\n"
    "Avtalet omfattar 120\u00a0patienter i Eskilstuna och Katrineholm som\n"
    "får läkarbesök i hemmet varje månad.\n"
    "\f"
    "Uppföljning\n"
    "\n"
    "Distriktssköterskorna följer upp hemsjukvården två gånger per år och\n"
    "rapporterar avvikelser till nämnden.\n"
)

MD_TEXT = (
    "# Rehabilitering i Sörmland\n"
    "\n"
    "Färdplanen beskriver hur rehabiliteringen flyttar närmare invånarna.\n"
    "\n"
    "## Mål och syfte\n"
    "\n"
    "Målet är att fysioterapeuter och arbetsterapeuter arbetar tillsammans\n"
    "i teamet runt patienten.\n"
    "\n"
    "## Insatser\n"
    "\n"
    "Insats\tAnsvar\tTid\n"
    "Fysioterapi i hemmet\tKommunen\t2024\n"
    "Arbetsterapi på vårdcentral\tRegionen\t2025\n"
)

PDF_PAGES = (
    "Sjukvården i Sörmland erbjuder digitala vårdmöten.\nÄldre patienter får stöd via videobesök.",
    "Videobesöken ökar på vårdcentralerna i länet.",
)
PDF_TITLE = "Digital vård i Sörmland"
PDF_AUTHOR = "Region Sörmland"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own index folder and feedback file, no config file and an offline Hugging Face hub.

    Every setting whose default lies in the repository (index, feedback file) points at a temporary path,
    so no test can touch the repository's index/ or feedback.sqlite (tests/test_settings.py checks it).
    """
    for setting in SETTINGS:
        monkeypatch.delenv(f"ASSISTANT_{setting.name.upper()}", raising=False)
    index_dir = tmp_path_factory.mktemp("index")
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("ASSISTANT_FEEDBACK_DB", str(tmp_path_factory.mktemp("feedback") / "feedback.sqlite"))
    monkeypatch.setenv("ASSISTANT_CONFIG_FILE", str(index_dir.parent / "does-not-exist" / "assistant.toml"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return index_dir


def find_ttf_font() -> Path | None:
    """A Unicode TrueType font on this machine (system fonts first, then any bundled in site-packages)."""
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        if folder.is_dir():
            candidates += sorted(folder.rglob("*.ttf"))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    for entry in sys.path:
        root = Path(entry)
        if root.is_dir() and root.name == "site-packages":
            for found in sorted(root.rglob("*.ttf")):
                return found
    return None


def write_pdf(path: Path, pages: Sequence[str], title: str = "", author: str = "") -> Path:
    """Write a PDF with one page per text, in a Unicode font so å/ä/ö survive."""
    from fpdf import FPDF

    font = find_ttf_font()
    if font is None:
        pytest.skip("No .ttf font found on the machine or in site-packages; cannot write a Swedish PDF")
    pdf = FPDF()
    pdf.add_font("Unicode", fname=str(font))
    pdf.set_font("Unicode", size=12)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, page)
    pdf.output(str(path))
    return path


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A corpus folder with a .txt and a .md in the manifest and an unlisted two-page PDF."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / TXT_NAME).write_text(TXT_TEXT, encoding="utf-8")
    (corpus / MD_NAME).write_text(MD_TEXT, encoding="utf-8")
    write_pdf(corpus / PDF_NAME, PDF_PAGES, title=PDF_TITLE, author=PDF_AUTHOR)
    manifest = {
        "documents": [
            {
                "doc_id": "hemsjukvard-2021",
                "file": TXT_NAME,
                "title": "Hemsjukvård i kommunen",
                "publisher": "Kommunen",
                "date": "2021-05-01",
                "kind": "rapport",
            },
            {
                "doc_id": "rehab-fardplan-2023",
                "file": MD_NAME,
                "title": "Färdplan för rehabilitering",
                "publisher": "Region Sörmland",
                "date": "2023",
                "kind": "färdplan",
            },
        ]
    }
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return corpus


class FakeEmbedder:
    """Deterministic bag-of-words embedder: folded word tokens hashed into 64 dimensions."""

    name = "fake-hash-embedder"
    dimensions = 64

    def __init__(self) -> None:
        self.passage_calls = 0
        self.passages_embedded = 0
        self.query_calls = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for token in re.findall(r"\w+", fold(text)):
            digest = hashlib.sha1(token.encode("utf-8")).digest()
            vector[digest[0] % self.dimensions] += 1.0 if digest[1] % 2 else -1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0
            return vector
        return vector / norm

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passage_calls += 1
        self.passages_embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.vstack([self._vector(t) for t in texts]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.query_calls += 1
        return self._vector(text)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def app_env(tiny_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app (and Settings.load()) pointed at the tiny corpus, a fake embedder and its own feedback file."""
    from assistant.index import embedders

    monkeypatch.setitem(embedders._REGISTRY, "test-fake", lambda _argument: FakeEmbedder())
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tiny_corpus))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "test-fake")
    feedback_db = tmp_path / "feedback" / "feedback.sqlite"
    monkeypatch.setenv("ASSISTANT_FEEDBACK_DB", str(feedback_db))
    return feedback_db


@pytest.fixture(scope="session")
def full_assistant(tmp_path_factory):
    """The real corpus indexed once per test run with the default embedder (minutes on two cores)."""
    from assistant import Assistant, Settings

    settings = Settings.load(
        environ={},
        corpus_dir=str(REPO / "corpus"),
        index_dir=str(tmp_path_factory.mktemp("full-index")),
        feedback_db=str(tmp_path_factory.mktemp("full-feedback") / "feedback.sqlite"),
    )
    return Assistant.from_config(settings)
