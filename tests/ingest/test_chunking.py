"""Tests for assistant.ingest.chunking: structural chunks, whole measures and table groups, pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.chunking import chunk_document
from assistant.ingest.cleaning import CleanDocument, clean_document
from assistant.ingest.corpus import ingest_corpus
from assistant.models import Chunk, Document, DocumentInfo

REPO = Path(__file__).resolve().parents[2]


def clean(text: str, path: str = "dok.txt", page_starts: tuple[int, ...] = ()) -> CleanDocument:
    info = DocumentInfo(doc_id="dok", title="Dokument", path=path, date="2023-06-07", kind="rapport")
    return clean_document(Document(info=info, text=text, page_starts=page_starts))


P1 = (
    "Omställningen till nära vård innebär att vården flyttar närmare invånarna. "
    "Kommunerna och regionen arbetar tillsammans med detta."
)
P2 = "Fysioterapeuter och arbetsterapeuter arbetar i team runt patienten. Teamet möter patienten i hemmet."
P3 = "Uppföljningen sker varje år med indikatorer. Resultaten redovisas för nämnden i december."
P4 = "Bilagorna beskriver datakällorna i detalj. Varje källa har en ansvarig förvaltning."


def test_markdown_headings_give_section_paths() -> None:
    text = f"# Kapitel\n\n{P1}\n\n## Avsnitt\n\n{P2}\n\n## Nästa avsnitt\n\n{P3}\n\n# Kapitel två\n\n{P4}\n"
    chunks = chunk_document(clean(text, path="plan.md"), chunk_size=200)
    assert [c.section for c in chunks] == [
        "Kapitel",
        "Kapitel › Avsnitt",
        "Kapitel › Nästa avsnitt",
        "Kapitel två",
    ]
    assert chunks[1].text == f"Avsnitt\n{P2}"


def test_third_level_heading_nests_under_the_second() -> None:
    text = f"# Rapport\n\n## Resultat\n\n{P1}\n\n### Kommunerna\n\n{P2}\n"
    chunks = chunk_document(clean(text, path="rapport.md"), chunk_size=200)
    assert chunks[-1].section == "Rapport › Resultat › Kommunerna"


def test_chunks_carry_document_metadata() -> None:
    chunks = chunk_document(clean(f"# Kapitel\n\n{P1}\n", path="plan.md"), chunk_size=200)
    assert len(chunks) == 1
    chunk = chunks[0]
    assert chunk.doc_id == "dok"
    assert chunk.title == "Dokument"
    assert chunk.kind == "rapport"
    assert chunk.year == 2023
    assert chunk.page is None
    assert chunk.chunk_id.startswith("dok:")
    assert chunk.index_text == f"Dokument – Kapitel\nKapitel\n{P1}"


def test_chunk_ids_are_stable_and_unique() -> None:
    text = f"# A\n\n{P1}\n\n# B\n\n{P2}\n\n# C\n\n{P3}\n"
    first = chunk_document(clean(text, path="a.md"), chunk_size=200)
    second = chunk_document(clean(text, path="a.md"), chunk_size=200)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert len({c.chunk_id for c in first}) == 3


def test_chunks_stay_within_size_bounds() -> None:
    sentences = [
        f"Insats nummer {i} handlar om samverkan mellan kommunen och regionen kring äldre med stora behov."
        for i in range(40)
    ]
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, 40, 4)]
    text = "Bakgrund\n" + "\n\n".join(paragraphs[:5]) + "\n\nGenomförande\n" + "\n\n".join(paragraphs[5:]) + "\n"
    chunks = chunk_document(clean(text), chunk_size=300)
    assert len(chunks) >= 10
    for chunk in chunks:
        assert 40 <= len(chunk.text) <= 390, chunk.text
    body = " ".join(c.text for c in chunks)
    for sentence in sentences:
        assert sentence in body


def test_long_paragraph_is_split_at_sentences() -> None:
    sentences = [f"Mening nummer {i} beskriver hur hemsjukvården följs upp i kommunen." for i in range(30)]
    chunks = chunk_document(clean(" ".join(sentences)), chunk_size=300)
    assert len(chunks) >= 6
    for chunk in chunks:
        assert len(chunk.text) <= 300
        assert chunk.text.endswith("kommunen.")
    assert [s for c in chunks for s in re.split(r"(?<=\.) ", c.text)] == sentences


def test_long_paragraph_without_sentence_ends_is_still_cut_to_size() -> None:
    urls = " ".join(f"https://www.example{i}.se/statistik/halsa-och-vard/rapport-{i}/" for i in range(40))
    chunks = chunk_document(clean(f"Källor:\n{urls}\n"), chunk_size=300)
    assert max(len(c.text) for c in chunks) <= 390


def test_small_chunk_size_is_refused() -> None:
    with pytest.raises(ValueError):
        chunk_document(clean("Text."), chunk_size=199)


MEASURES = """Målområde Tillsammans
Delaktighet 1
Titel Patientrapporterad delaktighet, Region
Mått Andel patienter som anser att de är delaktiga i besluten om sin vård och behandling.
Mätenhet procent
Syfte Att följa graden av delaktighet för patienter inom regionens verksamheter.
Datakälla Nationell patientenkät, Sveriges kommuner och regioner.
Kommentar Mäts vartannat år.
Delaktighet 2
Titel Brukarrapporterad delaktighet, Kommun
Mått Andel personer 65 år och äldre i särskilt boende som upplever att personalen tar hänsyn till deras åsikter.
Mätenhet procent
Syfte Att följa delaktigheten inom äldreomsorgen i kommunerna.
Kommentar Data finns per kommun.
Målområde Nära
Tillgänglighet 1
Titel Medicinsk bedömning inom tre dagar
Mått Andel patienter som fått en medicinsk bedömning inom tre dagar i regionens primärvård.
Kommentar Ingen kommentar.
"""


def test_indicator_measure_stays_whole_in_one_chunk() -> None:
    chunks = chunk_document(clean(MEASURES), chunk_size=200)
    measure_chunks = [c for c in chunks if "Titel " in c.text]
    assert [c.text.split("\n")[0] for c in measure_chunks] == ["Delaktighet 1", "Delaktighet 2", "Tillgänglighet 1"]
    first = measure_chunks[0]
    assert len(first.text) > 200  # longer than chunk_size, still not cut
    assert first.text == (
        "Delaktighet 1\n"
        "Titel Patientrapporterad delaktighet, Region\n"
        "Mått Andel patienter som anser att de är delaktiga i besluten om sin vård och behandling.\n"
        "Mätenhet procent\n"
        "Syfte Att följa graden av delaktighet för patienter inom regionens verksamheter.\n"
        "Datakälla Nationell patientenkät, Sveriges kommuner och regioner.\n"
        "Kommentar Mäts vartannat år."
    )
    assert first.section == "Målområde Tillsammans › Delaktighet 1"
    assert measure_chunks[1].text.endswith("Kommentar Data finns per kommun.")
    assert measure_chunks[2].section == "Målområde Nära › Tillgänglighet 1"
    assert measure_chunks[2].text.endswith("Kommentar Ingen kommentar.")


TABLE = """Länsgemensamma satsningar
I tabellen presenteras de gemensamma satsningarna inom Nära vård.
Länsgemensam satsning Mål/Syfte Tid Utförare Status
1. Kontinuitet i primärvården
Inget pågående länsgemensamt arbete.
3. Förebyggande och hälsofrämjande arbete i hälso- och sjukvården
Fallprevention
Minska antalet fallskador bland äldre genom gemensamt kunskapsstöd i alla kommuner.
2024-tv Alla kommuner och Region Sörmland
Barnens bästa
Samverkan mellan region och kommuner kring barn och unga med behov av stöd.
2023-tv Alla kommuner
4. Habiliterande och rehabiliterande arbete
Inget pågående länsgemensamt arbete.
"""


def test_each_table_row_is_a_passage_of_its_own() -> None:
    chunks = chunk_document(clean(TABLE), chunk_size=200)
    rows = [c for c in chunks if c.section.startswith("Länsgemensamma satsningar › ")]
    assert [c.text for c in rows] == [
        "1. Kontinuitet i primärvården\nInget pågående länsgemensamt arbete.",
        "3. Förebyggande och hälsofrämjande arbete i hälso- och sjukvården\n"
        "Fallprevention\n"
        "Minska antalet fallskador bland äldre genom gemensamt kunskapsstöd i alla kommuner.\n"
        "2024-tv Alla kommuner och Region Sörmland",
        "Barnens bästa\n"
        "Samverkan mellan region och kommuner kring barn och unga med behov av stöd.\n"
        "2023-tv Alla kommuner",
        "4. Habiliterande och rehabiliterande arbete\nInget pågående länsgemensamt arbete.",
    ]
    # The column header is not a heading: each row sits under the table's heading and its group's line.
    groups = [
        "1. Kontinuitet i primärvården",
        *["3. Förebyggande och hälsofrämjande arbete i hälso- och sjukvården"] * 2,
    ]
    groups.append("4. Habiliterande och rehabiliterande arbete")
    assert [c.section for c in rows] == [f"Länsgemensamma satsningar › {group}" for group in groups]
    assert chunks[0].text.startswith("Länsgemensamma satsningar\nI tabellen")


def test_numbered_list_outside_a_table_is_not_atomic() -> None:
    text = "Åtgärder\n1. Första steget beskrivs här.\n2. Andra steget beskrivs här.\n3. Tredje steget.\n"
    chunks = chunk_document(clean(text), chunk_size=200)
    assert len(chunks) == 1
    assert chunks[0].text == (
        "Åtgärder\n1. Första steget beskrivs här.\n2. Andra steget beskrivs här.\n3. Tredje steget."
    )


def test_text_after_the_table_is_not_swallowed_by_the_last_group() -> None:
    after = "\n".join(
        f"Uppföljningen av satsning nummer {i} sker årligen i nämnden och redovisas för kommunerna." for i in range(10)
    )
    text = (
        "Länsgemensam satsning Mål/Syfte Tid Utförare Status\n"
        "1. Kontinuitet i primärvården\nInget pågående länsgemensamt arbete.\n"
        "2. Tillgänglighet i primärvården\nInget pågående länsgemensamt arbete.\n"
        f"Uppföljning\n{after}\n"
    )
    chunks = chunk_document(clean(text), chunk_size=300)
    group = next(c for c in chunks if c.text.startswith("2. Tillgänglighet"))
    assert group.text == "2. Tillgänglighet i primärvården\nInget pågående länsgemensamt arbete."
    assert max(len(c.text) for c in chunks) <= 390


def test_chunk_page_follows_the_document_pages() -> None:
    pages = [f"Inledning\n{P1}\n", f"Målbild\n{P2}\n", f"Uppföljning\n{P3}\n"]
    text = "\f".join(pages)
    page_starts = (0, len(pages[0]), len(pages[0]) + 1 + len(pages[1]))  # where each form feed is
    chunks = chunk_document(clean(text, page_starts=page_starts), chunk_size=200)
    assert [(c.section, c.page) for c in chunks] == [("Inledning", 1), ("Målbild", 2), ("Uppföljning", 3)]


# --- the real corpus --------------------------------------------------------------------------

# The 28 measures of the indicator library (Bilaga 1), written out by hand from the document.
INDICATOR_MEASURES = [
    ("Delaktighet 1", "Patientrapporterad delaktighet, Region"),
    ("Delaktighet 2", "Brukarrapporterad delaktighet, Kommun"),
    ("Delaktighet 3", "Delaktighet i överenskommelse och planering"),
    ("Delaktighet 4", "Självrapporterad delaktighet barn/unga"),
    ("Samordning 1", "Antal samordnade individuella planer (SIP) per enhet"),
    ("Samordning 2", "Andel SIP, kommun"),
    ("Samordning 3", "Andel SIP, regionens primärvård"),
    ("Samordning 4", "Utskrivningsklara patienter på sjukhus"),
    ("Samordning 5", "Oplanerade återinskrivningar bland äldre"),
    ("Samordning 6", "Samordning av vård-och omsorgskontakter"),
    ("Samordning 7", "Samordning av vårdkontakter, Region"),
    ("Tillgänglighet 1", "Medicinsk bedömning inom tre dagar, regionens primärvård"),
    ("Tillgänglighet 2", "Rapporterade distansbesök, region"),
    ("Tillgänglighet 3", "Möjlighet att träffa läkare vid behov i särskilt boende"),
    ("Tillgänglighet 4", "Läkarbesök i hemmet (inkl särskilt boende)"),
    ("Kontinuitet 1", "Kontinuitetsindex primärvårdsläkare, kronisk sjukdom"),
    ("Kontinuitet 2", "Upplevd kontinuitet, region"),
    ("Kontinuitet 3", "Personalkontinuitet, hemtjänst"),
    ("Hälsofrämjande 1", "Självrapporterad hälsa"),
    ("Hälsofrämjande 2", "Andel deltagare i hälsoprogram"),
    ("Förebyggande 1", "Övervikt och obesitas i befolkningen"),
    ("Förebyggande 2", "Vårdtillfälle/100 000 invånare"),
    ("Förebyggande 3", "Fallskador bland äldre"),
    ("Förebyggande 4", "Riskförebyggande åtgärder i särskilt boende"),
    ("Förebyggande 5", "Antal sjukhusvårdade personer per 100 000, avsiktlig"),
    ("Förebyggande 6", "Alkohol, narkotika, dopning, tobak och spel (ANDTS)"),
    ("Förebyggande 7", "Ofrivillig ensamhet"),
    ("Förebyggande 8", "Våld/Kvinnofrid"),
]


@pytest.fixture(scope="module")
def bilagor_chunks() -> list[Chunk]:
    corpus = ingest_corpus(REPO / "corpus", chunk_size=1000)
    chunks = [c for c in corpus.chunks if c.doc_id == "bilagor-projektrapport"]
    assert chunks, "the bilagor document produced no chunks"
    return chunks


def test_hand_list_has_28_measures() -> None:
    assert len(INDICATOR_MEASURES) == 28
    assert len({name for name, _ in INDICATOR_MEASURES}) == 28


@pytest.mark.parametrize(("name", "title"), INDICATOR_MEASURES, ids=[n for n, _ in INDICATOR_MEASURES])
def test_real_indicator_measure_is_whole_in_exactly_one_chunk(
    bilagor_chunks: list[Chunk], name: str, title: str
) -> None:
    title_line = f"Titel {title}"
    holders = [c for c in bilagor_chunks if re.search(rf"^{re.escape(title_line)}", c.text, re.MULTILINE)]
    assert len(holders) == 1, f"{name}: Titel line in {len(holders)} chunks"
    chunk = holders[0]
    lines = chunk.text.split("\n")
    assert lines[0] == name
    assert lines[1].startswith(title_line)
    assert any(line.startswith("Kommentar") for line in lines[2:]), f"{name}: no Kommentar line in its chunk"
    others = [f"Titel {t}" for n, t in INDICATOR_MEASURES if n != name]
    assert not [line for line in lines if any(line.startswith(o) for o in others)], "two measures in one chunk"
    assert chunk.section.endswith(f"› {name}")


def test_real_measure_comment_text_is_in_the_measure_chunk(bilagor_chunks: list[Chunk]) -> None:
    chunk = next(c for c in bilagor_chunks if c.text.startswith("Förebyggande 8\n"))
    assert "Kommentar I dagsläget har inget lämpligt mått hittats" in chunk.text


def test_real_unnumbered_rehabiliterande_entry_is_not_part_of_forebyggande_8(bilagor_chunks: list[Chunk]) -> None:
    chunk = next(c for c in bilagor_chunks if c.text.startswith("Förebyggande 8\n"))
    assert "Titel Saknar lämpliga mått" not in chunk.text


def test_a_field_line_is_not_a_heading() -> None:
    text = (
        "Utbildning i tjänstedesign\n"
        "Utbildare: Utvecklingsledare från Länsgemensamt regionalt stöd\n"
        "Tidsperiod: april - september\n"
        "Upplägg: Tre workshops och två avstämningar däremellan, och teamen arbetade självständigt.\n"
    )
    (chunk,) = chunk_document(clean(text), chunk_size=400)
    assert chunk.section == "Utbildning i tjänstedesign"
    assert "Tidsperiod: april - september\nUpplägg: Tre workshops" in chunk.text


ROWS_ACROSS_A_PAGE = [
    "Länsgemensam satsning Mål/Syfte Tid Utförare Status\n\n3. Förebyggande arbete\n\nBarnens bästa\n\n"
    "Samverkan mellan region och kommuner kring barn och unga med behov av stöd.\n\n"
    "2021–2026 Alla kommuner och Region\n\nSörmland, processleds av Länsgemensamt regionalt stöd\n\n"
    "3 För mer information om satsningarna, besök samverkanswebben och/eller FoUiS\n\n"
    "https://samverkan.regionsormland.se/utveckling-och-samarbete/\nhttps://www.fou.sormland.se/\n",
    " Suicidprevention\n\n"
    "Öka medvetenheten och kunskapen om suicid och suicidprevention hos medborgare och medarbetare.\n\n"
    "2021–2027 Alla kommuner och Region\n\nSörmland, processleds av Länsgemensamt regionalt stöd\n\n"
    "Nätverk Nära vård. Samordna nätverket för processledare\n\nAlla kommuner och region\n\n"
    "Sörmland, processleds av Länsgemensamt regionalt stöd.\n\n"
    "Karta och kompass, en långtidsstudie.\n\n2023-tv\n\nAlla kommuner och Region\n\nSörmland och FoUiS\n\n"
    "Fallprevention Sprida kunskapsstödet länsövergripande\n\n2025-tv\n\n"
    "4. Habiliterande arbete\n\nInget pågående länsgemensamt arbete.\n",
]


def test_a_table_row_stands_alone_and_its_page_footnote_apart() -> None:
    text = "".join(ROWS_ACROSS_A_PAGE)
    chunks = chunk_document(clean(text, page_starts=(0, len(ROWS_ACROSS_A_PAGE[0]))), chunk_size=1000)
    assert [c.text for c in chunks] == [
        "3. Förebyggande arbete\nBarnens bästa\n"
        "Samverkan mellan region och kommuner kring barn och unga med behov av stöd.\n"
        "2021–2026 Alla kommuner och Region\nSörmland, processleds av Länsgemensamt regionalt stöd",
        "3 För mer information om satsningarna, besök samverkanswebben och/eller FoUiS "
        "https://samverkan.regionsormland.se/utveckling-och-samarbete/ https://www.fou.sormland.se/",
        "Suicidprevention\n"
        "Öka medvetenheten och kunskapen om suicid och suicidprevention hos medborgare och medarbetare.\n"
        "2021–2027 Alla kommuner och Region\nSörmland, processleds av Länsgemensamt regionalt stöd",
        "Nätverk Nära vård. Samordna nätverket för processledare\nAlla kommuner och region\n"
        "Sörmland, processleds av Länsgemensamt regionalt stöd.",
        "Karta och kompass, en långtidsstudie.\n2023-tv\nAlla kommuner och Region\nSörmland och FoUiS",
        "Fallprevention Sprida kunskapsstödet länsövergripande\n2025-tv",
        "4. Habiliterande arbete\nInget pågående länsgemensamt arbete.",
    ]
    assert {c.section for c in chunks[:-1]} == {"3. Förebyggande arbete"}
    assert [c.page for c in chunks[:3]] == [1, 1, 2]


def test_a_row_on_a_new_page_under_the_repeated_column_header_is_a_passage_of_its_own() -> None:
    header = " Länsgemensam satsning3 Mål/Syfte Tid Utförare Status \n\n"
    pages = [
        "Länsgemensamma satsningar\n\nLänsgemensam satsning3 Mål/Syfte Tid Utförare Status \n\n"
        "7. Kompetensförsörjning\n\nSpråkutvecklande utbildningar.\n\nÖka medvetenheten om språk\n\n"
        "2024 - 2029 Alla kommuner, Region \n\nSörmland, \n\nKommunal processleds av \n\n"
        "Länsgemensamt regionalt \n\nstöd,  \n",
        f"{header}Lokalt vårdkompetensråd Sörmland. \nUtveckla den regionala samverkan. \n\n2023-tv \n"
        "Alla kommuner och Region \n\nSörmland, processleds av \n\nLänsgemensamt regionalt stöd  \n",
        f"{header}Ett råd till. \nStödja samverkan. \n\n2024-tv \nAlla kommuner \n",
        f"{header}8. Hälsa\n\nInget pågående länsgemensamt arbete.\n",
    ]
    text = "".join(pages)
    starts = tuple(sorted({0, *(i for i in range(1, len(text)) if text.startswith(header, i))}))
    chunks = chunk_document(clean(text, page_starts=starts), chunk_size=1000)
    assert [c.text for c in chunks if c.section.endswith("7. Kompetensförsörjning")] == [
        "7. Kompetensförsörjning\nSpråkutvecklande utbildningar.\nÖka medvetenheten om språk\n"
        "2024 - 2029 Alla kommuner, Region\nSörmland, Kommunal processleds av Länsgemensamt regionalt stöd,",
        "Lokalt vårdkompetensråd Sörmland.\nUtveckla den regionala samverkan.\n2023-tv\n"
        "Alla kommuner och Region\nSörmland, processleds av Länsgemensamt regionalt stöd",
        "Ett råd till.\nStödja samverkan.\n2024-tv\nAlla kommuner",
    ]


def test_a_glossary_gives_one_passage_per_term() -> None:
    text = (
        "## Begrepp och förkortningar\n\nHär följer begrepp som används i rapporten:\n\n"
        "<b>Nära vård</b>\tär en omställning som pågår i hela landet.\n"
        "<b>Regional nivå</b>\tavser Region Sörmland och Sörmlands kommuner\n"
        "<b>LRS</b> – Länsgemensamt regionalt stöd\t\n"
    )
    chunks = chunk_document(clean(text, path="rapport.md"), chunk_size=1000)
    assert [c.text for c in chunks] == [
        "Begrepp och förkortningar\nHär följer begrepp som används i rapporten:",
        "Nära vård | är en omställning som pågår i hela landet.",
        "Regional nivå | avser Region Sörmland och Sörmlands kommuner",
        "LRS – Länsgemensamt regionalt stöd |",
    ]
    assert {c.section for c in chunks} == {"Begrepp och förkortningar"}


def test_a_single_bold_term_in_a_table_stays_with_its_rows() -> None:
    text = (
        "## Målområde\n\nIndikator\tMått\n"
        "<b>Delaktighet</b> – individen ska vara delaktig.\tPatientrapporterad delaktighet\n"
        "\tBrukarrapporterad delaktighet, kommun\n"
    )
    (chunk,) = chunk_document(clean(text, path="rapport.md"), chunk_size=1000)
    assert "Mått\nDelaktighet – individen ska" in chunk.text and chunk.text.endswith(
        "Brukarrapporterad delaktighet, kommun"
    )


def test_a_contents_heading_is_not_the_section_of_what_follows() -> None:
    text = (
        "# Innehåll\n\nSammanfattning . . . . .\t3\nBegrepp och förkortningar . . . . .\t5\n\n"
        "## Begrepp och förkortningar\n\nHär följer ett antal begrepp som används i rapporten.\n"
    )
    (chunk,) = chunk_document(clean(text, path="rapport.md"), chunk_size=1000)
    assert chunk.section == "Begrepp och förkortningar"
    assert chunk.text == "Begrepp och förkortningar\nHär följer ett antal begrepp som används i rapporten."


def test_table_of_contents_lines_are_not_indexed() -> None:
    text = (
        "Innehåll\n"
        "Projektets resurser . . . . . | 8\n"
        "Redovisning av projektmål . . . . . . 11\n"
        "Projektets resurser\n"
        "Projektet finansierades gemensamt av regionen och kommunerna under två år.\n"
    )
    chunks = chunk_document(clean(text), chunk_size=300)
    assert not any(". . ." in c.text for c in chunks)
    assert any("finansierades gemensamt" in c.text for c in chunks)


def test_a_heading_the_extraction_lost_names_the_sections_after_it() -> None:
    text = (
        "Bilaga 2. Tjänstedesign\n"
        f"Tillsammans för barnens bästa\n{P1}\n"
        f"Sidfot, Hit ska vi!\n{P2}\n"
        f"Tillsammans för barnens bästa\n{P3}\n"
    )
    info = DocumentInfo(
        doc_id="dok",
        title="Dokument",
        path="dok.txt",
        lost_headings=(("Hit ska vi!", "Bilaga 3. Målbild"), ("Tillsammans för barnens bästa", "Bilaga 4. Abstracts")),
    )
    chunks = chunk_document(clean_document(Document(info=info, text=text)), chunk_size=200)
    sections = {c.text.split("\n")[-1]: c.section for c in chunks}
    assert sections[P1].startswith("Bilaga 2. Tjänstedesign")  # the first "Tillsammans …" comes before Bilaga 3
    assert sections[P2].startswith("Bilaga 3. Målbild")
    assert sections[P3].startswith("Bilaga 4. Abstracts")
    assert "Bilaga 3" not in text and all("Bilaga 3" not in c.text for c in chunks)  # the text is not changed


def test_every_appendix_of_the_bilagor_names_its_sections(bilagor_chunks: list[Chunk]) -> None:
    appendices = {c.section.split(" › ")[0] for c in bilagor_chunks}
    for number in range(1, 8):
        assert any(a.startswith(f"Bilaga {number}.") for a in appendices), f"no section under Bilaga {number}"
    abstracts = [c for c in bilagor_chunks if "Tillsammans för barnens bästa" in c.section]
    assert abstracts and all(c.section.startswith("Bilaga 4. Abstracts") for c in abstracts if "Bakgrund" in c.text)


def test_the_parts_of_a_document_of_like_parts_keep_their_title_in_the_section() -> None:
    abstract = (
        "{title}\n\nBakgrund\n\n{title} började med en kartläggning av behoven i länet. {P1}\n\n"
        "Syfte\n\nSyftet är att pröva ett nytt arbetssätt för {title}. {P2}\n\n"
        "Tidplan\n\n{title} pågick augusti 2020 till oktober 2022. {P3}\n\n"
    )
    titles = ("Egenmonitorering", "Fallprevention", "Suicidprevention")
    text = "Bilaga 4. Abstracts\n\n" + "".join(abstract.format(title=t, P1=P1, P2=P2, P3=P3) for t in titles)
    text += f"Bakgrund\n\nEn del vars titel inte står i texten. {P4}\n\nSammanfattning\n\nEn sammanfattning. {P4}\n"
    chunks = chunk_document(clean(text), chunk_size=200)

    def section_of(words: str) -> str:
        (chunk,) = [c for c in chunks if words in c.text]
        return chunk.section

    for title in titles:
        assert section_of(f"{title} började") == f"Bilaga 4. Abstracts › {title} › Bakgrund"
        assert section_of(f"{title} pågick") == f"Bilaga 4. Abstracts › {title} › Tidplan"
    # A heading met again in the part starts a part whose title was not found; any other heading ends the parts.
    assert section_of("En del vars titel") == "Bilaga 4. Abstracts › Bakgrund"
    assert section_of("En sammanfattning.") == "Bilaga 4. Abstracts › Sammanfattning"


def test_a_parts_title_that_goes_on_under_a_dash_on_the_next_line_is_one_title() -> None:
    abstract = "{title}\n\nBakgrund\n\n{title} började med en kartläggning. {P1}\n\n"
    abstract += "Tidplan\n\nAugusti 2023 till mars 2025.\n\n"
    text = "Bilaga 4. Abstracts\n\n" + "".join(
        abstract.format(title=t, P1=P1) for t in ("Fallprevention", "Suicidprevention")
    )
    text += (
        "Utvärdering av ALMA\n– Akutgeriatriskt mobilt team\n\n"
        + abstract.format(title="ALMA", P1=P1).split("\n\n", 1)[1]
    )
    text += f"Mätningar\n– Journal\n– Samverkanssystem\n\n{P3}\n"
    chunks = chunk_document(clean(text), chunk_size=200)
    sections = {c.section for c in chunks}
    assert "Bilaga 4. Abstracts › Utvärdering av ALMA – Akutgeriatriskt mobilt team › Tidplan" in sections
    assert not any(s.endswith("Mätningar – Journal") for s in sections)  # a run of dashed lines is a list
    assert any("– Journal\n– Samverkanssystem" in c.text for c in chunks)
    # Under a part's recurring heading a dashed line leaves the heading be: the part keeps its title.
    titles = ("Fallprevention", "Suicidprevention", "ALMA")
    text = "Bilaga 4. Abstracts\n\n" + "".join(abstract.format(title=t, P1=P1) for t in titles)
    text = text.replace("Tidplan\n\nAug", "Tidplan\n– Kort\nAug")
    sections = {c.section for c in chunk_document(clean(text), chunk_size=200)}
    assert "Bilaga 4. Abstracts › ALMA › Tidplan" in sections and not any("Kort" in s for s in sections)


def test_a_heading_over_a_heading_is_no_title_when_the_document_repeats_no_headings() -> None:
    text = f"Generaldirektör\n\nSammanfattning\n\n{P1}\n\nBakgrund\n\n{P2}\n"
    sections = [c.section for c in chunk_document(clean(text), chunk_size=200)]
    assert sections == ["Sammanfattning", "Bakgrund"]
