"""Import problems in the window's language.

The services name each problem in English words a handler understands ("truncated JPEG", "not a picture: the file
is text", "skipped: a named pipe"); the window translates the known phrases piece by piece and keeps what it does
not know (a decoder's detail, a file name) as it is. ``kept`` problems say the original was stored all the same.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.core.model import ImportReport
from desktop.ui.shown import shown


def _t(text: str) -> str:
    return QCoreApplication.translate("problems", text)


def _phrases() -> list[tuple[re.Pattern[str], str]]:
    """(English pattern, translated template with \\1... for the kept parts). Built per call: the language may
    have changed since the last one."""
    rows = [
        (r"truncated JPEG \(the end of the file is blank\)", QCoreApplication.translate("problems", "truncated JPEG (the end of the file is blank)")),
        (r"truncated (\w+)", QCoreApplication.translate("problems", "truncated %1")),
        (r"damaged (\w+) picture \(cannot be opened\)", QCoreApplication.translate("problems", "damaged %1 picture (cannot be opened)")),
        (r"damaged (\w+) picture \((.*)\)", QCoreApplication.translate("problems", "damaged %1 picture (%2)")),
        (r"unreadable (\w+) \((.*)\)", QCoreApplication.translate("problems", "unreadable %1 (%2)")),
        (r"not a picture: (.*)", QCoreApplication.translate("problems", "not a picture: %1")),
        (r"not a video: (.*)", QCoreApplication.translate("problems", "not a video: %1")),
        (r"not a sound recording: (.*)", QCoreApplication.translate("problems", "not a sound recording: %1")),
        (r"not a PDF: (.*)", QCoreApplication.translate("problems", "not a PDF: %1")),
        (r"the file is text", QCoreApplication.translate("problems", "the file is text")),
        (r"the file is blank \(only zero bytes\)", QCoreApplication.translate("problems", "the file is blank (only zero bytes)")),
        (r"the file is a ZIP archive", QCoreApplication.translate("problems", "the file is a ZIP archive")),
        (r"unrecognised file content", QCoreApplication.translate("problems", "unrecognised file content")),
        (r"empty file", QCoreApplication.translate("problems", "empty file")),
        (r"not found", QCoreApplication.translate("problems", "not found")),
        (r"folder cannot be read \((.*)\)", QCoreApplication.translate("problems", "folder cannot be read (%1)")),
        (r"cannot be read \((.*)\)", QCoreApplication.translate("problems", "cannot be read (%1)")),
        (r"cannot be extracted \((.*)\)", QCoreApplication.translate("problems", "cannot be extracted (%1)")),
        (r"e-mail cannot be read \((.*)\)", QCoreApplication.translate("problems", "e-mail cannot be read (%1)")),
        (r"chat cannot be read \((.*)\)", QCoreApplication.translate("problems", "chat cannot be read (%1)")),
        (r"ZIP entry escapes the archive; not extracted", QCoreApplication.translate("problems", "ZIP entry escapes the archive; not extracted")),
        (r"encrypted ZIP entry; cannot be read", QCoreApplication.translate("problems", "encrypted ZIP entry; cannot be read")),
        (r"skipped: not a regular file \(link or device\)", QCoreApplication.translate("problems", "skipped: not a regular file (link or device)")),
        (r"skipped: broken symbolic link \(its target does not exist\)",
         QCoreApplication.translate("problems", "skipped: broken symbolic link (its target does not exist)")),
        (r"skipped: a folder, not a file", QCoreApplication.translate("problems", "skipped: a folder, not a file")),
        (r"skipped: (.*)", QCoreApplication.translate("problems", "skipped: %1")),
        (r"named in the chat but missing from the export", QCoreApplication.translate("problems", "named in the chat but missing from the export")),
        (r"picture format cannot be shown \(camera raw or unusual TIFF\)",
         QCoreApplication.translate("problems", "picture format cannot be shown (camera raw or unusual TIFF)")),
        (r"(\w+) pictures cannot be shown", QCoreApplication.translate("problems", "%1 pictures cannot be shown")),
        (r"the e-mail's date \(([-0-9: ]+)\) lies in the future: (.*)",
         QCoreApplication.translate("problems", "the e-mail's date (%1) lies in the future: %2")),
        (r"the e-mail's date \(([-0-9: ]+)\) is before e-mail existed: (.*)",
         QCoreApplication.translate("problems", "the e-mail's date (%1) is before e-mail existed: %2")),
        (r"the time the mail server received it is used \(([-0-9: ]+)\)",
         QCoreApplication.translate("problems", "the time the mail server received it is used (%1)")),
        (r"the message has no time", QCoreApplication.translate("problems", "the message has no time")),
        (r"damaged e-mail: the file ends inside its headers \(it was probably cut short\)",
         QCoreApplication.translate("problems", "damaged e-mail: the file ends inside its headers (it was probably cut short)")),
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
    """``reason`` in the window's language, ``shown`` (it may quote a name or a decoder's detail); ``kept`` adds that
    the original was stored all the same."""
    text = _one(reason, _phrases())
    if kept:
        text = QCoreApplication.translate("problems", "%1 (kept as it arrived)").replace("%1", text)
    return shown(text)


def problem_rows(report: ImportReport) -> list[tuple[str, str]]:
    """(file, why) for each file of an import with a problem and each file its chat named but did not hold."""
    rows = [(p.path, problem_reason(p.reason, p.kept)) for p in report.rejected]
    rows += [(name, problem_reason("named in the chat but missing from the export")) for name in report.missing]
    return rows
