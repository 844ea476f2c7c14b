"""Page furniture, fonts, styles, safe text and captions of the case file.

Everything a customer typed reaches reportlab through ``para()`` or ``clean()``: characters the shipped font lacks
become a visible ``□``, control characters and bidi controls too (``core.shown_text``: reportlab draws text as given,
but a reader's copy, search and screen reader would turn "photo\u202egpj.exe" around), and ``<``/``&`` are escaped,
so customer text never becomes markup.
The document template draws the header (case reference, customer, section) and the footer (page *n of N*, when
and by which version it was generated). *N* is a form XObject that the canvas defines when it saves, so one layout
pass is enough.
"""

from __future__ import annotations

import importlib.resources
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from desktop.core.model import CaptureSource, Flag, MediaKind
from desktop.core.shown_text import UNSHOWN
from desktop.report.data import ReportItem, ReportOptions
from desktop.report.i18n import Strings, fmt_date, fmt_datetime, fmt_duration, fmt_size

FONT = "CasedeskSans"
FONT_BOLD = "CasedeskSans-Bold"
MISSING_GLYPH = "□"
PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
HEADER_H = 10 * mm
FOOTER_H = 10 * mm
FRAME_W = PAGE_W - 2 * MARGIN
FRAME_H = PAGE_H - 2 * MARGIN - HEADER_H - FOOTER_H
INK = colors.HexColor("#1E2329")
ACCENT = colors.HexColor("#1F4E79")
MUTED_HEX = "#5B6470"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#C9D0D8")
SHADE = colors.HexColor("#EEF2F6")
WARN_HEX = "#A0460A"
_TOTAL_FORM = "casedeskPageTotal"
# Characters absorbed after a replaced one: zero-width joiner, variation selectors, skin-tone modifiers.
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)}


def resource_path(*parts: str) -> Path:
    """A file under the top-level ``resources/`` folder (source tree), or ``desktop/resources`` when installed."""
    path = Path(__file__).resolve().parents[2] / "resources"
    if not path.is_dir():
        path = Path(str(importlib.resources.files("desktop") / "resources"))
    return path.joinpath(*parts)


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register DejaVu Sans (regular, bold) with reportlab once; return the code points both fonts can draw."""
    regular = TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf")))
    bold = TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf")))
    for font in (regular, bold):
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


def clean(text: object, limit: int | None = None, keep_newlines: bool = False) -> str:
    """Plain text the font can draw: missing glyphs, control characters and bidi controls shown as ``□``, never
    dropped.

    ``limit`` cuts long text with an ellipsis. Newlines become spaces unless ``keep_newlines``.
    """
    glyphs = register_fonts()
    text = "" if text is None else str(text)
    if limit is not None and len(text) > limit:
        text = text[: max(1, limit - 1)].rstrip() + "…"
    out: list[str] = []
    replaced = joined = False
    for ch in text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "):
        code = ord(ch)
        if joined:  # the character after a zero-width joiner in a sequence already shown as a box
            joined = False
            continue
        if ch == "\n":
            out.append("\n" if keep_newlines else " ")
            replaced = False
        elif replaced and code in _JOINERS:
            joined = code == 0x200D  # part of the emoji sequence already shown as one box
        elif code in glyphs and code not in UNSHOWN and unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"):
            out.append(ch)
            replaced = False
        elif code in _JOINERS:
            continue  # a joiner or selector on a drawable character: invisible anyway
        else:
            out.append(MISSING_GLYPH)
            replaced = True
    return "".join(out)


def wrap_chars(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines at most ``width`` wide, anywhere (for hashes and paths: no words to keep)."""
    lines: list[str] = []
    while pdfmetrics.stringWidth(text, font, size) > width:
        cut = len(text)
        while cut > 1 and pdfmetrics.stringWidth(text[:cut], font, size) > width:
            cut = max(1, int(cut * 0.9))
        lines.append(text[:cut])
        text = text[cut:]
    return [*lines, text]


def para(text: object, limit: int | None = None) -> str:
    """Customer text as Paragraph markup: cleaned, escaped, line breaks kept."""
    return escape(clean(text, limit, keep_newlines=True)).replace("\n", "<br/>")


def bold(text: object, limit: int | None = None) -> str:
    """Customer text as bold Paragraph markup."""
    return f"<b>{para(text, limit)}</b>"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the case file."""

    body: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    label: ParagraphStyle
    tiny_label: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    number: ParagraphStyle
    entry: ParagraphStyle
    right: ParagraphStyle


@lru_cache(maxsize=1)
def make_styles() -> Styles:
    """The styles, built once (they reference the registered fonts)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK, splitLongWords=1)
    small = ParagraphStyle("small", body, fontSize=7.5, leading=9.5)
    tiny = ParagraphStyle("tiny", body, fontSize=6.5, leading=8)
    return Styles(
        body=body,
        small=small,
        tiny=tiny,
        label=ParagraphStyle("label", small, textColor=MUTED),
        tiny_label=ParagraphStyle("tiny_label", tiny, textColor=MUTED),
        h1=ParagraphStyle(
            "h1",
            body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=8,
        ),
        h2=ParagraphStyle(
            "h2", body, fontName=FONT_BOLD, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2
        ),
        title=ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=24, leading=29, textColor=ACCENT),
        subtitle=ParagraphStyle("subtitle", body, fontSize=12.5, leading=16, spaceBefore=4, spaceAfter=14),
        number=ParagraphStyle("number", body, fontName=FONT_BOLD, fontSize=20, leading=24, textColor=ACCENT),
        entry=ParagraphStyle("entry", body, leftIndent=8 * mm, firstLineIndent=-8 * mm, spaceAfter=5),
        right=ParagraphStyle("right", small, alignment=TA_RIGHT),
    )


def table_style(*commands: tuple) -> TableStyle:
    """A TableStyle whose plain-string cells use our font too (reportlab's default is Helvetica, not embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def grid_style(header: bool = True) -> TableStyle:
    """Thin rules, a shaded header row that repeats on every page."""
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    return table_style(*commands)


def caption_table(rows: list[tuple[str, str]], width: float, pairs: int, compact: bool) -> Table:
    """Label/value rows as a table with ``pairs`` label-value column pairs; long values span the row."""
    st = make_styles()
    label_style, value_style = (st.tiny_label, st.tiny) if compact else (st.label, st.small)
    label_w = (15 if compact else 19) * mm
    value_w = width / pairs - label_w
    data: list[list[object]] = []
    spans: list[tuple[int, int]] = []
    current: list[object] = []
    for label, value in rows:
        cell = [Paragraph(escape(label), label_style), Paragraph(value, value_style)]
        if len(value) > 90 and pairs > 1:  # a long value (the handler's caption) gets the full width
            if current:
                data.append(current + [""] * (2 * pairs - len(current)))
                current = []
            spans.append((len(data), 2 * pairs - 1))
            data.append(cell + [""] * (2 * pairs - 2))
            continue
        current += cell
        if len(current) == 2 * pairs:
            data.append(current)
            current = []
    if current:
        data.append(current + [""] * (2 * pairs - len(current)))
    table = Table(data, colWidths=[label_w, value_w] * pairs, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
    ]
    commands += [("SPAN", (1, row), (last, row)) for row, last in spans]
    table.setStyle(table_style(*commands))
    return table


def short_sha(sha256: str) -> str:
    """The first 12 hex digits: enough to tell files apart in a caption; the manifest has the full hash."""
    return sha256[:12]


def caption_rows(
    it: ReportItem, s: Strings, options: ReportOptions, caption_limit: int, unreadable: bool
) -> list[tuple[str, str]]:
    """The label/markup rows of a photo or video caption."""
    taken = fmt_date(it.taken_at) if it.taken_date_only else fmt_datetime(it.taken_at)
    if taken and it.taken_at_source:
        taken = f"{taken} ({para(s.label(CaptureSource, it.taken_at_source, short=True))})"
    dims = f"{it.width} × {it.height} px" if it.width and it.height else ""
    size = " · ".join(x for x in (dims, fmt_size(it.size, options.lang)) if x)
    problem = [para(s("missing_original"))] if it.missing else [para(s("unreadable"))] if unreadable else []
    flags = [para(s.label(Flag, f)) for f in it.flags] + problem
    rows = [
        (s("taken"), taken or s("unknown")),
        (s("received_at"), fmt_datetime(it.received_at) or "–"),
        (s("sender"), para(it.sender, 120) or "–"),
        (s("camera"), para(it.camera, 120) or "–"),
        (s("pixels"), size or "–"),
    ]
    if it.kind in (MediaKind.VIDEO, MediaKind.AUDIO):
        rows.append((s("duration"), fmt_duration(it.duration_s) or "–"))
    rows.append((s("sha"), short_sha(it.sha256)))
    if it.gps or options.redact:
        gps = s("redacted") if options.redact else f"{it.gps[0]:.5f}, {it.gps[1]:.5f}"
        rows.append((s("gps"), gps))
    rows.append((s("flags"), f"<font color='{WARN_HEX}'>{', '.join(flags)}</font>" if flags else s("none")))
    if it.caption:
        rows.append((s("caption"), para(it.caption, caption_limit)))
    return rows


class Bookmark(Flowable):
    """Invisible: an outline entry for a section, pointing at the page where it is drawn."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(clean(self.title), self.key, level=0)


@dataclass
class Furniture:
    """What the header and footer print on every page."""

    header_left: str
    page_of: Callable[[int], str]
    footer_right: str


class CaseDocTemplate(BaseDocTemplate):
    """A4 portrait with our header and footer; remembers the current section for the header."""

    def __init__(self, filename: str, furniture: Furniture, on_flowable: Callable[[], None], **kw: object):
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_H,
            bottomMargin=MARGIN + FOOTER_H,
            initialFontName=FONT,
            **kw,
        )
        self.furniture = furniture
        self.section = ""  # the section being drawn; the header names the first one on the page
        self._page_section: str | None = None
        self._on_flowable = on_flowable
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER_H,
            FRAME_W,
            FRAME_H,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._furniture)])

    def handle_pageBegin(self) -> None:  # noqa: N802 - reportlab's name
        self._page_section = None
        super().handle_pageBegin()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Bookmark):
            self.section = flowable.title
            self._page_section = self._page_section or flowable.title
        self._on_flowable()

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        top = PAGE_H - MARGIN
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, top - HEADER_H + 3 * mm, PAGE_W - MARGIN, top - HEADER_H + 3 * mm)
        canv.line(MARGIN, MARGIN + FOOTER_H - 3 * mm, PAGE_W - MARGIN, MARGIN + FOOTER_H - 3 * mm)
        canv.setFillColor(INK)
        right = fit_text(self._page_section or self.section, FONT, 8, FRAME_W * 0.35)
        left = fit_text(
            self.furniture.header_left, FONT_BOLD, 8, FRAME_W - pdfmetrics.stringWidth(right, FONT, 8) - 20
        )
        canv.setFont(FONT_BOLD, 8)
        canv.drawString(MARGIN, top - HEADER_H + 5 * mm, left)
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        canv.drawRightString(PAGE_W - MARGIN, top - HEADER_H + 5 * mm, right)
        base = MARGIN + 2 * mm
        label = self.furniture.page_of(canv.getPageNumber())
        canv.drawString(MARGIN, base, label)
        canv.translate(MARGIN + pdfmetrics.stringWidth(label, FONT, 8), base)
        canv.doForm(_TOTAL_FORM)
        canv.translate(-MARGIN - pdfmetrics.stringWidth(label, FONT, 8), -base)
        canv.drawRightString(
            PAGE_W - MARGIN, base, fit_text(self.furniture.footer_right, FONT, 8, FRAME_W * 0.6)
        )
        canv.restoreState()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``clean(text)`` shortened with an ellipsis until it is at most ``width`` points wide."""
    text = clean(text, 300)
    while text and pdfmetrics.stringWidth(text, font, size) > width:
        text = text[:-2].rstrip() + "…"
    return text


class CaseCanvas(Canvas):
    """Defines the page-total form when the document is saved, then runs ``before_save`` (PDF/A entries)."""

    before_save: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self.beginForm(_TOTAL_FORM)
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        if self.before_save is not None:
            self.before_save(self)
        super().save()
