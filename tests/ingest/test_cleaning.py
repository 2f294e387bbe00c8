"""Tests for assistant.ingest.cleaning and assistant.ingest.mapped_text: normalised text with an offset map."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.ingest.cleaning import clean_document, clean_text
from assistant.ingest.mapped_text import MappedText
from assistant.models import Document, DocumentInfo


def document(text: str, page_starts: tuple[int, ...] = (), path: str = "dok.txt") -> Document:
    return Document(info=DocumentInfo(doc_id="dok", title="Dokument", path=path), text=text, page_starts=page_starts)


def form_feed_document(pages: list[str]) -> Document:
    text = "\f".join(pages)
    starts = tuple(m.start() for m in re.finditer("\f", text))
    return document(text, (0, *starts))


# --- characters -------------------------------------------------------------------------------


def test_no_break_spaces_become_spaces() -> None:
    assert clean_text("Vård\u00a0och\u202fomsorg för 120\u00a0000 invånare") == "Vård och omsorg för 120 000 invånare"


def test_soft_hyphens_and_zero_width_marks_are_removed() -> None:
    assert clean_text("sam\u00adordning och hälso\u200bcentral") == "samordning och hälsocentral"


def test_unicode_hyphens_become_ascii_hyphens() -> None:
    assert clean_text("hälso\u2010 och sjukvård, vård\u2011och omsorg") == "hälso- och sjukvård, vård-och omsorg"


def test_decomposed_letters_are_composed() -> None:
    assert clean_text("va\u030ard och o\u0308versikt") == "vård och översikt"


def test_private_use_bullets_become_bullets() -> None:
    assert clean_text("Insatser:\n\uf0b7 hemsjukvård\n\uf0b7 rehabilitering") == (
        "Insatser:\n• hemsjukvård\n• rehabilitering"
    )


def test_tabs_become_table_separators() -> None:
    assert clean_text("Insats\tAnsvar\tTid\nFysioterapi\tKommunen\t2024") == (
        "Insats | Ansvar | Tid\nFysioterapi | Kommunen | 2024"
    )


def test_markdown_emphasis_is_removed() -> None:
    assert clean_text("Det är **viktigt** att *alla* deltar.") == "Det är viktigt att alla deltar."


def test_inline_html_tags_are_removed_and_the_bold_words_remembered() -> None:
    raw = "<b>LRS</b> – Länsgemensamt stöd\nSe <i>bilagan</i> och samverkansdokument<sup>1</sup> i <B>länet</B>.\n"
    clean = clean_document(document(raw, path="rapport.md"))
    assert clean.text == "LRS – Länsgemensamt stöd\nSe bilagan och samverkansdokument i länet.\n"
    assert [clean.text[start:end] for start, end in clean.bold] == ["LRS", "länet"]
    assert clean.bold_at(0) == (0, 3) and clean.bold_at(1) is None


# --- hyphenation and wrapped lines ------------------------------------------------------------


def test_line_end_hyphenation_is_joined() -> None:
    assert clean_text("Ansvaret delas mellan regionen och kom-\nmunen enligt avtal.") == (
        "Ansvaret delas mellan regionen och kommunen enligt avtal."
    )


def test_line_end_hyphen_before_och_is_kept() -> None:
    assert clean_text("Samverkan inom hälso-\noch sjukvård är viktig.") == (
        "Samverkan inom hälso- och sjukvård är viktig."
    )


def test_line_end_hyphen_before_eller_is_kept() -> None:
    assert clean_text("region-\neller kommunnivå") == "region- eller kommunnivå"


def test_wrapped_lines_are_joined() -> None:
    raw = "Hemsjukvården ska ge trygg vård i hemmet för äldre\npersoner med stora behov i\nEskilstuna och Katrineholm."
    assert clean_text(raw) == (
        "Hemsjukvården ska ge trygg vård i hemmet för äldre personer med stora behov i Eskilstuna och Katrineholm."
    )


def test_line_after_comma_is_joined_even_when_capitalised() -> None:
    assert clean_text("Region Sörmland,\nKatrineholms kommun och\nFlens kommun") == (
        "Region Sörmland, Katrineholms kommun och Flens kommun"
    )


def test_a_page_opening_after_a_comma_starts_anew() -> None:
    # A table row ending a page with a comma ("… regionalt stöd,") is not continued by the next page's first
    # row; a sentence that plainly goes on (lower case, "och" at the page's end) is still joined.
    pages = [
        "2024 - 2029 Alla kommuner, Region\nSörmland, processleds av\nLänsgemensamt regionalt stöd,\n",
        "Lokalt vårdkompetensråd Sörmland.\nUtveckla samverkan mellan huvudmännen och\n",
        "Region Sörmland i länet, för\n",
        "alla invånare.\n",
    ]
    assert clean_document(form_feed_document(pages)).text == (
        "2024 - 2029 Alla kommuner, Region\nSörmland, processleds av Länsgemensamt regionalt stöd,\n"
        "Lokalt vårdkompetensråd Sörmland.\nUtveckla samverkan mellan huvudmännen och Region Sörmland i länet, "
        "för alla invånare.\n"
    )


def test_sentence_end_keeps_the_line_break() -> None:
    assert clean_text("Målet är nått.\nNästa steg är uppföljning.") == "Målet är nått.\nNästa steg är uppföljning."


def test_headings_are_not_joined() -> None:
    assert clean_text("# Inledning\nomställningen pågår.") == "# Inledning\nomställningen pågår."
    assert clean_text("Målbild\nMålet 2035 är en nära vård.") == "Målbild\nMålet 2035 är en nära vård."


def test_bullets_are_not_joined() -> None:
    raw = "Fokusområden är\n• delaktighet\n• samordning\n- tillgänglighet\n1. kontinuitet"
    assert clean_text(raw) == "Fokusområden är\n• delaktighet\n• samordning\n- tillgänglighet\n1. kontinuitet"


def test_bullet_item_wrapped_over_two_lines_is_joined() -> None:
    assert clean_text("• Region Sörmland och kommunerna har\nett gemensamt ansvar.") == (
        "• Region Sörmland och kommunerna har ett gemensamt ansvar."
    )


def test_table_rows_are_not_joined() -> None:
    assert clean_text("Insats | Ansvar\nfysioterapi | kommunen") == "Insats | Ansvar\nfysioterapi | kommunen"


def test_blank_lines_collapse_and_edges_are_trimmed() -> None:
    assert clean_text("  Rubrik  \n\n\n  Text här.  ") == "Rubrik\nText här."


# --- page furniture and footnotes -------------------------------------------------------------

PAGES = [
    "Nära vård i Sörmland 2025\nInledning\nOmställningen pågår i hela länet och\nberör alla kommuner.\n1\n",
    "Nära vård i Sörmland 2025\nMålbild\nMålet är en god och nära vård för\nalla invånare.\n2\n",
    "Nära vård i Sörmland 2025\nUppföljning\nIndikatorerna följs upp varje år av\nregionen.\n3\n",
    "Nära vård i Sörmland 2025\nBilagor\nBilagorna beskriver indikatorerna i\ndetalj.\n4\n",
]


def test_repeated_page_header_and_page_numbers_are_removed() -> None:
    clean = clean_document(form_feed_document(PAGES))
    assert clean.text == (
        "Nära vård i Sörmland 2025\n"
        "Inledning\n"
        "Omställningen pågår i hela länet och berör alla kommuner.\n"
        "Målbild\n"
        "Målet är en god och nära vård för alla invånare.\n"
        "Uppföljning\n"
        "Indikatorerna följs upp varje år av regionen.\n"
        "Bilagor\n"
        "Bilagorna beskriver indikatorerna i detalj.\n"
    )


def test_header_on_two_pages_only_is_kept() -> None:
    pages = ["Rubrik A\nText ett här.\n", "Rubrik A\nText två här.\n", "Annat\nText tre här.\n"]
    assert clean_document(form_feed_document(pages)).text.count("Rubrik A") == 2


def test_bare_page_number_between_prose_lines_is_removed() -> None:
    raw = "Ansvaret delas mellan regionen och\nkommunen.\n\n3\n\nAvtalet omfattar hela länet."
    assert clean_text(raw) == "Ansvaret delas mellan regionen och kommunen.\nAvtalet omfattar hela länet."


def test_numbers_in_a_table_column_are_kept() -> None:
    raw = "Antal\n12\n14\nSumma"
    assert clean_text(raw) == "Antal\n12\n14\nSumma"


def test_page_at_maps_cleaned_offsets_to_pages() -> None:
    clean = clean_document(form_feed_document(PAGES))
    assert clean.page_at(clean.text.index("Inledning")) == 1
    assert clean.page_at(clean.text.index("Målbild")) == 2
    assert clean.page_at(clean.text.index("regionen")) == 3
    assert clean.page_at(clean.text.index("Bilagor")) == 4


def test_page_at_without_pages_is_none() -> None:
    assert clean_document(document("Text utan sidor.")).page_at(3) is None


def test_footnote_digit_after_word_is_removed() -> None:
    assert clean_text("en gemensam satsning3 Mål för året") == "en gemensam satsning Mål för året"
    assert clean_text("inom primärvården2, kommunerna") == "inom primärvården, kommunerna"


def test_footnote_digit_after_abbreviation_is_removed() -> None:
    assert clean_text("Sveriges Kommuner och Regioner (SKR)1 och regionerna") == (
        "Sveriges Kommuner och Regioner (SKR) och regionerna"
    )


def test_digits_that_belong_to_words_are_kept() -> None:
    assert clean_text("covid19 och SOU 2021:93 samt år 2035") == "covid19 och SOU 2021:93 samt år 2035"


# --- offsets ----------------------------------------------------------------------------------

RAW = (
    "Hemsjukvård i kommunen\n\n"
    "Ansvaret delas mellan regionen och kom-\n"
    "munen i Sörm\u00adland enligt\u00a0avtalet (SKR)1 från 2019.\n"
)


@pytest.mark.parametrize(
    ("clean_word", "raw_word"),
    [
        ("Hemsjukvård", "Hemsjukvård"),
        ("kommunen", "kom-\nmunen"),
        ("Sörmland", "Sörm\u00adland"),
        ("avtalet", "avtalet"),
        ("(SKR)", "(SKR)"),
        ("2019", "2019"),
    ],
)
def test_raw_span_maps_a_cleaned_word_back_to_the_raw_text(clean_word: str, raw_word: str) -> None:
    clean = clean_document(document(RAW))
    assert clean.text == (
        "Hemsjukvård i kommunen\n"
        "Ansvaret delas mellan regionen och kommunen i Sörmland enligt avtalet (SKR) från 2019.\n"
    )
    start = clean.text.rindex(clean_word)
    raw_start, raw_end = clean.raw_span(start, start + len(clean_word))
    assert clean.raw_text[raw_start:raw_end] == raw_word


def test_raw_span_across_a_joined_line_break() -> None:
    clean = clean_document(document(RAW))
    start = clean.text.index("regionen och kommunen")
    raw_start, raw_end = clean.raw_span(start, start + len("regionen och kommunen"))
    assert RAW[raw_start:raw_end] == "regionen och kom-\nmunen"


# --- MappedText -------------------------------------------------------------------------------


def test_mapped_text_sub_keeps_origins() -> None:
    mapped = MappedText.of("ab--cd").sub("--", "")
    assert mapped.text == "abcd"
    assert mapped.origin.tolist() == [0, 1, 4, 5]


def test_mapped_text_same_length_replacement_keeps_exact_map() -> None:
    mapped = MappedText.of("x\u00a0y").sub("\u00a0", " ")
    assert mapped.origin.tolist() == [0, 1, 2]


def test_mapped_text_longer_replacement_maps_to_its_anchor() -> None:
    mapped = MappedText.of("a\tb").sub("\t", " | ")
    assert mapped.text == "a | b"
    assert mapped.origin.tolist() == [0, 1, 1, 1, 2]


def test_mapped_text_composes_through_several_steps() -> None:
    mapped = MappedText.of("AA xx BB").sub("xx ", "").sub("AA", "a")
    assert mapped.text == "a BB"
    assert mapped.origin.tolist() == [0, 2, 6, 7]
    assert mapped.original_offset(4) == 8  # the end maps past the last character


def test_mapped_text_replace_spans_and_empty_text() -> None:
    mapped = MappedText.of("hej då").replace_spans([(0, 3, "tjena")])
    assert mapped.text == "tjena då"
    assert mapped.origin.tolist() == [0, 0, 0, 0, 0, 3, 4, 5]
    empty = MappedText.of("")
    assert empty.original_offset(0) == 0
    assert isinstance(empty.origin, np.ndarray)
