"""Text as one Markdown table cell (assistant/text/markdown_cells.py)."""

from __future__ import annotations

from assistant.text.markdown_cells import markdown_cell


def test_a_cell_is_one_line_with_markdown_and_html_escaped():
    assert markdown_cell("a |\n b <i>[x]</i> & `y`") == r"a \| b &lt;i&gt;\[x\]&lt;/i&gt; &amp; \`y\`"
    assert markdown_cell(None) == "" and markdown_cell(7) == "7"
    assert markdown_cell('"3. Förebyggande"') == '"3. Förebyggande"'  # no list or quote escapes in a cell


def test_a_long_cell_is_cut_at_a_word():
    assert markdown_cell("ett två tre fyra", max_chars=9) == "ett två …"
    assert markdown_cell("abcdefghij", max_chars=4) == "abcd …"
