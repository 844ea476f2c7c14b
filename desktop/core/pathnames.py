"""File names as text a handler can read and the library can store.

On Linux a file name is bytes; Python hands names that are not UTF-8 over with "surrogate escapes" (``'\\udcff'``),
which no database, JSON output, terminal or PDF accepts. ``readable`` turns such a name into real text: its bytes
read as Windows-1252 (the usual origin of such names: an old Windows PC, a ZIP from one), anything left as U+FFFD.
The file itself is still opened by its real name (its ``Path``); only what is shown and stored is this text.
"""

from __future__ import annotations


def readable(text: str) -> str:
    """``text`` unchanged when it is valid Unicode; else its undecodable bytes read as cp1252 ("badÿþname.jpg")."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for c in text:
        if 0xDC80 <= ord(c) <= 0xDCFF:  # an undecodable byte, escaped
            out.append(bytes([ord(c) - 0xDC00]).decode("cp1252", "replace"))
        elif 0xD800 <= ord(c) <= 0xDFFF:  # a lone surrogate that is no escaped byte (a Windows name)
            out.append("\ufffd")
        else:
            out.append(c)
    return "".join(out)
