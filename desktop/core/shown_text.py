"""Customer text as people are shown it: on the terminal, in the window, in the PDF.

A customer's file name, message, name or case title may hold characters that a terminal or a text renderer acts
on instead of showing: escape sequences (colours, the window title, worse), bell, backspace, carriage return (text
that overwrites the line before), C1 controls (U+009B is CSI to some terminals), and bidi embeddings, overrides and
isolates (U+202A-U+202E, U+2066-U+2069): "photo\\u202egpj.exe" is drawn as "photoexe.jpg", and the rest of its line
with it. ``shown`` replaces each with U+FFFD, so the handler sees that something is there and nothing is hidden.
Line breaks and tabs stay (a message keeps its lines); a left-to-right or right-to-left mark (U+200E, U+200F, which
WhatsApp puts before its file names) stays too: it turns no text around.

Only what is shown changes: the database, the JSON output and every file written keep the text as it came.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# Read-only: the command line builds its JSON escapes and its progress stream's table from it.
UNSHOWN: dict[int, str] = {c: REPLACEMENT for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
                                                     *range(0x202A, 0x202F), *range(0x2066, 0x206A))}

# One line (a window title, a thumbnail's name): line breaks and tabs as spaces too; U+2028 and U+2029 break lines
# in a window's text.
_ONE_LINE: dict[int, str] = {**UNSHOWN, 0x09: " ", 0x0A: " ", 0x2028: " ", 0x2029: " "}


def _any_of(codes: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in sorted(codes)) + "]")


# A search, not str.translate: a model's ``data`` shows a message of a megabyte on every repaint, and translate looks
# up every character of a text that is not ASCII (55 ms for a megabyte, the search 3 ms).
_FIND, _FIND_LINE = _any_of(UNSHOWN), _any_of(_ONE_LINE)


def shown(text: str, *, one_line: bool = False) -> str:
    """``text`` as it may be shown literally: control characters and bidi controls as U+FFFD, line breaks and tabs
    kept (``one_line``: as spaces)."""
    if one_line:
        return _FIND_LINE.sub(lambda m: _ONE_LINE[ord(m[0])], text)
    return _FIND.sub(REPLACEMENT, text)
