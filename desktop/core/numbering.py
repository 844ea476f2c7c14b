"""Case numbers from the team's format: ``{prefix}-{year}-{n:04d}`` gives C-2026-0001, C-2026-0002, ...

A format names ``{n}`` (the running number, with an optional width such as ``{n:04d}``) once, and may name
``{prefix}``, ``{year}`` (2026) and ``{yy}`` (26). Everything but the number is the *scope*: numbers run per
scope, so a yearly format starts again at 1 each year. A reference is at most 20 characters of letters, digits,
``-``, ``.`` and ``_``, starting with a letter or digit.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

DEFAULT_FORMAT = "{prefix}-{year}-{n:04d}"
REF_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$")
_FIELDS = {"prefix", "year", "yy", "n"}
_SPEC = re.compile(r"^0?\d?d?$")


@dataclass(frozen=True)
class Scope:
    """The fixed parts around the number for one prefix and year."""

    head: str
    tail: str
    spec: str  # the number's format spec ("04d", "")

    @property
    def key(self) -> str:
        return f"{self.head}{{n}}{self.tail}"

    def ref(self, n: int) -> str:
        return f"{self.head}{format(n, self.spec or 'd')}{self.tail}"

    def number_of(self, ref: str) -> int | None:
        """The running number of a reference in this scope, or None when it is not one."""
        if not (ref.startswith(self.head) and ref.endswith(self.tail)) or len(ref) <= len(self.head + self.tail):
            return None
        middle = ref[len(self.head):len(ref) - len(self.tail)]
        return int(middle) if middle.isascii() and middle.isdigit() else None


def format_problem(fmt: str, prefix: str) -> str | None:
    """Why ``fmt`` cannot number cases (with ``prefix``), or None when it can."""
    try:
        parts = list(string.Formatter().parse(fmt))
    except ValueError as e:
        return f"the case number format {fmt!r} is not a format ({e})"
    names = [name for _, name, _, _ in parts if name is not None]
    if names.count("n") != 1:
        return f"the case number format {fmt!r} must contain {{n}} exactly once (the running number)"
    unknown = set(names) - _FIELDS
    if unknown:
        return f"the case number format {fmt!r} names {', '.join(sorted(unknown))}: only prefix, year, yy and n"
    spec = next(spec for _, name, spec, _ in parts if name == "n")
    if not _SPEC.match(spec or ""):
        return f"the number in {fmt!r} takes a width such as {{n:04d}}, not {{n:{spec}}}"
    for sample in (scope(fmt, prefix, 2026).ref(1), scope(fmt, prefix, 2026).ref(99999)):
        if not REF_RE.match(sample):
            return (f"the case number format {fmt!r} with prefix {prefix!r} gives {sample!r}: a reference is at "
                    "most 20 letters, digits, '-', '.' or '_'")
    return None


def scope(fmt: str, prefix: str, year: int) -> Scope:
    """The scope of ``fmt`` for ``prefix`` and ``year`` (the format must have passed ``format_problem``)."""
    head: list[str] = []
    tail: list[str] = []
    spec = ""
    out = head
    values = {"prefix": prefix, "year": f"{year:04d}", "yy": f"{year % 100:02d}"}
    for literal, name, fspec, _conv in string.Formatter().parse(fmt):
        out.append(literal)
        if name == "n":
            spec = fspec or ""
            out = tail
        elif name is not None:
            out.append(format(values[name], fspec or ""))
    return Scope("".join(head), "".join(tail), spec)
