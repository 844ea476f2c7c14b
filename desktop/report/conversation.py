"""The conversation in the case file: the timeline of messages and media, and the response times on the cover.

The timeline lists every file once: with the message it came with ("Attachments: #3 IMG-….jpg"), or, for files
that came without a message (loose files, files the chat never names), as an entry of its own. A file the chat
names but the export lacks is called missing; "<Media omitted>" reads "media not included in the export".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table
from reportlab.platypus.flowables import Flowable

from desktop.core.model import MessageKind
from desktop.report import layout as lay
from desktop.report.data import CaseFileData, ReportFile, ReportItem, ReportMessage, ReportResponse
from desktop.report.i18n import Strings, fmt_datetime, fmt_int

_STATE_KEY = {"missing": "file_missing", "set-aside": "file_set_aside", "original": "file_original"}


def response_table(r: ReportResponse | None, s: Strings, st: lay.Styles, lang: str) -> list[Flowable]:
    """First customer message, first answer (with its working minutes), the norm, and every breach."""
    if r is None or r.first_message_at is None:
        return []
    minutes = lambda m: fmt_int(round(m), lang)  # noqa: E731
    answer = s("answer_after", at=fmt_datetime(r.first_answer_at, seconds=False),
               minutes=minutes(r.first_answer_minutes or 0)) if r.first_answer_at else s("no_answer")
    lines = []
    for b in r.breaches:
        at = fmt_datetime(b.message_at, seconds=False)
        if b.answered_at is not None:
            lines.append(s("breach_answered", at=at, minutes=minutes(b.minutes)))
        else:
            lines.append(s("breach_open", at=at, minutes=minutes(b.minutes),
                           due=fmt_datetime(b.due_at, seconds=False)))
    rows = [
        ("first_message", lay.para(fmt_datetime(r.first_message_at, seconds=False))),
        ("first_answer", lay.para(answer)),
        ("norm", lay.para(s("norm_minutes", minutes=minutes(r.norm_minutes)))),
        ("breaches", "<br/>".join(lay.para(x) for x in lines) or lay.para(s("none"))),
    ]
    if r.due_at is not None:
        rows.append(("due", lay.para(fmt_datetime(r.due_at, seconds=False))))
    table = Table([[Paragraph(s(k), st.label), Paragraph(v, st.body)] for k, v in rows],
                  colWidths=[50 * mm, lay.FRAME_W - 50 * mm], hAlign="LEFT")
    table.setStyle(lay.grid_style(header=False))
    return [Spacer(1, 8 * mm), Paragraph(lay.para(s("response")), st.h2), table]


MESSAGE_CHARS = 6000  # characters of one message in the case file (about two pages); the rest is named


def timeline(data: CaseFileData, s: Strings, st: lay.Styles,
             entry: Callable[[str, str], Paragraph]) -> list[Flowable]:
    """Messages and received media in time order (messages first at equal times)."""
    items = {it.number: it for it in data.items}
    entries: list[tuple[tuple, Paragraph]] = []
    on_message: set[int] = set()
    for index, msg in enumerate(data.messages):
        head = " · ".join(x for x in (fmt_datetime(msg.sent_at), lay.para(msg.sender, 120)) if x)
        files = msg.files or [ReportFile(items[n].name if n in items else "", n) for n in msg.attachment_numbers]
        on_message.update(f.number for f in files if f.number is not None)
        body = message_text(msg, files, s)
        listed = [file_line(f, items, s) for f in files]
        if listed:
            body += ("<br/>" if body else "") + f"<font color='{lay.MUTED_HEX}'>{s('attachments')}: " \
                    + "; ".join(listed) + "</font>"
        entries.append(((sort_key(msg.sent_at), 0, index), entry(head, body or "–")))
    for it in data.items:
        if it.number in on_message:
            continue
        when = it.received_at or it.taken_at
        head = " · ".join(x for x in (fmt_datetime(when), lay.para(it.sender, 120)) if x)
        body = lay.para(s("media_received", kind=s.kind(it.kind), ref=f"#{it.number}")) + ": " \
            + lay.bold(it.name, 150)
        entries.append(((sort_key(when), 1, it.number), entry(head, body)))
    entries.sort(key=lambda e: e[0])
    return [p for _, p in entries] or [Paragraph(s("empty"), st.body)]


def message_text(msg: ReportMessage, files: list[ReportFile], s: Strings) -> str:
    """The words of a message: "<Media omitted>" in words, an attachment line without the file name it repeats
    (the file is listed below it), captions kept."""
    if msg.kind == MessageKind.MEDIA_OMITTED:
        return f"<i>{lay.para(s('media_omitted'))}</i>"
    text = msg.text
    names = [f.name for f in files if f.name]
    if msg.kind == MessageKind.ATTACHMENT and names:
        first, _, rest = text.partition("\n")
        if any(n in first for n in names):
            text = rest
    text = text.strip("\n")
    if len(text) <= MESSAGE_CHARS:
        return lay.para(text)
    # a message of a megabyte (a damaged export, a pasted log) would take minutes to lay out and hundreds of pages
    return lay.para(text[:MESSAGE_CHARS].rstrip() + "…") + f"<br/><font color='{lay.MUTED_HEX}'><i>" \
        + lay.para(s("message_cut", n=fmt_int(len(text), s.lang))) + "</i></font>"


def file_line(f: ReportFile, items: dict[int, ReportItem], s: Strings) -> str:
    """``#3 IMG-….jpg`` for an included item, else the file and why it is not in this file."""
    if f.number is not None and f.number in items:
        return f"#{f.number} {lay.bold(f.name or items[f.number].name, 150)}"
    return lay.para(s(_STATE_KEY.get(f.state, "file_excluded"), name=lay.clean(f.name, 150)))


def sort_key(value: datetime | None) -> tuple[int, datetime]:
    """Sort naive (local) and aware times together; unknown times last."""
    if value is None:
        return (1, datetime.min)
    if value.utcoffset() is not None:
        value = value.astimezone().replace(tzinfo=None)
    return (0, value)
