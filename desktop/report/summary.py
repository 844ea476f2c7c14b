"""``summary.pdf``: the readable overview in a customer's copy of their data (GDPR art. 15), English or Dutch.

Built from plain records (``SummaryData``) with the case file's fonts, styles, page furniture and PDF/A metadata
(``desktop.report.layout``, ``desktop.report.pdfa``): who they are to us, their cases and how long each is kept,
their messages, the files they sent, the notes on their cases and every recorded action on their data.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import reportlab
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from desktop.core.model import AuditAction, CaptureSource, CaseKind, CaseStatus
from desktop.report import layout as lay
from desktop.report.i18n import Strings, fmt_date, fmt_datetime
from desktop.report.pdfa import DocInfo, apply_metadata, install_endstream_eol


@dataclass
class SummaryCase:
    ref: str
    title: str
    kind: str
    status: str
    opened_at: datetime | None
    closed_at: datetime | None
    kept_until: datetime | None  # None while open


@dataclass
class SummaryMessage:
    case: str
    sent_at: datetime | None
    sender: str
    text: str


@dataclass
class SummaryFile:
    case: str
    name: str
    kind: str
    taken_at: datetime | None
    taken_at_source: str | None
    received_at: datetime | None
    caption: str | None


@dataclass
class SummaryEntry:
    """A note or a recorded action: when, who, what."""

    case: str | None
    at: datetime | None
    who: str
    text: str


@dataclass
class SummaryData:
    organisation: str
    name: str
    phone: str | None
    email: str | None
    customer_since: datetime | None
    generated_at: datetime
    retention_years: dict[str, int]
    cases: list[SummaryCase] = field(default_factory=list)
    messages: list[SummaryMessage] = field(default_factory=list)
    files: list[SummaryFile] = field(default_factory=list)
    notes: list[SummaryEntry] = field(default_factory=list)
    history: list[SummaryEntry] = field(default_factory=list)  # ``text`` is an AuditAction


def render_summary(data: SummaryData, out: Path, lang: str, app_version: str) -> Path:
    """Write the overview to ``out`` (temporary name, then renamed)."""
    install_endstream_eol()
    lay.register_fonts()
    s, st = Strings(lang), lay.make_styles()
    story = _story(data, s, st)
    furniture = lay.Furniture(header_left=lay.clean(data.name, 120), page_of=lambda n: s("page_of", n=n),
                              footer_right=s("generated", at=fmt_datetime(data.generated_at, seconds=False),
                                             version=app_version))
    info = DocInfo(title=lay.clean(f"{s('your_data')} – {data.name}", 300), author=lay.clean(data.organisation, 200),
                   subject=s("your_data_at", org=lay.clean(data.organisation, 100)), keywords="GDPR, AVG, art. 15",
                   creator=f"Casedesk {app_version}",
                   producer=f"ReportLab {reportlab.Version} / Casedesk {app_version}", created=data.generated_at,
                   lang=lang)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    doc = lay.CaseDocTemplate(str(tmp), furniture, lambda: None, lang=lang, title=info.title)

    def make_canvas(*args, **kwargs):
        canv = lay.CaseCanvas(*args, **kwargs)
        canv.before_save = lambda c: apply_metadata(c, info, True)
        canv.showOutline()
        return canv

    try:
        doc.build(story, canvasmaker=make_canvas)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _section(key: str, s: Strings, st: lay.Styles) -> list[Flowable]:
    return [CondPageBreak(50 * mm), lay.Bookmark(key, s(key)), Paragraph(lay.para(s(key)), st.h1)]


def _table(header: list[str], rows: list[list[str]], widths: list[float], st: lay.Styles) -> Table:
    cells: list[list[object]] = [[Paragraph(h, st.label) for h in header]]
    cells += [[Paragraph(c or "–", st.small) for c in row] for row in rows] or [[Paragraph("–", st.small)]
                                                                            + [""] * (len(header) - 1)]
    table = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(lay.grid_style())
    return table


def _entry(head: str, body: str, st: lay.Styles) -> Paragraph:
    return Paragraph(f"<font size='7.5' color='{lay.MUTED_HEX}'><b>{head or '–'}</b></font><br/>{body}", st.entry)


def _story(d: SummaryData, s: Strings, st: lay.Styles) -> list[Flowable]:
    p = lay.para
    periods = "; ".join(s("years_after", kind=s.label(CaseKind, k), n=n) for k, n in sorted(d.retention_years.items()))
    story: list[Flowable] = [
        lay.Bookmark("your_data", s("your_data")),
        Paragraph(p(s("your_data")), st.title),
        Paragraph(p(s("your_data_at", org=d.organisation)), st.subtitle),
        Paragraph(p(s("summary_intro", at=fmt_datetime(d.generated_at, seconds=False))), st.body),
        Spacer(1, 2 * mm),
        Paragraph(p(s("counts_line", cases=len(d.cases), messages=len(d.messages), files=len(d.files),
                      notes=len(d.notes), events=len(d.history))), st.body),
        *_section("sec_you", s, st),
    ]
    you = [("name", d.name), ("phone", d.phone), ("email", d.email),
           ("customer_since", fmt_date(d.customer_since))]
    table = Table([[Paragraph(s(k), st.label), Paragraph(p(v) or "–", st.body)] for k, v in you],
                  colWidths=[45 * mm, lay.FRAME_W - 45 * mm], hAlign="LEFT")
    table.setStyle(lay.grid_style(header=False))
    story.append(table)
    story += _section("sec_cases", s, st)
    rows = [[p(c.ref), p(c.title, 200), p(s.label(CaseKind, c.kind)), p(s.label(CaseStatus, c.status)),
             fmt_date(c.opened_at), fmt_date(c.closed_at), fmt_date(c.kept_until) or p(s("kept_open"))]
            for c in d.cases]
    story += [_table([s(k) for k in ("ref", "title", "kind", "status", "opened", "closed", "kept_until")], rows,
                     [24, 46, 20, 22, 19, 19, 28], st),
              Spacer(1, 3 * mm), Paragraph(p(s("retention_note", periods=periods)), st.small)]
    story += _section("sec_messages", s, st)
    for m in d.messages:
        head = " · ".join(x for x in (m.case, fmt_datetime(m.sent_at), p(m.sender, 120)) if x)
        story.append(_entry(head, p(m.text), st))
    if not d.messages:
        story.append(Paragraph(s("empty"), st.body))
    story += _section("sec_files", s, st)
    rows = [[p(f.case), p(f.name, 160), p(s.kind(f.kind)),
             " ".join(x for x in (fmt_datetime(f.taken_at),
                                  f"({p(s.label(CaptureSource, f.taken_at_source, short=True))})"
                                  if f.taken_at and f.taken_at_source else "") if x),
             fmt_datetime(f.received_at), p(f.caption, 300)] for f in d.files]
    story.append(_table([s(k) for k in ("case", "file_name", "type", "taken", "received_at", "caption")], rows,
                        [22, 44, 22, 32, 30, 28], st))
    if d.notes:
        story += _section("sec_notes", s, st)
        story += [_entry(" · ".join(x for x in (n.case or "", fmt_datetime(n.at), p(n.who, 100)) if x), p(n.text), st)
                  for n in d.notes]
    story += _section("sec_history", s, st)
    rows = [[fmt_datetime(h.at), p(h.case or "–"), p(h.who, 100), p(s.label(AuditAction, h.text))]
            for h in d.history]
    story.append(_table([s(k) for k in ("at", "case", "actor", "action")], rows, [36, 26, 40, 76], st))
    return story
