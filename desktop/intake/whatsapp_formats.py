"""Line formats of WhatsApp "Export chat" text files: header regexes and marker tables.

Everything here is data plus small pure helpers; the parser that uses it is ``desktop.intake.whatsapp``.
The formats and their evidence are described in the project's fixture notes (``FORMATS.md``):

* ``dash``      Android: ``DATE[,] TIME[ AMPM] - `` then ``Sender: text`` or a system notice.
* ``bracketed`` iOS: ``[<LRM>][DATE[,] TIME[ AMPM]] `` then ``Sender: text``.
* ``colon``     old iOS (<= 2016) and ``DD.MM.YY HH.MM.SS:``: ``DATE[,] TIME[ AMPM]: `` then ``Sender: text``.
* ``bare``      hr/hu: ``DD. MM. YYYY. HH:MM:SS `` then ``Sender: text`` (only accepted with seconds).

Digits are ASCII only; an unknown AM/PM word (``午後``) makes a line "not a header" instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bidi controls WhatsApp sprinkles into lines; a header may also follow a stray BOM (concatenated files).
BIDI_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CHARS}]")
_LEAD = f"[\ufeff{BIDI_CHARS}]*"
_SP = "[ \u00a0\u202f]"  # space, NBSP, NNBSP

_DATE = (
    r"(?P<d1>[0-9]{1,4})(?P<ds>[./-])[ ]?(?P<d2>[0-9]{1,2})(?P=ds)[ ]?(?P<d3>[0-9]{1,4})(?P<ddot>\.)?"
    r"(?P<comma>,)?[ \u00a0](?:klo[ ])?"
)
_HMS = r"(?P<h>[0-9]{1,2})(?P<ts>[:.])(?P<mi>[0-9]{2})(?:(?P=ts)(?P<s>[0-9]{2}))?"
_AMPM = rf"(?:{_SP}?(?P<ap>[AaPp])(?:\.{_SP}?)?[Mm]\.?)"
_AFTER_TIME = {
    "bracketed": r"\](?: |$)",
    "dash": rf"{_SP}-(?:{_SP}|$)",
    "colon": r":(?: |$)",
    "bare": r" (?=\S)",
}
_OPEN = {"bracketed": r"\["}
STYLES = tuple(_AFTER_TIME)


def _header_re(style: str, ampm: str) -> re.Pattern[str]:
    return re.compile(rf"^{_LEAD}{_OPEN.get(style, '')}{_DATE}{_HMS}{ampm}(?P<tdot>\.)?{_AFTER_TIME[style]}")


# Per style: AM/PM optional (sniffing), and without AM/PM (a 24 h file: "21:25:15 am Ende: hi" in the bare
# style is sender "am Ende", not an impossible 21 h AM).
HEADER_RES = {s: _header_re(s, _AMPM + "?") for s in STYLES}
HEADER_RES_24H = {s: _header_re(s, "") for s in STYLES}


@dataclass(frozen=True)
class Header:
    """A header found at the start of a line; the date is not interpreted yet (that needs the file's order)."""

    style: str
    end: int  # index in the line where ``Sender: text`` begins
    fields: tuple[str, str, str]  # the three date numbers as written
    hour: int  # already on the 24 h clock
    minute: int
    second: int
    signature: tuple  # the shape of the header; one export uses one shape throughout


def match_header(line: str, styles: tuple[str, ...] = STYLES, *, clock24: bool = False) -> Header | None:
    """The first of ``styles`` whose header starts ``line`` with a valid time, else None.

    ``clock24`` reads the line as a 24 h header (no AM/PM), for files whose headers have none.
    """
    if not line or line[0] not in "[0123456789\ufeff" + BIDI_CHARS:
        return None
    table = HEADER_RES_24H if clock24 else HEADER_RES
    for style in styles:
        m = table[style].match(line)
        if m is None:
            continue
        if style == "bare" and m["s"] is None:
            continue
        ap = None if clock24 else m["ap"]
        hms = _clock(m["h"], m["mi"], m["s"], ap)
        if hms is None:
            continue
        d1, d3 = m["d1"], m["d3"]
        if len(d1) == 3 or len(d3) == 3 or (len(d1) == 4 and len(d3) > 2):
            continue
        sig = (style, m["ds"], bool(m["comma"]), len(d1) == 4, len(d3) == 4, m["ts"], m["s"] is not None,
               ap is not None)
        return Header(style, m.end(), (d1, m["d2"], d3), *hms, sig)
    return None


def _clock(h: str, mi: str, s: str | None, ap: str | None) -> tuple[int, int, int] | None:
    hour, minute, second = int(h), int(mi), int(s or 0)
    if minute > 59 or second > 59:
        return None
    if ap is None:
        return (hour, minute, second) if hour <= 23 else None
    if hour > 12:
        return None
    if ap in "Aa":
        hour = 0 if hour == 12 else hour  # 12:xx AM = 00:xx; "00:08 a. m." stays 00:08
    elif hour != 12:
        hour += 12
    return hour, minute, second


def strip_bidi(s: str) -> str:
    """``s`` without bidi control characters (LRM, RLM, embeddings, isolates)."""
    return _BIDI_RE.sub("", s)


# --- attachment markers (matched on the first text line, bidi marks removed) -----------------------------

ANDROID_ATTACHED = (
    "file attached", "Datei angehängt", "bestand bijgevoegd", "fichier joint", "archivo adjunto",
    "arquivo anexado", "file allegato",
)
IOS_ATTACHED = ("attached", "bijgevoegd", "Anhang", "adjunto", "pièce jointe", "anexo", "allegato")

_ANDROID_ATT_RE = re.compile(
    rf"^(?P<file>\S.*?){_SP}\((?:{'|'.join(map(re.escape, ANDROID_ATTACHED))})\)\s*$", re.IGNORECASE
)
_IOS_ATT_RE = re.compile(
    rf"^(?P<before>.*?)<\s?(?:{'|'.join(map(re.escape, IOS_ATTACHED))})\s?:\s?(?P<file>[^<>]*?[^<>\s])\s?>\s*$",
    re.IGNORECASE,
)
_OLD_IOS_ATT_RE = re.compile(r"^(?P<file>\S[^<>]*?)\s<attached>\s*$", re.IGNORECASE)
_DOC_TITLE_RE = re.compile(r"^(?P<title>.*?)\s*•\s*[0-9]+\s*\S+\s*$")


def find_attachment(first_line: str) -> tuple[str, str | None] | None:
    """``(file, title)`` when the text line announces an attached file, else None.

    ``file`` is the name as written with bidi marks removed; ``title`` is the document title that iOS writes
    before the marker (``Receipt.pdf • 1 page <attached: 00000009-Receipt.pdf>``), if any.
    """
    line = strip_bidi(first_line)
    m = _ANDROID_ATT_RE.match(line)
    if m:
        return m["file"], None
    m = _IOS_ATT_RE.match(line)
    if m:
        before = m["before"].strip()
        t = _DOC_TITLE_RE.match(before)
        title = (t["title"] if t else before) or None
        return m["file"], title
    m = _OLD_IOS_ATT_RE.match(line)
    if m:
        return m["file"], None
    return None


# --- placeholders (whole first text line, bidi marks removed, case-insensitive) --------------------------

MEDIA_OMITTED = {
    "<media omitted>", "<medien ausgeschlossen>", "<medien ausgelassen>", "<media weggelaten>",
    "<médias omis>", "<multimedia omitido>", "<archivo omitido>", "<mídia oculta>", "<media omessi>",
}
_IOS_OMITTED_RE = re.compile(
    r"^(?:(?:image|video|audio|sticker|gif|document|contact card) omitted"
    r"|(?:afbeelding|video|audio|sticker|gif|document|contactkaart) weggelaten"
    r"|(?:bild|video|audio|sticker|gif|dokument|kontaktkarte) weggelassen"
    r"|(?:imagen|video|audio|sticker|gif|documento) omitid[oa]"
    r"|(?:image|vidéo|audio|autocollant|gif|document) (?:absente?|omise?))$",
    re.IGNORECASE,
)
DELETED = {
    "this message was deleted", "you deleted this message",
    "diese nachricht wurde gelöscht", "du hast diese nachricht gelöscht",
    "dit bericht is verwijderd", "je hebt dit bericht verwijderd",
    "ce message a été supprimé", "vous avez supprimé ce message",
    "se eliminó este mensaje", "eliminaste este mensaje",
    "mensagem apagada", "você apagou esta mensagem",
}


def placeholder_kind(first_line: str) -> str | None:
    """``"media_omitted"`` or ``"deleted"`` when the line is that placeholder, else None."""
    s = strip_bidi(first_line).strip().replace("\u00a0", " ").casefold()
    if s in MEDIA_OMITTED or _IOS_OMITTED_RE.match(s):
        return "media_omitted"
    if s.rstrip(".") in DELETED:
        return "deleted"
    return None


# --- chat names from file names ------------------------------------------------------------------------

CHAT_NAME_PREFIXES = (
    "WhatsApp Chat with ", "WhatsApp Chat mit ", "WhatsApp-Chat mit ", "WhatsApp-chat met ",
    "WhatsApp Chat met ", "Discussion WhatsApp avec ", "Chat de WhatsApp con ", "Conversa do WhatsApp com ",
    "Czat WhatsApp z ", "Chat WhatsApp dengan ", "WhatsApp Chat - ",
)
CHAT_NAME_RE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, CHAT_NAME_PREFIXES))})(?P<name>.+?)(?: \([0-9]{{1,3}}\))?$",
    re.IGNORECASE,
)
