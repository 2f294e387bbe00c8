"""Tests for assistant.ui.text: document text shown as Markdown exactly as written, cited sentences marked."""

from __future__ import annotations

from assistant.retrieval.neighbours import Sentence
from assistant.ui.text import plain, sentences_markdown


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
