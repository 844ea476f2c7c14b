"""Where the window's resources (icons, translations) are: beside the package, or inside a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icon_path(name: str = "casedesk") -> Path:
    d = resources_dir() / "icons"
    png, svg = d / f"{name}.png", d / f"{name}.svg"
    return svg if svg.is_file() else png


def translations_dir() -> Path:
    return resources_dir() / "i18n"
