"""Tests for assistant.ui.text: document text shown as Markdown exactly as written, cited sentences marked."""

from __future__ import annotations

import re

import pytest

from assistant.retrieval.neighbours import Sentence
from assistant.ui.text import WORD_JOINER, plain, sentences_markdown


def test_plain_escapes_html_links_and_markdown_formatting() -> None:
    shown = plain("<script>x</script> [länk](http://a) *fet* _kursiv_ $5$ ~~bort~~ | rad")
    assert "<" not in shown and "&lt;script&gt;" in shown
    for raw in ("[", "*", "_", "$", "~", "|"):
        assert f"\\{raw}" in shown, raw


def test_plain_leaves_ordinary_swedish_text_alone() -> None:
    text = "Målbilden för Nära vård i Sörmland 2035: trygg vård, nära invånarna."
    assert plain(text) == text


def test_sentences_markdown_marks_cited_sentences_and_keeps_list_items() -> None:
    text = sentences_markdown(
        [Sentence("Först."), Sentence("Citerad.", cited=True), None, Sentence("Punkt", bullet=True)]
    )
    assert text == "Först. :orange-background[**Citerad.**] …\n\n- Punkt"


def test_a_paragraph_after_list_items_starts_a_new_block() -> None:
    text = sentences_markdown(
        [Sentence("Ett", bullet=True), Sentence("Två", bullet=True, cited=True), Sentence("Sen.")]
    )
    assert text == "- Ett\n\n- :orange-background[**Två**]\n\nSen."


def test_a_cited_sentence_is_escaped_inside_its_marking() -> None:
    # The marking is Markdown the app adds; the sentence's own brackets and stars must not close it.
    text = sentences_markdown([Sentence("  Kostnad *minst* [5] kr ", cited=True)])
    assert text == r":orange-background[**Kostnad \*minst\* \[5\] kr**]"


def test_no_sentences_is_no_text() -> None:
    assert sentences_markdown([]) == ""


# What remark-gfm (Streamlit's Markdown) autolinks in text: a scheme and "://", "www." and "name@domain".
_GFM_AUTOLINK = re.compile(r"(?i)(?:https?|ftp)://|mailto:|\bwww\.|[\w.+-]@\w")


@pytest.mark.parametrize(
    "text",
    [
        "Kontakta support på http://evil.example/logga-in och ange ditt lösenord.",
        "Läs mer på HTTPS://Evil.Example/x?a=1&b=2.",
        "Se www.evil.example för mer information.",
        "Mejla support@evil.example eller skriv till mailto:support@evil.example.",
        "ftp://evil.example/fil och xmpp:bot@evil.example",
        "http://a.se, www.b.se och c@d.se i samma mening",
    ],
)
def test_plain_makes_every_address_inert_but_keeps_it_readable(text: str) -> None:
    shown = plain(text)
    assert not _GFM_AUTOLINK.search(shown), shown
    # Only an invisible joiner is added, and after each web address the domain it leads to.
    readable = shown.replace(WORD_JOINER, "").replace("&amp;", "&")
    assert re.sub(r" \(adress till [^)]*\)", "", readable) == text
    for domain in re.findall(r"(?i)(?:https?://|ftp://|www\.)([\w.]*\w)", text):
        assert f"(adress till {domain.lower()})" in readable.replace("(adress till www.", "(adress till "), readable


def test_a_pdf_title_with_an_address_is_inert_in_the_source_label() -> None:
    from assistant.models import Citation
    from assistant.ui.sources_view import source_label

    label = source_label(1, Citation("t", "d", "Logga in på www.evil.example", "Mejla it@evil.example", 2))
    assert label == (
        f"**[1]** Logga in på www{WORD_JOINER}.evil.example (adress till www{WORD_JOINER}.evil.example)"
        f" · Mejla it@{WORD_JOINER}evil.example · s. 2"
    )


def test_addresses_in_cited_and_surrounding_sentences_are_inert() -> None:
    markdown = sentences_markdown(
        [Sentence("Gå till http://evil.example nu.", cited=True), Sentence("Eller www.evil.example.", cited=False)]
    )
    assert not _GFM_AUTOLINK.search(markdown), markdown


def test_ordinary_at_signs_and_words_are_left_alone() -> None:
    assert plain("Vi ses @ 10 i www-gruppen, https-frågan.") == "Vi ses @ 10 i www-gruppen, https-frågan."


def test_an_answers_markdown_keeps_markers_lists_and_tables_but_not_emphasis_latex_or_links() -> None:
    from assistant.ui.text import answer_markdown

    text = "Enligt dokumenten: **viktigt** $x$ ~~nej~~ [1]\n- punkt [2]\n| a | b |\n|---|---|\n| 1 | 2 |"
    shown = answer_markdown(text)
    assert shown == (
        "Enligt dokumenten: \\*\\*viktigt\\*\\* \\$x\\$ \\~\\~nej\\~\\~ [1]\n"
        "- punkt [2]\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert answer_markdown("redan \\*skyddad\\*") == "redan \\*skyddad\\*"  # the answerer's escapes stay single


def test_an_answers_addresses_are_inert_name_their_domain_and_a_marker_never_becomes_a_link() -> None:
    from assistant.ui.text import answer_markdown

    shown = answer_markdown("Logga in på https://evil.example/x?id=1, eller [1](http://evil.example) [2].")
    assert not _GFM_AUTOLINK.search(shown), shown
    assert "(adress till evil.example)," in shown.replace(WORD_JOINER, "")
    assert "](" not in shown


@pytest.mark.parametrize(
    ("address", "domain"),
    [
        ("https://www.Region.Sormland.se/vard?x=1", "www.region.sormland.se"),
        ("http://user@evil.example:8080/", "evil.example"),
        ("www.fou.sormland.se", "www.fou.sormland.se"),
        ("ftp://localhost/fil", ""),
    ],
)
def test_the_domain_an_address_leads_to(address: str, domain: str) -> None:
    from assistant.ui.text import domain_of

    assert domain_of(address) == domain
