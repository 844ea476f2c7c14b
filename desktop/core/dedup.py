"""Duplicate detection: exact copies, the same picture, edited copies, similar shots (DESIGN.md step 5). Pure
standard library.

Four kinds of group:

* ``exact``: the same bytes (SHA-256);
* ``same``: the same picture after what WhatsApp and e-mail do to it (recompression, resize, EXIF strip, a crop
  of a few percent, PNG re-save, EXIF rotation), or the same clip recompressed. These may be set aside;
* ``edited``: the same capture with a local change (sticker, caption, drawn text, a replaced region): kept beside
  its original, never set aside; only found with a proof (``verify``);
* ``similar``: burst shots and re-takes of one scene, shown for review only, never set aside automatically.

Two camera originals whose EXIF capture times differ (``other_captures``) are two exposures: never ``same`` or
``edited``, whatever their pixels say (a burst of a scene where nothing moved), at most ``similar``.

With a proof (``group_duplicates(..., verify=...)``, given by ``desktop.media.register.group_pictures`` for
format-2 fingerprints) "same" is no longer a thumbnail distance: the pair is registered and compared tile by tile
(``desktop.core.sameness.Verdict``), so crops of up to ~15 % per side, 90-degree turns and screenshots are the same
picture. Groups stay of one kind; each ``DupGroup`` carries per member (dicts keyed by member key, keeper left out)
``kinds`` (the member's kind), ``transforms`` (``sameness.Transform`` against the keeper: crop per side in %,
scale, turn, brightness/contrast, screenshot frame; words by ``sameness.describe``) and ``regions`` (an edited
member's changed box in % of the keeper; ``sameness.describe_region``). Old (format-1) fingerprints have no
proof block and are compared by the thumbnail rule below, as before.

Fingerprints come from ``desktop.media.fingerprint`` (layout there); this module only decodes and compares them,
so the rule is the same for the probe, the CLI and a database-side search. Groups are keeper-centred: an item
joins a group only when it matches the group's keeper, or every member of it, never through a chain of
neighbours (a pan across a wall in ten steps is not one picture). With proof there is one exception, one step
deep: a copy the keeper's own proof calls ``similar`` only from scattered tiles (no edit, no other geometry) joins
when a member the keeper proved the same proves it the same (the keeper's comparison spoiled at its resolution).

Only candidate pairs are compared, which changes no verdict: exact copies by a dict; pictures by ``candidates``
from the caller (the duplicates service's numpy search) or else a lossless pure-Python colour index; videos and
items without a fingerprint (few) against every item of their kind. The correlation over shifts comes from one
big-integer product, bit-for-bit equal to direct sums. Phash cannot prune: "similar" pairs of the benchmark are up to
40 bits apart (bench/dedup/RESULTS.md).
"""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import accumulate, chain
from operator import add, mul, sub

from desktop.core.sameness import EDITED, SAME, SIMILAR, Transform, Verdict

FORMAT_VERSIONS = (1, 2)  # 2: pictures with a proof block after the frame (desktop.media.fingerprint)
THUMB = 16
GRID = 4
THUMB_SCALE = 32.0
_FRAME = struct.Struct("<Qf")
_FRAME_BYTES = _FRAME.size + THUMB * THUMB + GRID * GRID * 3
MIN_SENSITIVITY = 0.03  # floor for flat pictures, whose sensitivity is ~0
_LANE = 3  # bytes per coefficient of the packed thumbnails: sums of 256 products of 0..255 stay below 2**24
_FLIP = bytes(i ^ 0x80 for i in range(256))  # int8 byte -> value + 128


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
    taken: datetime | None = None  # EXIF DateTimeOriginal (with its sub-seconds when written): the camera's clock


def other_captures(a: DupCandidate, b: DupCandidate) -> bool:
    """The camera's clock says these are two exposures: both carry an EXIF capture time and the times differ (to
    the sub-second when both files have one, else to the second). A copy keeps its original's capture time (or
    loses it: then nothing is said); a burst shot of a phone or camera has its own. A difference of whole quarter
    hours is not taken for another exposure: that is how a tool that moves the photos of a trip to another time zone
    changes one copy and not the other."""
    if a.taken is None or b.taken is None:
        return False
    x, y = a.taken.replace(tzinfo=None), b.taken.replace(tzinfo=None)
    if not (x.microsecond and y.microsecond):  # one time to the second only: compare seconds
        x, y = x.replace(microsecond=0), y.replace(microsecond=0)
    gap = abs((x - y).total_seconds())
    return gap % 900 != 0


@dataclass
class DupGroup:
    """A group of duplicates; ``members`` includes ``keeper``, which comes first.

    ``kinds``, ``transforms`` and ``regions`` are per member (keyed by member key, the keeper left out): the
    member's own kind (today always the group's ``kind``: groups are of one kind), the ``Transform`` that maps it
    onto the keeper when a proof found one (``desktop.core.sameness``), and for ``edited`` members the changed
    region in % of the keeper (left, top, right, bottom)."""

    kind: str  # "exact" | "same" | "edited" | "similar"
    keeper: str
    members: list[str]
    kinds: dict[str, str] = field(default_factory=dict)
    transforms: dict[str, Transform] = field(default_factory=dict)
    regions: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Frame:
    phash: int
    sensitivity: float
    thumb: tuple[int, ...]
    colour: tuple[int, ...]
    mean_colour: tuple[float, float, float]
    lags: dict = field(default_factory=dict, compare=False, repr=False)  # max shift -> _lag_data(), lazily


def decode(fingerprint: bytes | None) -> list[_Frame] | None:
    """Frames of a fingerprint, or ``None`` when absent, of another version, or malformed.

    Format 2 (pictures) is format 1 followed by a proof block that only ``desktop.media.fingerprint`` reads."""
    if not fingerprint or len(fingerprint) < 2 or fingerprint[0] not in FORMAT_VERSIONS:
        return None
    count = fingerprint[1]
    end = 2 + count * _FRAME_BYTES
    if count == 0 or len(fingerprint) < end or (fingerprint[0] == 1 and len(fingerprint) != end):
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
    return sum(map(abs, map(sub, a.colour, b.colour))) / len(a.colour)


def _shift_ratio(a: _Frame, b: _Frame) -> float:
    """Thumbnail RMS distance over the larger of the two sensitivities (about "displacement / 4 %")."""
    d = list(map(sub, a.thumb, b.thumb))
    rms = math.sqrt(sum(map(mul, d, d)) / len(a.thumb)) / THUMB_SCALE
    return rms / max(a.sensitivity, b.sensitivity, MIN_SENSITIVITY)


@lru_cache(maxsize=8)
def _lag_layout(max_shift: int) -> tuple[int, int, tuple[tuple[int, int, int, int, int, int], ...]]:
    """Row stride of packed thumbnails, byte length of a product, and per shift (dy, then dx, from -max_shift up):
    its lane's byte offset, the overlap size, and the overlap in the first picture (rows, columns). The second
    picture's overlap is the first's for the opposite shift. With this stride every wanted lag has a lane of its
    own, and any lane sums at most 256 products."""
    if not 0 <= max_shift < THUMB:
        raise ValueError(f"similar_shift must be 0..{THUMB - 1}")
    n, stride = THUMB, THUMB + max_shift
    shifts = []
    for dy in range(-max_shift, max_shift + 1):
        for dx in range(-max_shift, max_shift + 1):
            y0, y1, x0, x1 = max(0, dy), n + min(0, dy), max(0, dx), n + min(0, dx)
            lane = (dy + n - 1) * stride + dx + n - 1
            shifts.append((lane * _LANE, (y1 - y0) * (x1 - x0), y0, y1, x0, x1))
    return stride, (2 * (n - 1) * (stride + 1) + 1) * _LANE, tuple(shifts)


def _lag_data(f: _Frame, max_shift: int) -> tuple[int, int, array, array]:
    """The thumbnail packed forwards and reversed (value + 128 per lane), and the sum and sum of squares of its
    overlap for each shift (exact integers)."""
    data = f.lags.get(max_shift)
    if data is None:
        n = THUMB
        stride, _, shifts = _lag_layout(max_shift)
        raw = array("b", f.thumb).tobytes().translate(_FLIP)
        packed = []
        for t in (raw, raw[::-1]):
            buf = bytearray(n * stride * _LANE)
            buf[::_LANE] = b"".join(t[y * n : (y + 1) * n] + bytes(stride - n) for y in range(n))
            packed.append(int.from_bytes(buf, "little"))
        tables = []
        for values in (f.thumb, tuple(map(mul, f.thumb, f.thumb))):
            row = [0] * (n + 1)
            table = [row]  # table[y][x]: sum over the first y rows and x columns
            for y in range(n):
                row = list(map(add, row, accumulate(values[y * n : (y + 1) * n], initial=0)))
                table.append(row)
            boxes = (
                table[y1][x1] - table[y0][x1] - table[y1][x0] + table[y0][x0] for *_, y0, y1, x0, x1 in shifts
            )
            tables.append(array("q", boxes))
        data = f.lags[max_shift] = (packed[0], packed[1], tables[0], tables[1])
    return data


def _shifted_corrs(a: _Frame, b: _Frame, max_shift: int) -> Iterator[float]:
    """Correlation of the two thumbnails' overlaps for each integer shift up to ``max_shift`` (flat overlaps
    skipped): the same sums, in the same floating-point steps, as direct loops over the overlaps."""
    _, length, shifts = _lag_layout(max_shift)
    fwd, _, sums_a, squares_a = _lag_data(a, max_shift)
    _, rev, sums_b, squares_b = _lag_data(b, max_shift)
    lags = (fwd * rev).to_bytes(length, "little")  # lane k: sum of (x + 128) * (y + 128) over lag k's pairs
    for (off, m, *_), sa, sa2, sb, sb2 in zip(
        shifts, sums_a, squares_a, reversed(sums_b), reversed(squares_b), strict=True
    ):
        products = int.from_bytes(lags[off : off + _LANE], "little") - 128 * (sa + sb) - 16384 * m
        mx, my = sa / m, sb / m
        sxy, sxx, syy = products - m * mx * my, sa2 - m * mx * mx, sb2 - m * my * my
        if sxx > 0 and syy > 0:
            yield sxy / math.sqrt(sxx * syy)


def _best_shifted_corr(a: _Frame, b: _Frame, max_shift: int) -> float:
    """Highest correlation of the two thumbnails' overlaps over integer shifts up to ``max_shift``."""
    return max([-1.0, *_shifted_corrs(a, b, max_shift)])


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
    # _best_shifted_corr(...) >= similar_corr, stopping at the first shift that reaches it:
    if t.similar_corr <= -1.0 or any(c >= t.similar_corr for c in _shifted_corrs(a, b, t.similar_shift)):
        return "similar"
    return None


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
    if verdict == "same" and other_captures(a, b):
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


AHEAD_KEEPERS = 16  # keepers whose comparisons are announced at once (a prover works them out on every core)


def _keeper_groups(
    ordered: list[DupCandidate],
    related: Callable[[DupCandidate, DupCandidate], bool],
    blocked: set[frozenset[str]],
    neighbours: dict[str, set[str]],
    ahead: Callable[[list[tuple[DupCandidate, list[DupCandidate]]]], None] | None = None,
    through: Callable[[list[DupCandidate], DupCandidate], bool] | None = None,
) -> list[list[DupCandidate]]:
    """Partition ``ordered`` (best keeper first) into keeper-centred groups; singletons included.

    Each item, best first, that no earlier keeper took becomes a keeper and takes the later items related to it
    (so every member is related to its keeper; nothing joins through a chain). Because the keeper is the best
    item related to a member, "related to the keeper or to all members" reduces to the first.
    ``through(direct members, item)``, when given, may then take a neighbour of the keeper it did not take: one
    step through a member the keeper took itself, never further (the same pass's rule for copies whose proof
    against the keeper is spoiled; ``group_duplicates``).
    ``blocked`` pairs never share a group. Only ``neighbours`` are tried: they must include every related item.
    ``ahead([(keeper, items), ...])`` is told, before a keeper's comparisons, which items it and the next keepers
    already certain will be compared with (a prover may work them out at once, on several cores). An item is a
    certain keeper when no earlier keeper took it and none still to compare has it as a neighbour; of its
    neighbours only those no earlier keeper of the batch may take are announced (the others are compared in turn,
    if still untaken), so every comparison announced is one the pass makes.
    """
    taken: set[str] = set()
    groups: list[list[DupCandidate]] = []
    pos = {c.key: i for i, c in enumerate(ordered)}
    announced = -1  # ``ahead`` was told about every certain keeper up to this position

    def allowed(c: DupCandidate, members: Iterable[DupCandidate]) -> bool:
        return not any(frozenset((c.key, m.key)) in blocked for m in members)

    def later_of(i: int) -> list[int]:
        return sorted(j for j in map(pos.get, neighbours.get(ordered[i].key, ())) if j is not None and j > i)

    def announce(i: int) -> int:
        """Tell ``ahead`` about keeper ``i`` and the certain keepers after it; the last position covered."""
        batch, reach, j = [], set(), i
        while j < len(ordered) and len(batch) < AHEAD_KEEPERS:
            c = ordered[j]
            if c.key not in taken and j not in reach:
                later = later_of(j)
                # an item an earlier keeper of the batch may take is compared later only if it was not taken:
                # not announced (its proof would often be made for nothing)
                batch.append((c, [ordered[k] for k in later if ordered[k].key not in taken and k not in reach]))
                reach.update(later)
            elif j in reach:  # may be taken by a keeper of the batch: what follows is no longer certain
                break
            j += 1
        ahead(batch)
        return j - 1

    for i, keeper in enumerate(ordered):
        if keeper.key in taken:
            continue
        if ahead is not None and i > announced:
            announced = announce(i)
        taken.add(keeper.key)
        members = [keeper]
        later = list(map(ordered.__getitem__, later_of(i)))
        for c in later:
            if c.key not in taken and related(keeper, c) and allowed(c, members):
                members.append(c)
                taken.add(c.key)
        if through is not None and len(members) > 1:
            direct = members[:]
            for c in later:
                if c.key not in taken and allowed(c, members) and through(direct, c):
                    members.append(c)
                    taken.add(c.key)
        groups.append(members)
    return groups


def _colour_pairs(frames: dict[str, _Frame], t: Thresholds) -> Iterator[tuple[str, str]]:
    """Pairs of pictures whose colours allow a verdict: grid colour distance within the larger colour threshold
    (which also bounds the distance of the mean colours). A sweep over the mean luma, in exact integers."""
    limit = t.same_colour if t.similar_shift < 0 else max(t.same_colour, t.similar_colour)
    bound = GRID * GRID * 3 * limit + 1  # both distances are integer sums / 48; +1 absorbs the rounding
    rows = sorted(
        (sum(f.colour[0::3]), sum(f.colour[1::3]), sum(f.colour[2::3]), f.colour, k)
        for k, f in frames.items()
    )
    for i, (y, cb, cr, colour, key) in enumerate(rows):
        for y2, cb2, cr2, colour2, key2 in rows[i + 1 :]:
            if y2 - y > bound:
                break
            if (
                y2 - y + abs(cb2 - cb) + abs(cr2 - cr) <= bound
                and sum(map(abs, map(sub, colour, colour2))) <= bound
            ):
                yield key, key2


def _neighbours(
    items: list[DupCandidate],
    frames: dict[str, list[_Frame] | None],
    t: Thresholds,
    candidates: Callable[[DupCandidate], Iterable[str]] | None,
) -> dict[str, set[str]]:
    """Every pair of items that may be "same" or "similar", as symmetric adjacency (a superset)."""
    pictures = {c.key: fs[0] for c in items if c.kind == "image" and (fs := frames[c.key]) and len(fs) == 1}
    if candidates is None:
        pairs: Iterable[tuple[str, str]] = _colour_pairs(pictures, t)
    else:
        pairs = ((c.key, k) for c in items if c.key in pictures for k in candidates(c) if k in pictures)
    others = [c for c in items if c.key not in pictures]  # videos, pictures without a fingerprint: few
    bits, more = max(t.phash_same, t.phash_similar), []
    for i, x in enumerate(others):  # against every item of their kind: frames compared, or the phash rule
        fx = frames[x.key]
        for y in (*others[i + 1 :], *(c for c in items if c.key in pictures and x.kind == "image")):
            fy = frames[y.key]
            if x.kind == y.kind and (
                (fx and fy and len(fx) == len(fy))
                or (x.phash is not None and y.phash is not None and (x.phash ^ y.phash).bit_count() <= bits)
            ):
                more.append((x.key, y.key))
    out: dict[str, set[str]] = {}
    for a, b in chain(pairs, more):
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def _covers_more(t: Transform | None) -> bool:
    """The copy shows more of the scene than its keeper (the keeper is a crop or a screenshot of it)."""
    return t is not None and t.screenshot is None and min(t.crop) < -NOTABLE_MARGIN


NOTABLE_MARGIN = 1.5  # percent of the keeper a copy must show beyond it on a side to be the fuller view


def group_duplicates(
    items: list[DupCandidate],
    *,
    not_duplicates: Iterable[frozenset[str]] = frozenset(),
    keeper_overrides: dict[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
    candidates: Callable[[DupCandidate], Iterable[str]] | None = None,
    verify: Callable[[DupCandidate, DupCandidate], Verdict | None] | None = None,
    derived: Callable[[DupCandidate], bool] | None = None,
) -> list[DupGroup]:
    """Exact, same-picture, edited and similar groups of ``items``; items in no group are not listed.

    ``not_duplicates``: pairs of keys a person said are different; they never share a group.
    ``keeper_overrides``: ``{member key: keeper key}`` chosen by a person; a group holding both keeps that one.
    ``candidates``: for a picture with a one-frame fingerprint, the keys of the other such pictures it may be
    "same" or "similar" to (any superset; pairs it leaves out in both directions are never compared). Without it,
    a pure-Python colour index is used (module docstring).
    ``verify(keeper, copy)``: a proof (``desktop.media.register``) giving a ``Verdict`` of the copy against the
    keeper, or ``None`` when it cannot prove anything for the pair (too few features: a gradient, a flat
    picture); then the thumbnail rule below decides, as it does for old (format 1) fingerprints.
    ``derived(item)``: True for an item that is visibly made from another picture (a screenshot: its picture sits
    inside chrome); such items come after the others of equal EXIF standing in the keeper order, so a screenshot
    never keeps over the photo it shows. A copy that shows less of the scene than another member (a crop) gives
    way to that member in the same way, after grouping.
    Exact groups come first; "same" groups are formed among the keepers of exact groups and the other items,
    "edited" groups (an original and its locally changed copies, never set aside) among the keepers left, and
    "similar" groups among the keepers left after that, for review.
    """
    blocked = set(not_duplicates)
    overrides = dict(keeper_overrides or {})
    preferred = set(overrides.values())
    made = {c.key for c in items if derived is not None and derived(c)}
    ordered = sorted(items, key=lambda c: (c.key not in preferred, not c.has_exif, c.key in made, keeper_rank(c)))
    frames = {c.key: decode(c.fingerprint) for c in ordered}
    provable = {c.key for c in ordered if c.fingerprint and c.fingerprint[0] == 2 and c.kind == "image"}
    verdicts: dict[tuple[str, str], Verdict | None] = {}
    result: list[DupGroup] = []

    def proof(a: DupCandidate, b: DupCandidate) -> Verdict | None:
        if verify is None or a.key not in provable or b.key not in provable:
            return None
        k = (a.key, b.key)
        if k not in verdicts:
            verdicts[k] = verify(a, b)
        return verdicts[k]

    prefetch = getattr(verify, "prefetch", None)

    def ahead(batch: list[tuple[DupCandidate, list[DupCandidate]]], captures: bool = True) -> None:
        """Announce ``batch`` to the prover; ``captures=False``: without the pairs the camera's clock already
        calls two captures (the same and edited passes never prove them)."""
        if prefetch is not None:
            prefetch([(k, [c for c in later if c.key in provable and (k.key, c.key) not in verdicts
                           and (captures or not other_captures(k, c))])
                      for k, later in batch if k.key in provable])

    def ahead_same(batch: list[tuple[DupCandidate, list[DupCandidate]]]) -> None:
        ahead(batch, captures=False)

    def emit(kind: str, members: list[DupCandidate]) -> None:
        keys = [m.key for m in members]
        keeper = next((overrides[k] for k in keys if overrides.get(k) in keys), keys[0])
        if kind == SAME and keeper == keys[0] and verify is not None:  # a crop never wins over its fuller view
            by_key = {m.key: m for m in members}
            fuller = [m for m in members[1:] if m.has_exif >= members[0].has_exif
                      and _covers_more(getattr(proof(members[0], m), "transform", None))]
            if fuller:
                keeper = fuller[0].key
                ahead([(fuller[0], [m for m in members if m.key != keeper])])  # all at once, as a keeper's
                if any(v is not None and v.kind != SAME for m in members if m.key != keeper
                       for v in [proof(by_key[keeper], m)]):
                    keeper = keys[0]  # the fuller view does not prove every member the same: keep the rule's
        g = DupGroup(kind, keeper, [keeper] + [k for k in keys if k != keeper])
        by_key = {m.key: m for m in members}
        for k in g.members[1:]:
            g.kinds[k] = kind
            v = proof(by_key[keeper], by_key[k])
            if v is not None and v.transform is not None:
                g.transforms[k] = v.transform
            if v is not None and v.region is not None and kind == EDITED:
                g.regions[k] = v.region
        result.append(g)

    copies: dict[str, set[str]] = {}
    for c in ordered:
        copies.setdefault(c.sha256, set()).add(c.key)
    heads = []
    for g in _keeper_groups(
        ordered, lambda a, b: a.sha256 == b.sha256, blocked, {c.key: copies[c.sha256] for c in ordered}
    ):
        if len(g) > 1:
            emit("exact", g)
        heads.append(g[0])

    def same(a: DupCandidate, b: DupCandidate) -> bool:
        if other_captures(a, b):  # two exposures by the camera's clock: similar at most
            return False
        if a.key in provable and b.key in provable and verify is not None:
            v = proof(a, b)
            if v is not None:
                return v.kind == SAME
        return _compare(a, frames[a.key], b, frames[b.key], thresholds, same_only=True) == "same"

    def edited(a: DupCandidate, b: DupCandidate) -> bool:
        if other_captures(a, b):
            return False
        v = proof(a, b)
        return v is not None and v.kind == EDITED

    def alike(a: DupCandidate, b: DupCandidate) -> bool:
        v = proof(a, b)
        if v is not None:
            return v.kind in {SAME, EDITED, SIMILAR}
        return _compare(a, frames[a.key], b, frames[b.key], thresholds) in {"same", "similar"}

    near = _neighbours(heads, frames, thresholds, candidates)

    def through(members: list[DupCandidate], c: DupCandidate) -> bool:
        """``c`` is the same picture as a member the keeper proved the same, and nothing the keeper saw says
        otherwise: no local change (edited), no other geometry (another capture), only a comparison the
        keeper's own copy spoils (resolution, aliasing): a copy is the same as what it is the same as."""
        if other_captures(members[0], c):
            return False
        v = proof(members[0], c)
        if v is not None and (v.kind not in {SAME, SIMILAR} or v.moved):
            return False
        return any((w := proof(m, c)) is not None and w.kind == SAME for m in members[1:])

    keepers = []
    for g in _keeper_groups(heads, same, blocked, near, ahead_same, through if verify is not None else None):
        if len(g) > 1:
            emit(SAME, g)
        keepers.append(g[0])
    rest = []
    if verify is not None:
        for g in _keeper_groups(keepers, edited, blocked, near):
            if len(g) > 1:
                emit(EDITED, g)
                rest.append(g[0])
            else:
                rest.append(g[0])
    else:
        rest = keepers
    for g in _keeper_groups(rest, alike, blocked, near, ahead):  # the clock's other captures are proven here
        if len(g) > 1:
            emit(SIMILAR, g)
    return result
