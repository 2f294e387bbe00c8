"""Reading a "Begrepp och förkortningar" section (assistant/tables/extract/glossary.py) from a small Markdown
document: its terms are set in bold HTML (<b>LRS</b>), which the passages and citations must not carry."""

from __future__ import annotations

from assistant.ingest.chunking import chunk_document
from assistant.ingest.cleaning import clean_document
from assistant.models import Document, DocumentInfo
from assistant.retrieval.neighbours import marked_sentences
from assistant.tables.extract.glossary import find_abbreviations, parse_glossary
from assistant.tables.extract.records import SourceLocator
from assistant.text.display import clean_text

GLOSSARY = (
    "# Rapport\n\n## Begrepp och förkortningar\n\nHär följer begrepp som används i rapporten:\n\n"
    "<b>Nära vård</b>\tär en omställning som pågår i hela landet.\n"
    "<b>Regional nivå</b>\tavser Region Sörmland och Sörmlands kommuner\n"
    "<b>LRS</b> – Länsgemensamt regionalt stöd – socialtjänst & vård\t\n"
    "\n## Inledning\n\nRapporten beskriver <b>arbetet</b> i länet.\n"
)


def _glossary():
    info = DocumentInfo(doc_id="rapport", title="Rapport", path="rapport.md")
    document = clean_document(Document(info=info, text=GLOSSARY))
    chunks = chunk_document(document)
    return parse_glossary(document, SourceLocator([document], chunks)), {c.chunk_id: c for c in chunks}


def test_every_term_of_the_section_is_read_with_its_meaning() -> None:
    rows, _ = _glossary()
    assert [(r.fields["term"], r.fields["forklaring"], r.fields["typ"]) for r in rows] == [
        ("Nära vård", "är en omställning som pågår i hela landet.", "begrepp"),
        ("Regional nivå", "avser Region Sörmland och Sörmlands kommuner", "begrepp"),
        ("LRS", "Länsgemensamt regionalt stöd – socialtjänst & vård", "förkortning"),
    ]


def test_the_cited_definition_is_plain_text_and_marked_in_its_passage() -> None:
    rows, chunks = _glossary()
    for row in rows:
        chunk = chunks[row.source.chunk_id]
        assert "<" not in row.source.passage and "<" not in chunk.text, (row.source.passage, chunk.text)
        assert chunk.text.startswith(row.fields["term"])  # each term its own passage
        # The source card marks the citation's text as the answer shows it (display.clean_text) in the passage.
        marked = marked_sentences(chunk.text, clean_text(row.source.passage))
        assert marked and all(sentence.cited for sentence in marked), (chunk.text, row.source.passage)


def test_bold_words_outside_a_glossary_lose_their_tags_too() -> None:
    _, chunks = _glossary()
    assert any(c.text.endswith("Rapporten beskriver arbetet i länet.") for c in chunks.values()), list(chunks.values())


def test_an_abbreviation_spelled_out_in_the_text_cites_its_whole_sentence_which_is_marked() -> None:
    text = (
        "Tidplan\nOktober 2021 till mars 2023.\nSedan 2021 finns en arbetsgrupp. Under arbetets gång deltog "
        "FoU i Sörmland och Länsgemensamt Regionalt Stöd (LRS). Gruppen träffades varje månad.\n"
    )
    info = DocumentInfo(doc_id="bilagor", title="Bilagor", path="bilagor.txt")
    document = clean_document(Document(info=info, text=text))
    chunks = chunk_document(document)
    (row,) = find_abbreviations(document, SourceLocator([document], chunks))
    assert (row.fields["term"], row.fields["forklaring"]) == ("LRS", "Länsgemensamt Regionalt Stöd")
    assert row.source.passage == "Under arbetets gång deltog FoU i Sörmland och Länsgemensamt Regionalt Stöd (LRS)."
    (chunk,) = chunks
    marked = [s.text for s in marked_sentences(chunk.text, clean_text(row.source.passage)) if s.cited]
    assert marked == [row.source.passage]
