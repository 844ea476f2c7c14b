"""The case file's privacy parts: the cover note on what was redacted, and the audit-trail appendix."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from desktop.core.model import AuditAction
from desktop.core.redact import PiiKind
from desktop.report import layout as lay
from desktop.report.data import CaseFileData, ReportOptions
from desktop.report.i18n import Strings, fmt_datetime, fmt_int


def redaction_note(data: CaseFileData, options: ReportOptions, s: Strings, prepared: dict) -> list[Flowable]:
    """On the cover: which kinds of personal data were masked and how many of each; the faces blurred."""
    st = lay.make_styles()
    out: list[Flowable] = []
    if data.redactions is not None:
        kinds = ", ".join(f"{s.label(PiiKind, k)}: {fmt_int(data.redactions.get(k.value, 0), s.lang)}"
                          for k in PiiKind)
        out.append(Paragraph(f"{lay.para(s('redaction_masked'))} {lay.para(kinds)}.", st.body))
    if options.redact_faces:
        n = sum(p.faces for p in prepared.values() if p is not None)
        out.append(Paragraph(lay.para(s("faces_blurred", n=fmt_int(n, s.lang))), st.body))
    return [Spacer(1, 6 * mm), Paragraph(lay.para(s("redaction")), st.h2), *out] if out else []


def audit_appendix(data: CaseFileData, s: Strings) -> list[Flowable]:
    """The case's audit trail: time, handler, action and details of every event, and the newest hash."""
    st = lay.make_styles()
    rows: list[list[object]] = [[Paragraph(s(k), st.label) for k in ("at", "actor", "action", "details")]]
    for e in data.audit:
        rows.append([Paragraph(fmt_datetime(e.at), st.small), Paragraph(lay.para(e.actor, 100), st.small),
                     Paragraph(lay.para(s.label(AuditAction, e.action)), st.small),
                     Paragraph(lay.para(e.details, 600), st.small)])
    if len(rows) == 1:
        rows.append([Paragraph(s("empty"), st.small), "", "", ""])
    table = Table(rows, colWidths=[32 * mm, 28 * mm, 38 * mm, lay.FRAME_W - 98 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(lay.grid_style())
    out: list[Flowable] = [Paragraph(lay.para(s("audit_intro")), st.body), Spacer(1, 3 * mm), table]
    if data.audit_head:
        out += [Spacer(1, 3 * mm), Paragraph(lay.para(s("audit_head", sha=data.audit_head)), st.small)]
    return out
