"""What one copy of a picture is to its keeper: the verdict of a proof, the transform, the changed region.

``desktop.media.register`` proves a candidate pair (local features, a robust fit of a similarity transform, a
tile-by-tile photometric comparison) and returns a ``Verdict``; ``desktop.core.dedup`` groups by it and hands the
transform and region of each member to the services. ``describe`` and ``describe_region`` say it in words, in
English or Dutch (the languages of ``desktop.core.labels``), for the duplicates view and the PDF appendix:
"cropped 6 % left and 3 % top, 10 % brighter", "screenshot: picture at 1080 px inside a 1128x2400 frame".

Conventions: percentages are of the keeper's picture (its content box: a screenshot keeper's chrome excluded);
``rotation`` is how far the copy is turned clockwise against the keeper (0, 90, 180, 270); ``roll`` the small
angle left after that (degrees, clockwise); ``scale`` the copy's pixels per keeper pixel; ``gain``/``offset``
the copy's grey = gain * keeper's grey + offset (0-255) over the registered overlap.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, fields

from desktop.core.labels import LANGUAGES

SAME = "same"
EDITED = "edited"
SIMILAR = "similar"
KINDS = (SAME, EDITED, SIMILAR)
UNRELATED = "unrelated"  # a proof that could look and found no registration: no group, no fallback rule
NOTABLE_CROP = 1.0  # percent per side below which a crop is registration noise, not worth saying
NOTABLE_TONE = 0.04  # relative brightness / contrast change below which nothing is said
NOTABLE_SCALE = 0.03


@dataclass(frozen=True)
class Transform:
    """How a copy's picture maps onto its keeper's."""

    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # % of the keeper cut off: left, top, right,
    #                                                                   bottom (negative: the copy shows more)
    scale: float = 1.0  # copy pixels per keeper pixel
    rotation: int = 0  # degrees clockwise, a multiple of 90
    roll: float = 0.0  # small residual angle, degrees clockwise
    brightness: float = 0.0  # relative change of the mean grey: +0.10 is 10 % brighter
    contrast: float = 1.0  # the copy's contrast over the keeper's
    screenshot: tuple[int, int, int, int] | None = None  # picture w, h inside a frame W, H (copy pixels)
    mirrored: bool = False
    filters: tuple[str, ...] = ()  # edits of the whole picture seen: "black-and-white", "toned" (sepia), "vignette"


@dataclass(frozen=True)
class Verdict:
    """A proven relation between a keeper and a copy; ``kind`` is ``same``, ``edited`` or ``similar``."""

    kind: str
    transform: Transform | None = None
    region: tuple[float, float, float, float] | None = None  # changed area, % of the keeper: left, top, right, bottom
    disagreeing: float = 0.0  # share of the compared tiles whose residual is beyond compression noise
    tiles: int = 0  # tiles compared
    noise: float = 0.0  # estimated residual noise level (grey levels)
    inliers: int = 0  # feature matches consistent with the transform
    worst: float = 0.0  # largest tile residual in units of its expected (noise + registration) residual
    outliers: float = 0.0  # largest share of a tile's pixels beyond noise
    spread: float = 0.0  # pixels (stored grey): the largest local shift of a tile against the one fitted transform
    moved: bool = False  # ``similar`` by geometry: no one transform maps the copy onto the keeper (another capture)


_VERDICT_FIELDS = tuple(f.name for f in fields(Verdict))
_TRANSFORM_FIELDS = tuple(f.name for f in fields(Transform))


def verdict_text(v: Verdict | None) -> str | None:
    """A verdict (``None``: no proof possible) as text that gives back an equal one (``verdict_from_text``): a
    list of its values, the transform's as a list inside; ``None`` when a value cannot be kept exactly (not a
    finite number, an unknown type)."""
    if v is None:
        return "null"
    values = list(astuple(v))
    if v.transform is not None:
        values[1] = list(astuple(v.transform))
    try:  # a NumPy number is written as the Python number it is (``item``)
        return json.dumps(values, separators=(",", ":"), allow_nan=False, default=_native)
    except (TypeError, ValueError):
        return None


def _native(x: object) -> object:
    item = getattr(x, "item", None)
    if item is None:
        raise TypeError(f"not kept: {type(x).__name__}")
    return item()


def verdict_from_text(text: str) -> Verdict | None:
    """The verdict ``verdict_text`` wrote (``None`` for "no proof possible"); ``ValueError`` for other text."""
    try:
        values = json.loads(text)
        if values is None:
            return None
        kw = dict(zip(_VERDICT_FIELDS, values, strict=True))
        t = kw["transform"]
        if t is not None:
            tk = dict(zip(_TRANSFORM_FIELDS, t, strict=True))
            tk["crop"] = tuple(tk["crop"])
            tk["screenshot"] = None if tk["screenshot"] is None else tuple(tk["screenshot"])
            tk["filters"] = tuple(tk["filters"])
            kw["transform"] = Transform(**tk)
        kw["region"] = None if kw["region"] is None else tuple(kw["region"])
        return Verdict(**kw)
    except (TypeError, KeyError, json.JSONDecodeError) as e:
        raise ValueError(f"not a kept verdict: {e}") from e


# the filters of the whole picture a transform names (``Transform.filters``), in English and Dutch: also the stored
# record's words (``desktop.core.transform_text``)
FILTER_WORDS = {
    "black-and-white": ("in black and white", "in zwart-wit"),
    "toned": ("toned in one colour (sepia)", "in één kleur getint (sepia)"),
    "vignette": ("darker towards the corners (vignette)", "donkerder naar de hoeken (vignet)"),
}

_WORDS = {
    "cropped": ("cropped", "bijgesneden"),
    "left": ("left", "links"),
    "top": ("top", "boven"),
    "right": ("right", "rechts"),
    "bottom": ("bottom", "onder"),
    "and": ("and", "en"),
    "turned": ("turned {deg}° clockwise", "{deg}° met de klok mee gedraaid"),
    "roll": ("tilted {deg:.1f}°", "{deg:.1f}° scheef"),
    "brighter": ("{p} % brighter", "{p} % lichter"),
    "darker": ("{p} % darker", "{p} % donkerder"),
    "more_contrast": ("{p} % more contrast", "{p} % meer contrast"),
    "less_contrast": ("{p} % less contrast", "{p} % minder contrast"),
    "smaller": ("resized to {p} %", "verkleind tot {p} %"),
    "larger": ("enlarged to {p} %", "vergroot tot {p} %"),
    "screenshot": ("screenshot: picture at {w} px inside a {fw}x{fh} frame",
                   "schermafbeelding: foto van {w} px in een kader van {fw}x{fh}"),
    "mirrored": ("mirrored", "gespiegeld"),
    **FILTER_WORDS,
    "unchanged": ("picture unchanged", "foto ongewijzigd"),
    "region": ("changed here: {l:.0f}-{r:.0f} % from the left, {t:.0f}-{b:.0f} % from the top",
               "hier gewijzigd: {l:.0f}-{r:.0f} % van links, {t:.0f}-{b:.0f} % van boven"),
}


def _w(key: str, lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}")
    return _WORDS[key][LANGUAGES.index(lang)]


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {_w('and', lang)} " + parts[-1]


def describe(t: Transform | None, lang: str = "en") -> str:
    """The transform in plain words: "cropped 6 % left and 3 % top, 10 % brighter"; empty without one."""
    if t is None:
        return ""
    parts: list[str] = []
    if t.screenshot:
        w, _h, fw, fh = t.screenshot
        parts.append(_w("screenshot", lang).format(w=w, fw=fw, fh=fh))
    sides = [(v, side) for v, side in zip(t.crop, ("left", "top", "right", "bottom"), strict=True)
             if v >= NOTABLE_CROP]
    if sides:
        parts.append(f"{_w('cropped', lang)} " + _join([f"{round(v)} % {_w(s, lang)}" for v, s in sides], lang))
    if t.rotation % 360:
        parts.append(_w("turned", lang).format(deg=t.rotation % 360))
    if abs(t.roll) >= 0.5:
        parts.append(_w("roll", lang).format(deg=t.roll))
    if t.mirrored:
        parts.append(_w("mirrored", lang))
    parts += [_w(f, lang) for f in t.filters if f in FILTER_WORDS]
    if not t.screenshot and abs(t.scale - 1) >= NOTABLE_SCALE:
        parts.append(_w("smaller" if t.scale < 1 else "larger", lang).format(p=round(100 * t.scale)))
    if abs(t.brightness) >= NOTABLE_TONE:
        parts.append(_w("brighter" if t.brightness > 0 else "darker", lang).format(p=round(100 * abs(t.brightness))))
    if abs(t.contrast - 1) >= NOTABLE_TONE:
        key = "more_contrast" if t.contrast > 1 else "less_contrast"
        parts.append(_w(key, lang).format(p=round(100 * abs(t.contrast - 1))))
    return ", ".join(parts) if parts else _w("unchanged", lang)


def describe_region(region: tuple[float, float, float, float] | None, lang: str = "en") -> str:
    """Where an edited copy differs from its keeper, in words; empty without a region."""
    if region is None:
        return ""
    left, top, right, bottom = region
    return _w("region", lang).format(l=left, t=top, r=right, b=bottom)
