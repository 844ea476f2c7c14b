"""The case file: ``render_case_file(data, out, options)`` writes the PDF a claims department receives.

Sections, in order: cover, timeline, photos, videos, voice notes and documents, duplicates and edited copies, notes and
the integrity manifest; each has an outline entry. Pictures are prepared for print first (``images.prepare_all``,
in parallel), then reportlab lays the pages out in one pass. The file is written to a temporary name in the target
folder and renamed when complete, so a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from PIL import Image
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    XPreformatted,
)
from reportlab.platypus.flowables import Flowable

from desktop.core.model import CaseKind, CaseStatus, DupKind, Flag, MediaKind
from desktop.core.progress import CancelToken, Progress, null_progress, subrange
from desktop.core.transform_text import region_text, transform_text
from desktop.report import conversation, privacy
from desktop.report import images as pictures
from desktop.report import layout as lay
from desktop.report.data import (
    CaseFileData,
    ReportItem,
    ReportOptions,
    manifest_line,
    payload_oxum,
    redacted,
)
from desktop.report.i18n import Strings, fmt_date, fmt_datetime, fmt_duration, fmt_int, fmt_size
from desktop.report.pdfa import DocInfo, apply_metadata, install_endstream_eol

_CAPTION_LIMIT = {1: 1500, 2: 600, 4: 220}
_KEYFRAME_W = (lay.FRAME_W - 3 * 3 * mm) / 4


def render_case_file(
    data: CaseFileData,
    out: Path,
    options: ReportOptions,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Render ``data`` to the PDF ``out`` (replaced if present) and return its path.

    ``progress(done, total, message)`` is told about picture preparation and page layout; ``cancel`` is checked
    between pictures and flowables and raises ``desktop.core.progress.Cancelled``. Unreadable originals get a
    placeholder and a note in their caption; they do not stop the export.
    """
    progress = progress or null_progress
    out = Path(out)
    if options.redact:
        data = redacted(data)
    rl_config.useA85 = 0  # ASCII85 only makes binary streams 25 % larger; nothing in Casedesk wants it.
    install_endstream_eol()
    lay.register_fonts()
    s = Strings(options.lang)
    post = None
    if options.redact_faces:
        from desktop.report import faces

        faces.find_faces(Image.new("RGB", (64, 64)))  # no detector: refused before any work, in one sentence
        post = faces.blur_faces
    prepared = pictures.prepare_all(
        _image_jobs(data, options),
        workers=min(4, os.cpu_count() or 1),
        cancel=cancel,
        on_done=lambda done, total: subrange(progress, 0.0, 0.7)(done, total, s("sec_photos")),
        post=post,
    )
    report = _Report(data, options, s, prepared)
    story = report.story()
    layout_progress = subrange(progress, 0.7, 1.0)
    total, drawn = len(story), [0]  # reportlab consumes the story list while building

    def on_flowable() -> None:
        if cancel is not None:
            cancel.check()
        drawn[0] = min(drawn[0] + 1, total)  # split flowables are reported once per part
        layout_progress(drawn[0], total, out.name)

    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        report.build(story, tmp, on_flowable)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    progress(1000, 1000, out.name)
    return out


def _image_jobs(data: CaseFileData, options: ReportOptions) -> list[pictures.ImageJob]:
    """Every picture to prepare: included photos at their cell size, video key frames at strip size."""
    cell_w, cell_h = pictures.cell_size(options.per_page)
    box = (cell_w, cell_h - (95 if options.per_page == 4 else 70))
    jobs = [
        pictures.ImageJob(("item", it.number), it.path, box, it.rotation)
        for it in data.items
        if it.kind == MediaKind.IMAGE and it.path is not None
    ]
    for it in data.items:
        if it.kind == MediaKind.VIDEO:
            for index, frame in enumerate(it.keyframes[:4]):
                jobs.append(pictures.ImageJob(("frame", it.number, index), frame, (_KEYFRAME_W, _KEYFRAME_W),
                                              it.rotation))
    return jobs


class _Report:
    """Builds the story (the list of flowables) for one case file."""

    def __init__(self, data: CaseFileData, options: ReportOptions, s: Strings, prepared: dict) -> None:
        self.data, self.options, self.s, self.prepared = data, options, s, prepared
        self.st = lay.make_styles()

    def build(self, story: list[Flowable], path: Path, on_flowable) -> None:
        """Lay ``story`` out into ``path`` with our page template, canvas and metadata."""
        s, case, opts = self.s, self.data.case, self.options
        generated = fmt_datetime(opts.generated_at, seconds=False)
        furniture = lay.Furniture(
            header_left=" · ".join(x for x in (case.ref, case.customer_name) if x),
            page_of=lambda n: s("page_of", n=n),
            footer_right=s("generated", at=generated, version=opts.app_version),
        )
        title = lay.clean(f"{s('case_file')} {case.ref}" + (f" – {case.title}" if case.title else ""), 300)
        info = DocInfo(
            title=title,
            author=lay.clean(case.handler or "Casedesk", 200),
            subject=s("subject", ref=lay.clean(case.ref, 100)),
            keywords=", ".join(
                x for x in (s("keywords"), lay.clean(case.ref, 100), case.policy_ref or "") if x
            ),
            creator=f"Casedesk {opts.app_version}",
            producer=f"ReportLab {reportlab.Version} / Casedesk {opts.app_version}",
            created=opts.generated_at,
            lang=opts.lang,
        )
        doc = lay.CaseDocTemplate(str(path), furniture, on_flowable, lang=opts.lang, title=info.title)

        def make_canvas(*args, **kwargs):
            canv = lay.CaseCanvas(*args, **kwargs)
            canv.before_save = lambda c: apply_metadata(c, info, opts.pdfa)
            canv.showOutline()
            return canv

        doc.build(story, canvasmaker=make_canvas)

    # --- story ---------------------------------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        """All sections in order; empty ones are left out (the manifest never is)."""
        items = self.data.items
        photos = [it for it in items if it.kind == MediaKind.IMAGE]
        videos = [it for it in items if it.kind == MediaKind.VIDEO]
        others = [it for it in items if it.kind not in (MediaKind.IMAGE, MediaKind.VIDEO)]
        story = self.cover()
        if self.data.messages or items:
            story += self.section("timeline", PageBreak()) + self.timeline()
        if photos:
            story += self.section("photos", PageBreak()) + self.photos(photos)
        if videos:
            story += self.section("videos", PageBreak()) + self.videos(videos)
        if others:
            story += self.section("other", CondPageBreak(70 * mm)) + self.others(others)
        if self.options.with_duplicates and self.data.duplicates:
            story += self.section("duplicates", CondPageBreak(70 * mm)) + self.duplicates()
        if self.data.notes:
            story += self.section("notes", CondPageBreak(60 * mm)) + self.notes()
        story += self.section("manifest", CondPageBreak(90 * mm)) + self.manifest()
        if self.options.with_audit:
            story += self.section("audit", PageBreak()) + self.audit()
        return story

    def section(self, key: str, brk: Flowable) -> list[Flowable]:
        """A section start: page break, outline entry, heading."""
        title = self.s(f"sec_{key}")
        return [brk, lay.Bookmark(key, title), Paragraph(lay.para(title), self.st.h1)]

    def cover(self) -> list[Flowable]:
        """Case data and the three counts."""
        s, st, case = self.s, self.st, self.data.case
        redact = self.options.redact
        sub = lay.bold(case.ref, 120) + (" – " + lay.para(case.title, 300) if case.title else "")
        rows = [
            ("ref", lay.para(case.ref, 200)),
            ("title", lay.para(case.title, 500)),
            ("kind", lay.para(s.label(CaseKind, case.kind))),
            ("status", lay.para(s.label(CaseStatus, case.status))),
            ("customer", lay.para(case.customer_name, 200)),
            (
                "phone",
                lay.para(s("redacted") if redact and case.customer_phone else case.customer_phone, 100),
            ),
            ("email", lay.para(case.customer_email, 200)),
            ("policy", lay.para(case.policy_ref, 200)),
            ("incident", fmt_date(case.incident_date)),
            ("opened", fmt_datetime(case.opened_at, seconds=False)),
            ("closed", fmt_datetime(case.closed_at, seconds=False)),
            ("handler", lay.para(case.handler, 200)),
        ]
        table = Table(
            [[Paragraph(s(k), st.label), Paragraph(v or "–", st.body)] for k, v in rows],
            colWidths=[50 * mm, lay.FRAME_W - 50 * mm],
            hAlign="LEFT",
        )
        table.setStyle(lay.grid_style(header=False))
        counts = [(case.received, "received"), (case.set_aside, "set_aside"), (case.included, "included")]
        boxes = Table(
            [
                [
                    [Paragraph(fmt_int(n, self.options.lang), st.number), Paragraph(s(k), st.small)]
                    for n, k in counts
                ]
            ],
            colWidths=[lay.FRAME_W / 3] * 3,
        )
        boxes.setStyle(
            lay.table_style(
                ("BACKGROUND", (0, 0), (-1, -1), lay.SHADE),
                ("LINEAFTER", (0, 0), (1, 0), 2, lay.colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            )
        )
        story: list[Flowable] = [
            lay.Bookmark("cover", s("sec_cover")),
            Paragraph(lay.para(s("case_file")), st.title),
            Paragraph(sub, st.subtitle),
            table,
            Spacer(1, 10 * mm),
            boxes,
            *self.response(),
            *self.redaction_note(),
        ]
        if self.data.missing:
            names = ", ".join(self.data.missing[:20]) + (" …" if len(self.data.missing) > 20 else "")
            story += [Spacer(1, 6 * mm),
                      Paragraph(lay.bold(s("missing_cover", n=len(self.data.missing), names=names), 2000),
                                st.body)]
        return story

    def redaction_note(self) -> list[Flowable]:
        return privacy.redaction_note(self.data, self.options, self.s, self.prepared)

    def audit(self) -> list[Flowable]:
        return privacy.audit_appendix(self.data, self.s)

    def response(self) -> list[Flowable]:
        """First customer message, first answer (working minutes) and every breach of the norm."""
        return conversation.response_table(self.data.case.response, self.s, self.st, self.options.lang)

    def timeline(self) -> list[Flowable]:
        """Messages and received media in time order; each file once (``desktop.report.conversation``)."""
        return conversation.timeline(self.data, self.s, self.st, self._entry)

    def _entry(self, head: str, body: str) -> Paragraph:
        """A timeline or note entry: a small grey heading line, then the indented text. One paragraph, so a long
        message splits across pages right where the page ends."""
        return Paragraph(
            f"<font size='7.5' color='{lay.MUTED_HEX}'><b>{head or '–'}</b></font><br/>{body}", self.st.entry
        )

    def photos(self, photos: list[ReportItem]) -> list[Flowable]:
        """One ``PhotoGrid`` per page of ``per_page`` photos."""
        per_page = self.options.per_page
        cols, rows = {1: (1, 1), 2: (1, 2), 4: (2, 2)}[per_page]
        width = pictures.cell_size(per_page)[0]
        story: list[Flowable] = []
        for start in range(0, len(photos), per_page):
            cells = [self._photo_cell(it, width) for it in photos[start : start + per_page]]
            if start:
                story.append(PageBreak())
            story.append(pictures.PhotoGrid(cells, cols, rows))
        return story

    def _photo_cell(self, it: ReportItem, width: float) -> pictures.PhotoCell:
        compact = self.options.per_page == 4
        style = self.st.small if not compact else self.st.tiny
        heading = Paragraph(f"<b>#{it.number}</b>&nbsp;&nbsp;{lay.bold(it.name, 160)}", style)
        image = self.prepared.get(("item", it.number))
        picture = pictures.PictureBox(image, width, 100, self.s("missing_original" if it.missing else "unreadable"))
        caption = lay.caption_table(self._caption_rows(it), width, 1 if compact else 2, compact)
        return pictures.PhotoCell(heading, picture, caption)

    def _caption_rows(self, it: ReportItem) -> list[tuple[str, str]]:
        unreadable = it.kind == MediaKind.IMAGE and self.prepared.get(("item", it.number)) is None
        limit = _CAPTION_LIMIT[self.options.per_page]
        return lay.caption_rows(it, self.s, self.options, limit, unreadable)

    def videos(self, videos: list[ReportItem]) -> list[Flowable]:
        """Per video: heading with duration, four key frames, caption."""
        story: list[Flowable] = []
        for it in videos:
            frames = []
            for index in range(4):
                image = self.prepared.get(("frame", it.number, index))
                frames.append(pictures.PictureBox(image, _KEYFRAME_W, _KEYFRAME_W * 0.75, "–"))
            strip = Table([frames], colWidths=[_KEYFRAME_W + 3 * mm] * 4, hAlign="LEFT")
            strip.setStyle(
                lay.table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0))
            )
            heading = f"<b>#{it.number}</b>&nbsp;&nbsp;{lay.bold(it.name, 160)}"
            if it.duration_s is not None:
                heading += f"&nbsp;&nbsp;·&nbsp;&nbsp;{fmt_duration(it.duration_s)}"
            block = [
                Paragraph(heading, self.st.body),
                Spacer(1, 2 * mm),
                strip,
                lay.caption_table(self._caption_rows(it), lay.FRAME_W, 2, False),
                Spacer(1, 7 * mm),
            ]
            story.append(KeepTogether(block))
        return story

    def others(self, others: list[ReportItem]) -> list[Flowable]:
        """Voice notes, documents and other files as a table."""
        s, st = self.s, self.st
        header = [s("no"), s("file_name"), s("type"), s("duration"), s("pixels"), s("received_at"), s("sha")]
        rows: list[list[object]] = [[Paragraph(h, st.label) for h in header]]
        for it in others:
            name = lay.bold(it.name, 200)
            extra = [lay.para(s.label(Flag, f)) for f in it.flags] + (
                [lay.para(it.caption, 400)] if it.caption else []
            )
            if extra:
                name += "<br/>" + "<br/>".join(extra)
            received = "<br/>".join(x for x in (fmt_datetime(it.received_at), lay.para(it.sender, 80)) if x)
            cells = [
                f"#{it.number}",
                name,
                lay.para(s.kind(it.kind)),
                fmt_duration(it.duration_s) or "–",
                fmt_size(it.size, self.options.lang),
                received or "–",
                lay.short_sha(it.sha256),
            ]
            rows.append([Paragraph(c, st.small) for c in cells])
        widths = [10, 50, 22, 14, 14, 44, 24]
        table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT")
        table.setStyle(lay.grid_style())
        return [table]

    def duplicates(self) -> list[Flowable]:
        """Each set-aside file and each edited copy kept beside its original (the intro says which is which), the
        kept item it is a copy of, how alike they are, and what was done to it: "cropped 6 % left and 3 % top, 10 %
        brighter"."""
        s, st = self.s, self.st
        header = [s("file_name"), s("dup_of"), s("level"), s("dup_changes"), s("sha")]
        rows: list[list[object]] = [[Paragraph(h, st.label) for h in header]]
        for dup in self.data.duplicates:
            level = lay.para(s.label(DupKind, dup.level))
            done = "; ".join(t for t in (transform_text(dup.transform, s.lang), region_text(dup.region, s.lang)) if t)
            cells = [
                lay.para(dup.name, 200),
                f"#{dup.keeper_number} {lay.para(dup.keeper_name, 200)}" if dup.keeper_number else
                lay.para(dup.keeper_name, 200),
                level,
                lay.para(done, 400) if done else "—",
                lay.short_sha(dup.sha256),
            ]
            rows.append([Paragraph(c, st.small) for c in cells])
        table = Table(rows, colWidths=[42 * mm, 40 * mm, 24 * mm, 50 * mm, 23 * mm], repeatRows=1, hAlign="LEFT")
        table.setStyle(lay.grid_style())
        return [Paragraph(lay.para(s("dup_intro")), st.body), Spacer(1, 3 * mm), table]

    def notes(self) -> list[Flowable]:
        """The handler's notes, oldest first."""
        story: list[Flowable] = []
        for note in sorted(self.data.notes, key=lambda n: conversation.sort_key(n.created_at)):
            head = " · ".join(x for x in (fmt_datetime(note.created_at), lay.para(note.author, 120)) if x)
            story.append(self._entry(head, lay.para(note.text)))
        return story

    def manifest(self) -> list[Flowable]:
        """BagIt manifest lines of every original, how to verify them, and their sizes."""
        s, st = self.s, self.st
        entries = self.data.manifest
        code = lay.ParagraphStyle("code", st.tiny, fontSize=6.6, leading=8.6)
        lines: list[str] = []
        for entry in entries:
            lines += lay.wrap_chars(
                lay.clean(manifest_line(entry)), code.fontName, code.fontSize, lay.FRAME_W
            )
        sizes: list[list[object]] = [[Paragraph(s("bytes"), st.label), Paragraph(s("file_name"), st.label)]]
        for entry in entries:
            sizes.append(
                [
                    Paragraph(fmt_int(entry.size, self.options.lang), st.right),
                    Paragraph(lay.para(entry.name, 200), st.small),
                ]
            )
        table = Table(sizes, colWidths=[28 * mm, lay.FRAME_W - 28 * mm], repeatRows=1, hAlign="LEFT")
        table.setStyle(lay.grid_style())
        oxum = f"{s('oxum')}: {payload_oxum(entries)}"
        return [
            Paragraph(lay.para(s("manifest_intro")), st.body),
            Spacer(1, 3 * mm),
            XPreformatted(escape("\n".join(lines)), code),
            Spacer(1, 3 * mm),
            Paragraph(lay.para(s("manifest_verify")), st.small),
            Paragraph(lay.para(oxum), st.small),
            CondPageBreak(40 * mm),
            Paragraph(lay.para(s("manifest_sizes")), st.h2),
            table,
        ]
