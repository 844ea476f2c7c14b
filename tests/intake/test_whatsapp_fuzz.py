"""Property tests for the chat parser: it never raises anything but ChatParseError and never loses a line,
and chats generated in every header format of FORMATS.md parse back to what was generated."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.intake.whatsapp import ChatParseError, parse_chat, split_lines
from desktop.intake.whatsapp_formats import find_attachment, placeholder_kind, strip_bidi

# CASEDESK_FUZZ_EXAMPLES=5000 for a longer run; the default keeps the suite fast.
SETTINGS = settings(max_examples=int(os.environ.get("CASEDESK_FUZZ_EXAMPLES", "200")), deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Fmt:
    """One header format: enough to render any date and time the way one export would."""

    style: str  # dash | bracketed | colon | bare
    order: str  # DMY | MDY | YMD
    sep: str = "/"
    year4: bool = False
    pad: bool = True
    comma: bool = True
    tsep: str = ":"
    seconds: bool = False
    ampm: str | None = None  # e.g. "\u202fPM" style template: "{sp}{a}" with a = AM/PM spelling
    spaced: bool = False  # "13. 6. 2018." (hr/hu)
    klo: bool = False
    tdot: bool = False
    lrm: bool = False  # iOS writes LRM before "[" on some lines

    def render(self, t: datetime) -> str:
        y = f"{t.year:04d}" if self.year4 or self.order == "YMD" else f"{t.year % 100:02d}"
        d, m = (f"{t.day:02d}", f"{t.month:02d}") if self.pad else (str(t.day), str(t.month))
        parts = {"DMY": (d, m, y), "MDY": (m, d, y), "YMD": (y, m, d)}[self.order]
        date = (self.sep + " ").join(parts) + "." if self.spaced else self.sep.join(parts)
        date += ("," if self.comma else "") + " " + ("klo " if self.klo else "")
        if self.ampm:
            h = t.hour % 12 or 12
            clock = f"{h}{self.tsep}{t.minute:02d}"
        else:
            clock = f"{t.hour:02d}{self.tsep}{t.minute:02d}"
        if self.seconds:
            clock += f"{self.tsep}{t.second:02d}"
        if self.ampm:
            am, pm = self.ampm.split("|")
            clock += am if t.hour < 12 else pm
        clock += "." if self.tdot else ""
        if self.style == "bracketed":
            return ("\u200e" if self.lrm else "") + f"[{date}{clock}] "
        return date + clock + {"dash": " - ", "colon": ": ", "bare": " "}[self.style]


ROWS = [
    Fmt("dash", "MDY", pad=False, ampm="\u202fAM|\u202fPM"),  # 1
    Fmt("dash", "MDY", pad=False),  # 2
    Fmt("dash", "DMY", year4=True),  # 3
    Fmt("dash", "DMY"),  # 4
    Fmt("dash", "DMY", ampm="\u202fam|\u202fpm"),  # 5
    Fmt("dash", "DMY", sep="."),  # 6
    Fmt("dash", "DMY", sep=".", year4=True),  # 7
    Fmt("dash", "DMY", sep="-", year4=True, comma=False),  # 8
    Fmt("dash", "DMY", year4=True, comma=False),  # 9
    Fmt("dash", "DMY", year4=True, pad=False, ampm=" a.\u00a0m.| p.\u00a0m."),  # 10
    Fmt("dash", "DMY", year4=True, pad=False, comma=False, ampm=" a.\u00a0m.| p.\u00a0m."),  # 11
    Fmt("dash", "MDY", year4=True, pad=False, comma=False, ampm=" a.m.| p.m."),  # 12
    Fmt("dash", "MDY", year4=True, ampm=" a. m.| p. m."),  # 13
    Fmt("dash", "YMD"), Fmt("dash", "YMD", sep="-"), Fmt("dash", "YMD", sep=".", spaced=True, comma=False),  # 14
    Fmt("dash", "YMD", ampm=" am| pm"),  # 15
    Fmt("dash", "YMD", tdot=True),  # 16
    Fmt("dash", "DMY", seconds=True),  # 17
    Fmt("dash", "DMY", sep=".", year4=True, pad=False, comma=False, klo=True, tsep=".", seconds=True),  # 18
    Fmt("dash", "DMY", comma=False, tsep="."),  # 19
    Fmt("bracketed", "MDY", pad=False, seconds=True, ampm="\u202fAM|\u202fPM", lrm=True),  # 20
    Fmt("bracketed", "DMY", year4=True, seconds=True), Fmt("bracketed", "DMY", year4=True, seconds=True, ampm=" AM| PM"),  # 21
    Fmt("bracketed", "DMY", year4=True, comma=False, seconds=True),  # 22
    Fmt("bracketed", "DMY", sep=".", seconds=True, lrm=True),  # 23
    Fmt("bracketed", "DMY", sep=".", seconds=True, ampm="\u202fAM|\u202fPM"),  # 24
    Fmt("bracketed", "DMY", sep="-", year4=True, comma=False, seconds=True),  # 25
    Fmt("bracketed", "DMY", pad=False, seconds=True),  # 26
    Fmt("bracketed", "MDY", sep=".", seconds=True),  # 27
    Fmt("bracketed", "DMY", sep="-", comma=False, seconds=True),  # 28
    Fmt("bracketed", "MDY", comma=False),  # 29
    Fmt("bracketed", "DMY", sep=".", year4=True, pad=False, comma=False, klo=True, tsep=".", seconds=True),  # 30
    Fmt("bracketed", "YMD", seconds=True), Fmt("bracketed", "YMD", comma=False, seconds=True, ampm=" a.\u00a0m.| p.\u00a0m."),  # 31
    Fmt("bare", "DMY", sep=".", spaced=True, year4=True, pad=False, comma=False, seconds=True),  # 32
    Fmt("colon", "DMY", sep=".", comma=False, tsep=".", seconds=True),  # 32
    Fmt("colon", "MDY", pad=False, ampm=" AM| PM"),  # old iOS
]

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßéñçøłÅΩЖ中文😀🤓"
names = st.text(LETTERS + " .-+~'", min_size=1, max_size=20).map(str.strip).filter(
    lambda s: s and s[0] in LETTERS
)
# Hypothesis also draws the module's own string constants: a text that *is* a placeholder or marker
# ("MENSAGEM APAGADA") is rightly not kind "text", so such bodies are left out here.
bodies = st.text(LETTERS + " 0123456789.,:;-!?()<>/'&", max_size=40).filter(
    lambda s: placeholder_kind(s) is None and find_attachment(s) is None
)
cont_lines = st.lists(st.text(LETTERS + " 0123456789:-", max_size=30).filter(lambda s: not s or s[0] in LETTERS + " "),
                      max_size=3)
files = st.builds(lambda n, e: n + e, st.text(LETTERS + "-_ 0123456789", min_size=1, max_size=20).map(str.strip)
                  .filter(lambda s: s and s[0] in LETTERS), st.sampled_from([".jpg", ".mp4", ".opus", ".pdf"]))
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda t: t.replace(microsecond=0)
)
ANDROID_MARKERS = ["file attached", "Datei angehängt", "bestand bijgevoegd", "fichier joint", "archivo adjunto"]
IOS_MARKERS = ["attached", "bijgevoegd", "Anhang", "adjunto"]
OMITTED = {"dash": ["<Media omitted>", "<Medien ausgeschlossen>", "<Media weggelaten>", "<Médias omis>"],
           "bracketed": ["\u200eimage omitted", "\u200evideo omitted", "\u200eafbeelding weggelaten"]}


@st.composite
def messages(draw, fmt: Fmt, group: str):
    """(time, sender, kind, "Sender: " as written, text, file) for one entry of a chat in ``fmt``."""
    t = draw(times)
    if not fmt.seconds:
        t = t.replace(second=0)
    kind = draw(st.sampled_from(["text", "text", "attachment", "media_omitted", "deleted", "system"]))
    sender = draw(names)
    wrapped = draw(st.sampled_from([sender, f"\u202a{sender}\u202c"]))
    ios = fmt.style == "bracketed"
    file = None
    if kind == "system":
        if ios:  # current iOS: attributed to the group, text starts with LRM
            return t, group, kind, f"{group}: ", "\u200e" + draw(names) + " added " + draw(names), None
        return t, None, kind, "", draw(names) + " left", None
    if kind == "text":
        body = draw(bodies)
    elif kind == "attachment":
        file = draw(files)
        body = (f"\u200e<{draw(st.sampled_from(IOS_MARKERS))}: {file}>" if ios
                else f"{file} ({draw(st.sampled_from(ANDROID_MARKERS))})")
    elif kind == "media_omitted":
        body = draw(st.sampled_from(OMITTED["bracketed" if ios else "dash"]))
    else:
        body = draw(st.sampled_from(["This message was deleted", "\u200eYou deleted this message."]))
    extra = draw(cont_lines) if kind in ("text", "attachment") and not ios else []
    return t, sender, kind, f"{wrapped}: ", "\n".join([body, *extra]), file


@st.composite
def chats(draw):
    fmt = draw(st.sampled_from(ROWS))
    group = draw(st.sampled_from(["Hotel complaint", "Claim: flood kitchen"]))
    msgs = draw(st.lists(messages(fmt, group), min_size=1, max_size=12))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(fmt.render(t) + who + rest.replace("\n", eol) for t, _, _, who, rest, _ in msgs)
    ends_blank = msgs[-1][4].endswith("\n")  # a last blank line needs a final line break to exist
    return fmt, msgs, text + (eol if ends_blank else draw(st.sampled_from(["", eol])))


def check_lines_kept(text: str, chat) -> None:
    """Every physical line is in the preamble or in exactly one entry, and each entry's text is the tail of
    its lines (only the header and "Sender: " are cut off)."""
    lines = split_lines(text[1:] if text.startswith("\ufeff") else text)
    assert chat.line_count == len(lines)
    assert len(chat.preamble) + sum(e.lines for e in chat.entries) == len(lines)
    assert chat.preamble == lines[: len(chat.preamble)]
    at = len(chat.preamble)
    for e in chat.entries:
        assert e.line_no == at and e.lines >= 1
        raw = "\n".join(lines[at : at + e.lines])
        assert raw.endswith(e.text)
        head = raw[: len(raw) - len(e.text)]
        assert "\n" not in head
        if e.sender is not None:
            assert e.sender in strip_bidi(head)
        at += e.lines


@SETTINGS
@given(chats())
def test_generated_chats_parse_back(case):
    fmt, msgs, text = case
    chat = parse_chat(text, default_order=fmt.order)
    check_lines_kept(text, chat)
    assert chat.header_style == fmt.style and chat.date_order == fmt.order
    got = [(e.t, e.sender, e.kind, e.file) for e in chat.entries]
    assert got == [(t, sender, kind, file) for t, sender, kind, _, _, file in msgs]
    assert [e.text for e in chat.entries] == [rest for *_, rest, _ in msgs]


header_lines = st.builds(lambda f, t, r: f.render(t) + r, st.sampled_from(ROWS), times, st.text(max_size=30))
junk_lines = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
line_breaks = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", "\u200e", ""])


@SETTINGS
@given(st.lists(st.tuples(st.one_of(header_lines, junk_lines), line_breaks), max_size=20),
       st.sampled_from(["DMY", "MDY", "YMD"]), st.sampled_from([None, "Hotel complaint", "Claim: x"]))
def test_arbitrary_text_never_crashes_or_loses_lines(parts, order, name):
    text = "".join(a + b for a, b in parts)
    try:
        chat = parse_chat(text, chat_name=name, default_order=order)
    except ChatParseError:
        assert any(ln.strip() for ln in split_lines(text[1:] if text.startswith("\ufeff") else text))
        return
    check_lines_kept(text, chat)
    assert all(e.kind in ("text", "attachment", "media_omitted", "deleted", "system") for e in chat.entries)
    assert all((e.file is not None) == (e.kind == "attachment") for e in chat.entries)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text(text):
    try:
        chat = parse_chat(text)
    except ChatParseError:
        return
    check_lines_kept(text, chat)
