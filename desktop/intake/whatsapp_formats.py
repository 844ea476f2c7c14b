"""Line formats of WhatsApp "Export chat" text files: header regexes and marker tables.

Everything here is data plus small pure helpers; the parser that uses it is ``desktop.intake.whatsapp``.
The formats and their evidence are described in the project's fixture notes (``FORMATS.md``):

* ``dash``      Android: ``DATE[,] TIME[ AMPM] - `` then ``Sender: text`` or a system notice.
* ``bracketed`` iOS: ``[<LRM>][DATE[,] TIME[ AMPM]] `` then ``Sender: text``.
* ``colon``     old iOS (<= 2016) and ``DD.MM.YY HH.MM.SS:``: ``DATE[,] TIME[ AMPM]: `` then ``Sender: text``.
* ``bare``      hr/hu: ``DD. MM. YYYY. HH:MM:SS `` then ``Sender: text`` (only accepted with seconds).

Digits are ASCII or Arabic-Indic; spaces may be regular, NBSP or NNBSP and doubled (``10:36 p.m.  - ``); a
word may stand between date and time (``à``, ``klo``). An unknown AM/PM word (``午後``) makes a line "not a
header" instead of a guess. ``desktop/intake/FORMATS.md`` is the reference, with the evidence for each form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bidi controls WhatsApp sprinkles into lines; a header may also follow a stray BOM (concatenated files).
BIDI_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CHARS}]")
_LEAD = f"[\ufeff{BIDI_CHARS}]*"
_MARKS = f"[{BIDI_CHARS}]*"  # Arabic exports put RLM inside the date: "٢٤\u200f/٤\u200f/٢٠٢٢"
_SP = "[ \u00a0\u202f]"  # space, NBSP, NNBSP

# Arabic-Indic and Extended Arabic-Indic digits read as ASCII (one character for one: indices stay valid).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# A word some locales write between date and time: fr "12/07/2017 à 22:35", fi "13.6.2018 klo 21.25.15".
DATE_TIME_WORDS = ("à", "klo", "kl.", "kl", "um", "às", "alle", "saat", "pukul", "в")
# Localised AM/PM words after the time (Latin "AM", "p.m.", "p. m." are matched by pattern), lower case.
AMPM_WORDS = {
    "vorm.": "a", "nachm.": "p",  # de
    "fm": "a", "em": "p",  # sv
    "ap.": "a", "ip.": "p",  # fi
    "π.μ.": "a", "μ.μ.": "p", "πμ": "a", "μμ": "p",  # el
    "ص": "a", "م": "p",  # ar
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DATE = (
    rf"(?P<d1>[0-9]{{1,4}}){_MARKS}(?P<ds>[./-]){_MARKS}[ ]?(?P<d2>[0-9]{{1,2}}){_MARKS}(?P=ds){_MARKS}[ ]?"
    rf"(?P<d3>[0-9]{{1,4}})(?P<ddot>\.)?{_MARKS}(?P<comma>[,\u060c])?{_SP}+"
    rf"(?:(?i:(?P<word>{_alternation(DATE_TIME_WORDS)})){_SP}+)?"
)
_HMS = r"(?P<h>[0-9]{1,2})(?P<ts>[:.])(?P<mi>[0-9]{2})(?:(?P=ts)(?P<s>[0-9]{2}))?"
_AMPM = (
    rf"(?:{_SP}*(?:(?P<ap>[AaPp])(?:\.{_SP}?)?[Mm]\.?"
    rf"|(?i:(?P<ap2>{_alternation(AMPM_WORDS)}))(?![^\W\d_])))"
)
_AFTER_TIME = {
    "bracketed": rf"{_SP}*\](?:{_SP}+|$)",
    "dash": rf"{_SP}+-(?:{_SP}+|$)",
    "colon": rf":(?:{_SP}+|$)",
    "bare": rf"{_SP}+(?=\S)",
}
_OPEN = {"bracketed": r"\["}
STYLES = tuple(_AFTER_TIME)


def _header_re(style: str, ampm: str) -> re.Pattern[str]:
    return re.compile(rf"^{_LEAD}{_OPEN.get(style, '')}{_DATE}{_HMS}{ampm}(?P<tdot>\.)?{_AFTER_TIME[style]}")


# Per style: AM/PM optional (sniffing), and without AM/PM (a 24 h file: "21:25:15 am Ende: hi" in the bare
# style is sender "am Ende", not an impossible 21 h AM).
HEADER_RES = {s: _header_re(s, _AMPM + "?") for s in STYLES}
HEADER_RES_24H = {s: _header_re(s, "") for s in STYLES}
_STARTS = set("[0123456789\ufeff" + BIDI_CHARS)


@dataclass(frozen=True, slots=True)  # one per line of a chat that may have 300,000: no __dict__ each
class Header:
    """A header found at the start of a line; the date is not interpreted yet (that needs the file's order)."""

    style: str
    end: int  # index in the line where ``Sender: text`` begins
    fields: tuple[str, str, str]  # the three date numbers as written (ASCII digits)
    hour: int  # already on the 24 h clock
    minute: int
    second: int
    signature: tuple  # the shape of the header; one export uses one shape throughout


_SIGNATURES: dict[tuple, tuple] = {}  # one tuple per header shape, shared by every line of that shape


def match_header(line: str, styles: tuple[str, ...] = STYLES, *, clock24: bool = False,
                 fields: dict[tuple[str, str, str], tuple[str, str, str]] | None = None) -> Header | None:
    """The first of ``styles`` whose header starts ``line`` with a valid time, else None.

    ``clock24`` reads the line as a 24 h header (no AM/PM), for files whose headers have none. ``fields``, when
    given, keeps one tuple per date written, shared by the headers of a file (a long chat has few dates).
    """
    if not line:
        return None
    head = line[:80].translate(_DIGITS)
    if head[0] not in _STARTS:
        return None
    table = HEADER_RES_24H if clock24 else HEADER_RES
    for style in styles:
        m = table[style].match(head)
        if m is None:
            continue
        if style == "bare" and m["s"] is None:
            continue
        ap = None if clock24 else (m["ap"] or (AMPM_WORDS[m["ap2"].lower()] if m["ap2"] else None))
        hms = _clock(m["h"], m["mi"], m["s"], ap)
        if hms is None:
            continue
        d1, d3 = m["d1"], m["d3"]
        if len(d1) == 3 or len(d3) == 3 or (len(d1) == 4 and len(d3) > 2):
            continue
        sig = (style, m["ds"], bool(m["comma"]), len(d1) == 4, len(d3) == 4, m["ts"], m["s"] is not None,
               ap is not None)
        date = (d1, m["d2"], d3)
        if fields is not None:
            date = fields.setdefault(date, date)
        return Header(style, m.end(), date, *hms, _SIGNATURES.setdefault(sig, sig))
    return None


def _clock(h: str, mi: str, s: str | None, ap: str | None) -> tuple[int, int, int] | None:
    hour, minute, second = int(h), int(mi), int(s or 0)
    if minute > 59 or second > 59 or hour > 23:
        return None
    if ap is None:
        return hour, minute, second
    if hour > 12:  # "13:37:00 p.m." occurs (chat-miner tests): the hour already says it; "13:37 AM" does not
        return (hour, minute, second) if ap in "Pp" else None
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
    "arquivo anexado", "ficheiro anexado", "file allegato", "file terlampir",
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
_PATH_SEP = re.compile(r"[/\\]")


def find_attachment(first_line: str) -> tuple[str, str | None] | None:
    """``(file, title)`` when the text line announces an attached file, else None.

    ``file`` is the name as written with bidi marks removed, and only its last part when it is written as a path
    (``../../x.jpg`` is ``x.jpg``: WhatsApp never writes folders, so such a line is damaged or hostile, and what is
    shown and stored of it is a plain file name); a "path" without a name (``../..``) announces nothing. ``title``
    is the document title that iOS writes before the marker (``Receipt.pdf • 1 page <attached:
    00000009-Receipt.pdf>``), if any.
    """
    line = strip_bidi(first_line)
    m = _ANDROID_ATT_RE.match(line)
    title = None
    if m is None and (m := _IOS_ATT_RE.match(line)) is not None:
        before = m["before"].strip()
        t = _DOC_TITLE_RE.match(before)
        title = (t["title"] if t else before) or None
    if m is None:
        m = _OLD_IOS_ATT_RE.match(line)
    if m is None:
        return None
    file = m["file"]
    if "/" in file or "\\" in file:
        parts = [q for q in _PATH_SEP.split(file) if q.strip() not in ("", ".", "..")]
        if not parts:
            return None
        file = parts[-1].strip()
    return file, title


# --- placeholders (whole first text line, bidi marks removed, case-insensitive) --------------------------

MEDIA_OMITTED = {
    "<media omitted>", "<medien ausgeschlossen>", "<medien ausgelassen>", "<medien weggelassen>",
    "<media weggelaten>", "<médias omis>", "<fichier omis>", "<multimedia omitido>", "<archivo omitido>",
    "<mídia oculta>", "<mídia omitida>", "<ficheiro não revelado>", "<media omessi>", "<media omesso>",
    "<medya dahil edilmedi>", "<medya atlanmış>", "<без медиафайлов>", "<файл пропущен>", "<медіа пропущено>",
    "<media tidak disertakan>", "<media jätettiin pois>", "<media jätetty pois>", "<pominięto multimedia>",
    "<pliki pominięto>", "<media utelämnat>", "<medier udeladt>", "<media utelatt>", "<média vynechány>",
    "<média elhagyva>", "<conținut media omis>", "<fitxers multimèdia omesos>",
}
_IOS_OMITTED_RE = re.compile(
    r"^(?:(?:image|video|audio|sticker|gif|document|contact card) omitted"
    r"|(?:afbeelding|video|audio|sticker|gif|document|contactkaart) weggelaten"
    r"|(?:bild|video|audio|sticker|gif|dokument|kontaktkarte) weggelassen"
    r"|(?:imagen|video|audio|sticker|gif|documento|tarjeta de contacto) omitid[oa]"
    r"|(?:immagine|video|audio|documento|sticker|gif) (?:omess[oa]|esclus[oa]|non inclus[oa])"
    r"|(?:imagem|vídeo|áudio|figurinha|documento|gif) (?:ocultad[oa]|omitid[oa])"
    r"|(?:image|vidéo|audio|autocollant|gif|document) (?:absente?|omise?))$",
    re.IGNORECASE,
)
DELETED = {
    "this message was deleted", "you deleted this message",
    "diese nachricht wurde gelöscht", "du hast diese nachricht gelöscht",
    "dit bericht is verwijderd", "je hebt dit bericht verwijderd",
    "ce message a été supprimé", "vous avez supprimé ce message",
    "se eliminó este mensaje", "eliminaste este mensaje", "este mensaje fue eliminado",
    "mensagem apagada", "esta mensagem foi apagada", "você apagou esta mensagem",
    "questo messaggio è stato eliminato", "hai eliminato questo messaggio",
    "это сообщение удалено", "вы удалили это сообщение", "bu mesaj silindi", "bu mesajı sildiniz",
    "pesan ini telah dihapus", "anda menghapus pesan ini", "tämä viesti poistettiin", "poistit tämän viestin",
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

# "<stem> <with> NAME" (Android .txt and ZIP) and "<stem> - NAME" (iOS ZIP), per language.
CHAT_NAME_STEMS = (
    "WhatsApp Chat", "WhatsApp-Chat", "WhatsApp-chat", "Chat de WhatsApp", "Discussion WhatsApp",
    "Conversa do WhatsApp", "Conversa no WhatsApp", "Chat WhatsApp", "Czat WhatsApp", "Чат WhatsApp",
    "צ'אט WhatsApp", "צ׳אט WhatsApp",
)
CHAT_NAME_WITH = ("with", "mit", "met", "avec", "con", "com", "z", "dengan", "с", "עם")
CHAT_NAME_PREFIXES = tuple(f"{s} {w} " for s in CHAT_NAME_STEMS for w in CHAT_NAME_WITH) + tuple(
    f"{s} - " for s in CHAT_NAME_STEMS
)
CHAT_NAME_RE = re.compile(
    rf"^(?:{_alternation(CHAT_NAME_STEMS)})[ ](?:(?:{_alternation(CHAT_NAME_WITH)})|-)[ ]"
    rf"(?P<name>.+?)(?:[ ]?\([0-9]{{1,3}}\))?$",
    re.IGNORECASE,
)
