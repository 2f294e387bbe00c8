"""Terminal escape sequences and control characters: never part of a document's text, never printed.

A document (or a file name, or a PDF's metadata) can carry what a terminal obeys instead of showing: an
OSC 8 hyperlink hidden behind ordinary words, a window-title change, concealed text (SGR 8), cursor moves
that overwrite what was printed, and bidirectional overrides that show text in another order than it is
read. Ingest removes them from the text (the words of a hyperlink or of concealed text stay, as plain
text); the CLI removes them from everything it prints.
"""

from __future__ import annotations

import re

from assistant.ingest.mapped_text import MappedText

# Whole sequences first, so their parameters (a hyperlink's address, a title) go with them.
_ESCAPE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC: hyperlinks (OSC 8), window titles
    r"|(?:\x1b[P^_X]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM and APC strings
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, concealed text, cursor moves, erasing
    r"|\x1b[ -/]*[0-~]?"  # any other escape (and a lone ESC)
)
# C0 and C1 controls but tab, line feed, vertical tab, form feed and carriage return (cleaning turns form
# feeds, vertical tabs and CR LF into line breaks); bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# For a terminal also: a carriage return not ending a line (it returns to overwrite), vertical tab, form feed.
_TERMINAL_ONLY = re.compile(r"\r(?!\n)|[\x0b\x0c]")


def remove_control(mapped: MappedText) -> MappedText:
    """The text without escape sequences and control characters, each kept character mapped to its origin."""
    mapped = mapped.sub(_ESCAPE, "")
    mapped = mapped.sub(_CONTROL, "")
    return mapped.sub("\x0b", "\n")  # Word writes a manual line break as a vertical tab


def terminal_safe(text: str) -> str:
    """Text that a terminal shows as it is: no escape sequences or control characters (tabs and lines kept)."""
    return _TERMINAL_ONLY.sub("", _CONTROL.sub("", _ESCAPE.sub("", text)))
