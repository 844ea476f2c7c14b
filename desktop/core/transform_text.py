"""What was done to a copy, in plain English and Dutch: "cropped 6 % left and 3 % top, 10 % brighter".

The duplicate engine (``desktop.core.dedup``) measures, for each copy set aside or kept beside its keeper, the
transform that maps the keeper onto it: a crop box in percent of the keeper per side, a scale, a rotation in
degrees clockwise, brightness and contrast as factors (1.10: 10 % brighter), and for a screenshot the size of the
picture inside the size of the frame. ``transform_text`` says it in a sentence for the duplicates view and the
PDF's appendix; ``region_text`` says where an edited copy differs. Small values (under half a percent, a scale
within 2 %, a factor within 2 %) are measurement noise and are left out. Languages as in ``desktop.core.labels``
("en", "nl"; anything else is English).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.sameness import FILTER_WORDS

_SIDES = (("left", "left", "links"), ("top", "top", "boven"), ("right", "right", "rechts"),
          ("bottom", "bottom", "onder"))
_AND = {"en": "and", "nl": "en"}


def _lang(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


def _pct(value: float) -> str:
    return f"{round(value):d} %"


def _join(parts: Sequence[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {_AND[lang]} {parts[-1]}"


def _num(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _factor(t: Mapping, key: str, more: tuple[str, str], less: tuple[str, str], lang: str) -> str | None:
    f = _num(t.get(key))
    if f is None or f <= 0 or abs(f - 1) < 0.02:
        return None
    words = more if f > 1 else less
    return f"{_pct(abs(f - 1) * 100)} {words[lang == 'nl']}"


def _crop(t: Mapping, lang: str) -> str | None:
    box = t.get("crop")
    if not isinstance(box, Mapping):
        return None
    sides = [(_num(box.get(key)) or 0.0, en, nl) for key, en, nl in _SIDES]
    shown = [f"{_pct(v)} {nl if lang == 'nl' else en}" for v, en, nl in sides if round(v) >= 1]
    if not shown:
        return None
    return f"{_join(shown, lang)} bijgesneden" if lang == "nl" else f"cropped {_join(shown, lang)}"


def _rotation(t: Mapping, lang: str) -> str | None:
    r = _num(t.get("rotation"))
    if r is None:
        return None
    r = round(r) % 360
    if r == 0:
        return None
    if r == 180:
        return "ondersteboven gedraaid" if lang == "nl" else "turned upside down"
    if r == 90:
        return "90° rechtsom gedraaid" if lang == "nl" else "turned 90° clockwise"
    if r == 270:
        return "90° linksom gedraaid" if lang == "nl" else "turned 90° anticlockwise"
    return f"{r}° rechtsom gedraaid" if lang == "nl" else f"turned {r}° clockwise"


def _scale(t: Mapping, lang: str) -> str | None:
    s = _num(t.get("scale"))
    if s is None or s <= 0 or abs(s - 1) < 0.02:
        return None
    if lang == "nl":
        return f"{'verkleind' if s < 1 else 'vergroot'} tot {_pct(s * 100)}"
    return f"{'reduced' if s < 1 else 'enlarged'} to {_pct(s * 100)}"


def _size(px: object) -> str | None:
    if isinstance(px, Sequence) and not isinstance(px, str) and len(px) == 2:
        w, h = (_num(v) for v in px)
        if w and h:
            return f"{round(w)} × {round(h)}"
    return None


def _screenshot(t: Mapping, lang: str) -> str | None:
    shot = t.get("screenshot")
    if not shot:
        return None
    if not isinstance(shot, Mapping):
        return "schermafbeelding" if lang == "nl" else "screenshot"
    picture, frame = _size(shot.get("picture_px")), _size(shot.get("frame_px"))
    if lang == "nl":
        text = "schermafbeelding"
        if picture:
            text += f": foto van {picture} px"
            if frame:
                text += f" in een scherm van {frame}"
        return text
    text = "screenshot"
    if picture:
        text += f": picture at {picture} px"
        if frame:
            text += f" inside a {frame} frame"
    return text


def _mirrored(t: Mapping, lang: str) -> str | None:
    if not t.get("mirrored"):
        return None
    return "gespiegeld" if lang == "nl" else "mirrored"


def _filters(t: Mapping, lang: str) -> list[str]:
    names = t.get("filters")
    if not isinstance(names, Sequence) or isinstance(names, str):
        return []
    return [FILTER_WORDS[n][lang == "nl"] for n in names if n in FILTER_WORDS]


def transform_parts(transform: Mapping | None, lang: str = "en") -> list[str]:
    """The changes of ``transform`` as phrases, in a fixed order (screenshot, crop, turn, mirror, scale, tones,
    filters of the whole picture)."""
    if not transform:
        return []
    lang = _lang(lang)
    t = transform
    parts = [
        _screenshot(t, lang), _crop(t, lang), _rotation(t, lang), _mirrored(t, lang), _scale(t, lang),
        _factor(t, "brightness", ("brighter", "lichter"), ("darker", "donkerder"), lang),
        _factor(t, "contrast", ("more contrast", "meer contrast"), ("less contrast", "minder contrast"), lang),
        _factor(t, "saturation", ("more saturated", "verzadigder"), ("less saturated", "minder verzadigd"), lang),
        *_filters(t, lang),
    ]
    return [p for p in parts if p]


def transform_text(transform: Mapping | None, lang: str = "en") -> str:
    """``transform`` in one phrase: "cropped 6 % left and 3 % top, 10 % brighter"; "" when nothing changed."""
    return ", ".join(transform_parts(transform, lang))


def region_text(region: Sequence[float] | None, lang: str = "en") -> str:
    """Where an edited copy differs from its keeper (``(left, top, width, height)`` in percent of the keeper):
    "changed area 20 % wide and 15 % high, 12 % from the left and 30 % from the top"; "" without one."""
    if not region or len(region) != 4:
        return ""
    left, top, width, height = (float(v) for v in region)
    if _lang(lang) == "nl":
        return (f"gewijzigd gebied van {_pct(width)} breed en {_pct(height)} hoog, "
                f"{_pct(left)} van links en {_pct(top)} van boven")
    return (f"changed area {_pct(width)} wide and {_pct(height)} high, "
            f"{_pct(left)} from the left and {_pct(top)} from the top")
