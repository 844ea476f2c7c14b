"""Finding personal data in free text: phone numbers, e-mail addresses, IBANs, BSNs, Dutch licence plates, GPS.

Each kind is a pattern plus a check where one exists, so ordinary numbers are left alone: an IBAN must pass the
ISO 13616 mod-97 check, a BSN the "11-proef", a phone number must have 9 to 15 digits and not be a date, a
licence plate must have one of the Dutch side codes (sidecodes 1-14, RDW) with dashes. ``Masker`` replaces what
it finds by ``MASK`` and counts per kind, so a report can say what it hid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from enum import StrEnum

MASK = "[…]"


class PiiKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    IBAN = "iban"
    BSN = "bsn"
    PLATE = "plate"
    GPS = "gps"


_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# IBAN: country, check digits, 11-30 letters/digits, written in groups of four or not at all. The longest
# candidate may run into the next word ("NL91 ABNA 0417 1643 00 EN"): ``_iban_sub`` tries it shorter too.
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?=[ A-Z0-9])", re.IGNORECASE)
_IBAN_REST = re.compile(r"(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w+])(?:\+|0)\d[\d \-().]{6,}\d(?!\w)")
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}")
# BSN: 9 digits (8 with an implied leading zero), also as 1234.56.782 or 123 456 782
_BSN = re.compile(r"(?<![\w-])(?<!\d[.,])(?:\d{8,9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\w-]|[.,]\d)")
_YYYYMMDD = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_COORD = re.compile(r"-?\d{1,2}\.\d{3,}(?:\s*°)?(?:\s*[NS])?\s*[,;/ ]\s*-?\d{1,3}\.\d{3,}(?:\s*°)?"
                    r"(?:\s*[EWO](?![A-Za-z]))?")
_DMS = re.compile(r"\d{1,2}\s*°\s*\d{1,2}\s*['′]\s*\d{1,2}(?:[.,]\d+)?\s*(?:\"|″|'')\s*[NS]\s*,?\s*"
                  r"\d{1,3}\s*°\s*\d{1,2}\s*['′]\s*\d{1,2}(?:[.,]\d+)?\s*(?:\"|″|'')\s*[EWO]", re.IGNORECASE)
_MAPS = re.compile(r"https?://(?:maps\.google\.[a-z.]+|www\.google\.[a-z.]+/maps|goo\.gl/maps|maps\.app\.goo\.gl|"
                   r"maps\.apple\.com|www\.openstreetmap\.org|osm\.org)\S*|\bgeo:-?\d+\.\d+,-?\d+\.\d+\S*",
                   re.IGNORECASE)

# Dutch licence plates: the side codes, L a letter, 9 a digit. From sidecode 4 on only consonants are issued
# (no vowels, no C, Q, W, Y; M from sidecode 9 on), which keeps ordinary words out.
_SIDECODES = ("LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9", "9-LLL-99",
              "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9")
_OLD_LETTER = "[A-Z]"
_NEW_LETTER = "[BDFGHJKLMNPRSTVXZ]"


def _sidecode(code: str, letter: str) -> str:
    return "".join(letter if c == "L" else r"\d" if c == "9" else "-" for c in code)


_PLATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_sidecode(c, _OLD_LETTER if i < 3 else _NEW_LETTER)
                                for i, c in enumerate(_SIDECODES)) + r")(?![\w-])", re.IGNORECASE)


def iban_valid(text: str) -> bool:
    """The ISO 13616 check: the first four characters moved to the end, letters as 10..35, mod 97 is 1."""
    s = re.sub(r"\s", "", text).upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit() or not s.isalnum():
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def _iban_spans(text: str) -> list[tuple[int, int]]:
    """Where valid IBANs are: from each start, the longest run of groups that passes the check."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (start := _IBAN_START.search(text, pos)) is not None:
        rest = _IBAN_REST.match(text, start.end())
        end = None
        if rest is not None:
            body = rest.group(0)
            for cut in range(len(body), 0, -1):
                tail = start.end() + cut
                if body[cut - 1] == " " or (tail < len(text) and text[tail].isalnum()):
                    continue
                if iban_valid(start.group(0) + body[:cut]):
                    end = tail
                    break
        if end is None:
            pos = start.start() + 1
            continue
        spans.append((start.start(), end))
        pos = end
    return spans


def bsn_valid(text: str) -> bool:
    """The Dutch "11-proef": 9 digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, not all zero."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 8 and _YYYYMMDD.fullmatch(digits):  # a date written without separators
        return False
    digits = digits.zfill(9)
    if len(digits) != 9 or not any(int(d) for d in digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _phone_ok(text: str) -> bool:
    return 9 <= sum(c.isdigit() for c in text) <= 15 and not _DATE.search(text)


# the order matters: a map link holds coordinates, an IBAN holds digits that could look like a BSN
_RULES: tuple[tuple[PiiKind, re.Pattern[str] | None, Callable[[str], bool] | None], ...] = (
    (PiiKind.GPS, _MAPS, None),
    (PiiKind.EMAIL, _EMAIL, None),
    (PiiKind.IBAN, None, None),
    (PiiKind.GPS, _DMS, None),
    (PiiKind.GPS, _COORD, None),
    (PiiKind.PHONE, _PHONE, _phone_ok),
    (PiiKind.BSN, _BSN, bsn_valid),
    (PiiKind.PLATE, _PLATE, None),
)


def find_pii(text: str) -> list[tuple[PiiKind, str]]:
    """Every finding in ``text``, in rule order (each later rule sees the text with earlier findings masked)."""
    found: list[tuple[PiiKind, str]] = []
    Masker(on_find=lambda kind, value: found.append((kind, value)))(text)
    return found


class Masker:
    """Masks personal data in texts and counts what it masked, per kind (``counts``)."""

    def __init__(self, kinds: set[PiiKind] | None = None,
                 on_find: Callable[[PiiKind, str], None] | None = None) -> None:
        self.kinds = set(PiiKind) if kinds is None else kinds
        self.counts: Counter[str] = Counter()
        self._on_find = on_find

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        for kind, pattern, check in _RULES:
            if kind not in self.kinds:
                continue
            if pattern is None:  # IBAN: found by _iban_spans
                for start, end in reversed(_iban_spans(text)):
                    self._found(kind, text[start:end])
                    text = text[:start] + MASK + text[end:]
            else:
                text = pattern.sub(lambda m, k=kind, c=check: self._replace(m, k, c), text)
        return text

    def _found(self, kind: PiiKind, value: str) -> None:
        self.counts[kind.value] += 1
        if self._on_find is not None:
            self._on_find(kind, value)

    def _replace(self, match: re.Match[str], kind: PiiKind, check: Callable[[str], bool] | None) -> str:
        value = match.group(0)
        if check is not None and not check(value):
            return value
        self._found(kind, value)
        return MASK

    def count(self, kind: PiiKind, n: int = 1) -> None:
        """Count something masked elsewhere (a GPS position taken off a photo's caption)."""
        self.counts[kind.value] += n
