"""Generated case titles, in English and Dutch: "Photos 14-16 March 2024" / "Foto's 14-16 maart 2024"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import PurePath

from desktop.core.model import MediaKind

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
}
_NOUNS = {MediaKind.IMAGE: ("Photos", "Foto's"), MediaKind.VIDEO: ("Videos", "Video's"), None: ("Files", "Bestanden")}
_RECEIVED = ("received", "ontvangen")
ARCHIVE_SUFFIXES = (".zip",)


def _lang(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


def day(d: date, lang: str = "en") -> str:
    return f"{d.day} {MONTHS[_lang(lang)][d.month - 1]} {d.year}"


def date_span(first: date, last: date, lang: str = "en") -> str:
    """"14 March 2024", "14-16 March 2024", "28 February - 3 March 2024", "30 December 2023 - 2 January 2024"."""
    months = MONTHS[_lang(lang)]
    if first > last:
        first, last = last, first
    if first == last:
        return day(first, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {months[first.month - 1]} {first.year}"
    if first.year == last.year:
        return f"{first.day} {months[first.month - 1]} - {last.day} {months[last.month - 1]} {last.year}"
    return f"{day(first, lang)} - {day(last, lang)}"


def noun(kinds: Iterable[str | None], lang: str = "en") -> str:
    """"Photos" when every file is a photo, "Videos" when every one is a video, else "Files"."""
    found = set(kinds)
    key = found.pop() if len(found) == 1 and next(iter(found)) in (MediaKind.IMAGE, MediaKind.VIDEO) else None
    pair = _NOUNS[MediaKind(key) if key else None]
    return pair[1] if _lang(lang) == "nl" else pair[0]


def dates_title(times: Iterable[datetime | None], kinds: Iterable[str | None], lang: str = "en",
                received: date | None = None) -> str:
    """A title from the capture dates ("Photos 14-16 March 2024"); without any, the day they were received."""
    days = sorted({t.date() for t in times if t is not None})
    word = noun(kinds, lang)
    if days:
        return f"{word} {date_span(days[0], days[-1], lang)}"
    when = received or date.today()
    return f"{word} {_RECEIVED[1] if _lang(lang) == 'nl' else _RECEIVED[0]} {day(when, lang)}"


def container_title(name: str) -> str:
    """A folder's name as given, a ZIP's without its extension."""
    base = PurePath(name).name or name
    for suffix in ARCHIVE_SUFFIXES:
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base
