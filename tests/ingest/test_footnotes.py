"""Tests for assistant.ingest.footnotes: a page's footnotes kept out of the sentence a page break cuts."""

from __future__ import annotations

from assistant.ingest.chunking import chunk_document
from assistant.ingest.cleaning import CleanDocument, clean_document
from assistant.models import Document, DocumentInfo


def clean_pages(pages: list[str]) -> CleanDocument:
    """A document whose pages after the first start with one space, as the corpus's PDF extractions do."""
    text = "".join(pages)
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page)
    info = DocumentInfo(doc_id="dok", title="Dokument", path="dok.txt", page_marks="leading-space")
    return clean_document(Document(info=info, text=text, page_starts=tuple(starts)))


def notes_of(document: CleanDocument) -> list[str]:
    return [document.text[start:end].strip() for start, end in document.notes]


CUT_SENTENCE = [
    "Enligt befolkningspanelen har bara tre av tio invånare en fast läkarkontakt på sin\n"
    "vårdcentral. Det finns därmed en\n\n"
    "35 En region redovisar dock hur stor andel av de invånare som är listade vid regionens\n"
    "egenägda vårdcentraler som har en fast läkarkontakt.\n\n"
    "% Notera att en region svarade att ett hundratal personer hade en fast läkarkontakt.\n",
    " väsentlig skillnad mellan befolkningens egen uppfattning och regionernas\n"
    "registreringsgrad av fast läkarkontakt.\n\n"
    "Figur 38. Regionernas rapportering\n",
]


def test_a_footnote_block_is_moved_out_of_the_sentence_it_cut() -> None:
    document = clean_pages(CUT_SENTENCE)
    assert "Det finns därmed en väsentlig skillnad mellan befolkningens egen uppfattning" in document.text
    sentence_end = document.text.index("registreringsgrad av fast läkarkontakt.")
    assert document.text.index("35 En region") > sentence_end
    assert document.text.index("Figur 38.") > document.text.index("% Notera")


def test_the_moved_notes_are_marked_and_keep_their_page() -> None:
    document = clean_pages(CUT_SENTENCE)
    assert notes_of(document) == [
        "35 En region redovisar dock hur stor andel av de invånare som är listade vid regionens egenägda "
        "vårdcentraler som har en fast läkarkontakt.\n"
        "% Notera att en region svarade att ett hundratal personer hade en fast läkarkontakt."
    ]
    assert document.page_at(document.notes[0][0]) == 1
    assert document.page_at(document.text.index("Figur 38.")) == 2


def test_notes_after_a_finished_sentence_stay_in_place_and_keep_their_url_lines() -> None:
    pages = [
        "Detta samlas i en projektdatabas för hela länet.\n\n \n\n1 Indikatorer | SKR\n"
        "2 Indikatorer för god och nära vård Socialstyrelsen\n\n"
        "https://skr.se/skr/halsasjukvard/indikatorer.62596.html\n",
        " Länsgemensamma satsningar\nI tabellen presenteras satsningarna.\n",
    ]
    document = clean_pages(pages)
    assert document.text.index("1 Indikatorer") < document.text.index("Länsgemensamma satsningar")
    assert notes_of(document) == [
        "1 Indikatorer | SKR\n2 Indikatorer för god och nära vård Socialstyrelsen "
        "https://skr.se/skr/halsasjukvard/indikatorer.62596.html"
    ]


def test_a_paragraph_opening_with_a_number_in_the_text_is_no_footnote() -> None:
    pages = [
        "Andelen har ökat under året i de flesta kommuner.\n\n"
        "78 procent av kommunerna svarar att de har förstärkt arbetet under 2024.\n\n"
        "1. Kontinuitet i primärvården\n",
        " Fler kommuner arbetar nu med fast omsorgskontakt.\n",
    ]
    assert clean_pages(pages).notes == ()


def test_a_page_footnote_gets_a_passage_of_its_own_and_the_text_runs_on_around_it() -> None:
    chunks = chunk_document(clean_pages(CUT_SENTENCE), chunk_size=1000)
    body, note = chunks
    assert body.text.startswith("Enligt befolkningspanelen") and body.text.endswith(
        "Figur 38. Regionernas rapportering"
    )
    assert "35 En region" not in body.text and "% Notera" not in body.text
    assert note.text.startswith("35 En region redovisar") and note.text.endswith("hade en fast läkarkontakt.")
