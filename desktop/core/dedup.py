"""Duplicate detection: exact copies, the same picture, similar shots (DESIGN.md step 5). Pure standard library.

Three kinds of group:

* ``exact``: the same bytes (SHA-256);
* ``same``: the same picture after what WhatsApp and e-mail do to it (recompression, resize, EXIF strip, a crop
  of a few percent, PNG re-save, EXIF rotation), or the same clip recompressed. These may be set aside;
* ``similar``: burst shots and re-takes of one scene, shown for review only, never set aside automatically.

Fingerprints come from ``desktop.media.fingerprint`` (layout there); this module only decodes and compares them,
so the rule is the same for the probe, the CLI and a database-side search. Groups are keeper-centred: an item
joins a group only when it matches the group's keeper, or every member of it, never through a chain of
neighbours (a pan across a wall in ten steps is not one picture). Cost is quadratic in the number of items: group
a case or a customer, and use ``desktop.media.hashindex`` to find candidates across a whole library.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

FORMAT_VERSION = 1
THUMB = 16
GRID = 4
THUMB_SCALE = 32.0
_FRAME = struct.Struct("<Qf")
_FRAME_BYTES = _FRAME.size + THUMB * THUMB + GRID * GRID * 3
_MIN_SENSITIVITY = 0.03  # floor for flat pictures, whose sensitivity is ~0


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds; defaults tuned on bench/dedup (see RESULTS.md there)."""

    same_shift: float = 1.3  # thumbnail distance / the pictures' own 4 %-crop sensitivity
    same_colour: float = 5.0  # mean |YCbCr| difference over the 4x4 grid, 0-255
    similar_corr: float = 0.90  # best grey correlation over shifts of up to ``similar_shift`` sixteenths
    similar_colour: float = 12.0
    similar_shift: int = 3
    phash_same: int = 6  # only for items without a decodable fingerprint: phash bits
    phash_similar: int = 14
    video_duration_s: float = 1.0  # durations may differ by this much...
    video_duration_frac: float = 0.05  # ...or by this fraction of the longer one
    video_frames_same: float = 0.75  # fraction of key frames that must be the same picture
    index_radius: int = 16  # phash bits for "where else is this picture?" candidate searches


DEFAULT = Thresholds()


@dataclass(frozen=True)
class DupCandidate:
    """One media item as the grouping sees it."""

    key: str  # media item id or sha256 (the caller's choice)
    sha256: str
    kind: str  # "image" | "video"
    phash: int | None
    fingerprint: bytes | None
    width: int | None
    height: int | None
    size: int  # bytes
    has_exif: bool  # camera original with an EXIF capture date
    received_at: datetime | None
    duration_s: float | None = None


@dataclass
class DupGroup:
    """A group of duplicates; ``members`` includes ``keeper``, which comes first."""

    kind: str  # "exact" | "same" | "similar"
    keeper: str
    members: list[str]


@dataclass(frozen=True)
class _Frame:
    phash: int
    sensitivity: float
    thumb: tuple[int, ...]
    colour: tuple[int, ...]
    mean_colour: tuple[float, float, float]


def decode(fingerprint: bytes | None) -> list[_Frame] | None:
    """Frames of a fingerprint, or ``None`` when absent, of another version, or malformed."""
    if not fingerprint or len(fingerprint) < 2 or fingerprint[0] != FORMAT_VERSION:
        return None
    count = fingerprint[1]
    if count == 0 or len(fingerprint) != 2 + count * _FRAME_BYTES:
        return None
    frames = []
    for i in range(count):
        off = 2 + i * _FRAME_BYTES
        phash, sensitivity = _FRAME.unpack_from(fingerprint, off)
        off += _FRAME.size
        thumb = tuple(memoryview(fingerprint)[off : off + THUMB * THUMB].cast("b"))
        colour = tuple(fingerprint[off + THUMB * THUMB : off + _FRAME_BYTES - _FRAME.size])
        n = GRID * GRID
        mean = tuple(sum(colour[c::3]) / n for c in range(3))
        frames.append(_Frame(phash, sensitivity, thumb, colour, mean))
    return frames


def _colour_distance(a: _Frame, b: _Frame) -> float:
    return sum(abs(x - y) for x, y in zip(a.colour, b.colour, strict=True)) / len(a.colour)


def _shift_ratio(a: _Frame, b: _Frame) -> float:
    """Thumbnail RMS distance over the larger of the two sensitivities (about "displacement / 4 %")."""
    sq = sum((x - y) * (x - y) for x, y in zip(a.thumb, b.thumb, strict=True))
    rms = math.sqrt(sq / len(a.thumb)) / THUMB_SCALE
    return rms / max(a.sensitivity, b.sensitivity, _MIN_SENSITIVITY)


def _best_shifted_corr(a: _Frame, b: _Frame, max_shift: int) -> float:
    """Highest correlation of the two thumbnails' overlaps over integer shifts up to ``max_shift``."""
    n = THUMB
    best = -1.0
    for dy in range(-max_shift, max_shift + 1):
        for dx in range(-max_shift, max_shift + 1):
            xs, ys = [], []
            for y in range(max(0, dy), n + min(0, dy)):
                ra, rb = y * n, (y - dy) * n
                xs.extend(a.thumb[ra + max(0, dx) : ra + n + min(0, dx)])
                ys.extend(b.thumb[rb + max(0, -dx) : rb + n + min(0, -dx)])
            m = len(xs)
            mx, my = sum(xs) / m, sum(ys) / m
            sxy = sum(x * y for x, y in zip(xs, ys, strict=True)) - m * mx * my
            sxx = sum(x * x for x in xs) - m * mx * mx
            syy = sum(y * y for y in ys) - m * my * my
            if sxx > 0 and syy > 0:
                best = max(best, sxy / math.sqrt(sxx * syy))
    return best


def frame_distances(a: DupCandidate, b: DupCandidate) -> tuple[float, float] | None:
    """``(shift ratio, colour distance)`` of two single-frame fingerprints, the quantities the "same" rule
    thresholds (``Thresholds.same_shift``, ``same_colour``); ``None`` without comparable fingerprints."""
    fa, fb = decode(a.fingerprint), decode(b.fingerprint)
    if fa is None or fb is None or len(fa) != 1 or len(fb) != 1:
        return None
    return _shift_ratio(fa[0], fb[0]), _colour_distance(fa[0], fb[0])


def _is_same_frame(a: _Frame, b: _Frame, t: Thresholds) -> bool:
    if sum(abs(x - y) for x, y in zip(a.mean_colour, b.mean_colour, strict=True)) / 3 > t.same_colour:
        return False  # the grid distance is at least this
    return _colour_distance(a, b) <= t.same_colour and _shift_ratio(a, b) <= t.same_shift


def compare_frames(a: _Frame, b: _Frame, t: Thresholds = DEFAULT) -> str | None:
    """``"same"``, ``"similar"`` or ``None`` for two decoded pictures."""
    if _is_same_frame(a, b, t):
        return "same"
    if sum(abs(x - y) for x, y in zip(a.mean_colour, b.mean_colour, strict=True)) / 3 > t.similar_colour:
        return None
    if _colour_distance(a, b) > t.similar_colour or t.similar_shift < 0:
        return None
    return "similar" if _best_shifted_corr(a, b, t.similar_shift) >= t.similar_corr else None


def _durations_match(a: float | None, b: float | None, t: Thresholds) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(t.video_duration_s, t.video_duration_frac * max(a, b))


def _compare(
    a: DupCandidate,
    fa: list[_Frame] | None,
    b: DupCandidate,
    fb: list[_Frame] | None,
    t: Thresholds,
    same_only: bool = False,
) -> str | None:
    """Verdict for two items; with ``same_only`` a cheaper check that answers only "same" (or exact) or None."""
    if a.sha256 == b.sha256:
        return "exact"
    if a.kind != b.kind:
        return None
    if fa is None or fb is None or len(fa) != len(fb):
        if a.phash is None or b.phash is None:
            return None
        bits = (a.phash ^ b.phash).bit_count()
        verdict = "same" if bits <= t.phash_same else "similar" if bits <= t.phash_similar else None
    elif same_only:
        same = sum(_is_same_frame(x, y, t) for x, y in zip(fa, fb, strict=True))
        verdict = "same" if same >= t.video_frames_same * len(fa) else None
    elif len(fa) == 1:
        verdict = compare_frames(fa[0], fb[0], t)
    else:
        verdicts = [compare_frames(x, y, t) for x, y in zip(fa, fb, strict=True)]
        same = verdicts.count("same")
        if same >= t.video_frames_same * len(verdicts):
            verdict = "same"
        else:
            verdict = "similar" if same + verdicts.count("similar") >= len(verdicts) / 2 else None
    if verdict == "same" and a.kind == "video" and not _durations_match(a.duration_s, b.duration_s, t):
        verdict = None if same_only else "similar"
    return verdict


def compare(a: DupCandidate, b: DupCandidate, thresholds: Thresholds = DEFAULT) -> str | None:
    """``"exact"``, ``"same"``, ``"similar"`` or ``None`` for two items."""
    return _compare(a, decode(a.fingerprint), b, decode(b.fingerprint), thresholds)


def keeper_rank(c: DupCandidate) -> tuple:
    """Sort key, best keeper first: camera original with EXIF, more pixels, larger file, earliest received."""
    pixels = (c.width or 0) * (c.height or 0)
    received = c.received_at.timestamp() if c.received_at else math.inf
    return (not c.has_exif, -pixels, -c.size, received, c.key)


def choose_keeper(members: list[DupCandidate]) -> DupCandidate:
    """The item a group keeps: camera original with EXIF, then resolution, then file size, then earliest."""
    return min(members, key=keeper_rank)


def _keeper_groups(
    ordered: list[DupCandidate],
    related: Callable[[DupCandidate, DupCandidate], bool],
    blocked: set[frozenset[str]],
) -> list[list[DupCandidate]]:
    """Partition ``ordered`` (best keeper first) into keeper-centred groups; singletons included.

    Each item, best first, that no earlier keeper took becomes a keeper and takes the later items related to it
    (so every member is related to its keeper; nothing joins through a chain). Because the keeper is the best
    item related to a member, "related to the keeper or to all members" reduces to the first.
    ``blocked`` pairs never share a group.
    """
    taken: set[str] = set()
    groups: list[list[DupCandidate]] = []

    def allowed(c: DupCandidate, members: Iterable[DupCandidate]) -> bool:
        return not any(frozenset((c.key, m.key)) in blocked for m in members)

    for i, keeper in enumerate(ordered):
        if keeper.key in taken:
            continue
        taken.add(keeper.key)
        members = [keeper]
        for c in ordered[i + 1 :]:
            if c.key not in taken and related(keeper, c) and allowed(c, members):
                members.append(c)
                taken.add(c.key)
        groups.append(members)
    return groups


def group_duplicates(
    items: list[DupCandidate],
    *,
    not_duplicates: Iterable[frozenset[str]] = frozenset(),
    keeper_overrides: dict[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
) -> list[DupGroup]:
    """Exact, same-picture and similar groups of ``items``; items in no group are not listed.

    ``not_duplicates``: pairs of keys a person said are different; they never share a group.
    ``keeper_overrides``: ``{member key: keeper key}`` chosen by a person; a group holding both keeps that one.
    Exact groups come first; "same" groups are formed among the keepers of exact groups and the other items,
    and "similar" groups among the keepers left after that, for review.
    """
    blocked = set(not_duplicates)
    overrides = dict(keeper_overrides or {})
    preferred = set(overrides.values())
    ordered = sorted(items, key=lambda c: (c.key not in preferred, keeper_rank(c)))
    frames = {c.key: decode(c.fingerprint) for c in ordered}
    result: list[DupGroup] = []

    def emit(kind: str, members: list[DupCandidate]) -> None:
        keys = [m.key for m in members]
        keeper = next((overrides[k] for k in keys if overrides.get(k) in keys), keys[0])
        result.append(DupGroup(kind, keeper, [keeper] + [k for k in keys if k != keeper]))

    heads = []
    for g in _keeper_groups(ordered, lambda a, b: a.sha256 == b.sha256, blocked):
        if len(g) > 1:
            emit("exact", g)
        heads.append(g[0])

    def same(a: DupCandidate, b: DupCandidate) -> bool:
        return _compare(a, frames[a.key], b, frames[b.key], thresholds, same_only=True) == "same"

    def alike(a: DupCandidate, b: DupCandidate) -> bool:
        return _compare(a, frames[a.key], b, frames[b.key], thresholds) in {"same", "similar"}

    keepers = []
    for g in _keeper_groups(heads, same, blocked):
        if len(g) > 1:
            emit("same", g)
        keepers.append(g[0])
    for g in _keeper_groups(keepers, alike, blocked):
        if len(g) > 1:
            emit("similar", g)
    return result
