"""Import problems in the window's language.

The services name each problem in English words a handler understands ("truncated JPEG", "not a picture: the file
is text", "skipped: a named pipe"); the window translates the known phrases piece by piece and keeps what it does
not know (a decoder's detail, a file name) as it is. ``kept`` problems say the original was stored all the same.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("problems", text)


def _phrases() -> list[tuple[re.Pattern[str], str]]:
    """(English pattern, translated template with \\1... for the kept parts). Built per call: the language may
    have changed since the last one."""
    rows = [
        (r"truncated JPEG \(the end of the file is blank\)", _t("truncated JPEG (the end of the file is blank)")),
        (r"truncated (\w+)", _t("truncated %1")),
        (r"damaged (\w+) picture \(cannot be opened\)", _t("damaged %1 picture (cannot be opened)")),
        (r"damaged (\w+) picture \((.*)\)", _t("damaged %1 picture (%2)")),
        (r"unreadable (\w+) \((.*)\)", _t("unreadable %1 (%2)")),
        (r"not a picture: (.*)", _t("not a picture: %1")),
        (r"not a video: (.*)", _t("not a video: %1")),
        (r"not a sound recording: (.*)", _t("not a sound recording: %1")),
        (r"not a PDF: (.*)", _t("not a PDF: %1")),
        (r"the file is text", _t("the file is text")),
        (r"the file is blank \(only zero bytes\)", _t("the file is blank (only zero bytes)")),
        (r"the file is a ZIP archive", _t("the file is a ZIP archive")),
        (r"unrecognised file content", _t("unrecognised file content")),
        (r"empty file", _t("empty file")),
        (r"not found", _t("not found")),
        (r"folder cannot be read \((.*)\)", _t("folder cannot be read (%1)")),
        (r"cannot be read \((.*)\)", _t("cannot be read (%1)")),
        (r"cannot be extracted \((.*)\)", _t("cannot be extracted (%1)")),
        (r"e-mail cannot be read \((.*)\)", _t("e-mail cannot be read (%1)")),
        (r"chat cannot be read \((.*)\)", _t("chat cannot be read (%1)")),
        (r"ZIP entry escapes the archive; not extracted", _t("ZIP entry escapes the archive; not extracted")),
        (r"encrypted ZIP entry; cannot be read", _t("encrypted ZIP entry; cannot be read")),
        (r"skipped: not a regular file \(link or device\)", _t("skipped: not a regular file (link or device)")),
        (r"skipped: broken symbolic link \(its target does not exist\)",
         _t("skipped: broken symbolic link (its target does not exist)")),
        (r"skipped: a folder, not a file", _t("skipped: a folder, not a file")),
        (r"skipped: (.*)", _t("skipped: %1")),
        (r"named in the chat but missing from the export", _t("named in the chat but missing from the export")),
        (r"picture format cannot be shown \(camera raw or unusual TIFF\)",
         _t("picture format cannot be shown (camera raw or unusual TIFF)")),
        (r"(\w+) pictures cannot be shown", _t("%1 pictures cannot be shown")),
        (r"damaged e-mail: the file ends inside its headers \(it was probably cut short\)",
         _t("damaged e-mail: the file ends inside its headers (it was probably cut short)")),
    ]
    return [(re.compile(rf"^{pattern}$", re.IGNORECASE | re.DOTALL), template) for pattern, template in rows]


def _one(text: str, phrases: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, template in phrases:
        m = pattern.match(text.strip())
        if m:
            out = template
            for i, group in enumerate(m.groups(), start=1):
                out = out.replace(f"%{i}", _one(group, phrases) if i == len(m.groups()) else group)
            return out
    return text


def problem_reason(reason: str, kept: bool = False) -> str:
    """``reason`` in the window's language; ``kept`` adds that the original was stored all the same."""
    text = _one(reason, _phrases())
    if kept:
        text = _t("%1 (kept as it arrived)").replace("%1", text)
    return text
