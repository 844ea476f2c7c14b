"""The packaging files point at things that exist: data folders, icons, translations, desktop metadata."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "packaging"


def test_spec_lists_existing_data_and_the_entry_point():
    spec = (PACK / "casedesk.spec").read_text(encoding="utf-8")
    for rel in ("resources/icons", "resources/i18n", "resources/fonts", "desktop/store/migrations"):
        assert f'"{rel}"' in spec and (ROOT / rel).is_dir()
    assert "desktop\" / \"__main__.py" in spec and (ROOT / "desktop" / "__main__.py").is_file()
    assert "collect_submodules(\"alembic\")" in spec


def test_icons_and_translations_are_built():
    img = QImage(str(ROOT / "resources" / "icons" / "casedesk.png"))
    assert (img.width(), img.height()) == (256, 256)
    assert (ROOT / "resources" / "icons" / "casedesk.svg").read_text().lstrip().startswith("<?xml")
    for lang in ("en", "nl"):
        qm = ROOT / "resources" / "i18n" / f"casedesk_{lang}.qm"
        ts = ROOT / "resources" / "i18n" / f"casedesk_{lang}.ts"
        assert qm.stat().st_size > 1000 and ts.is_file()


def test_desktop_entry_and_metainfo_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keep the keys' case
    entry.read(PACK / "org.casedesk.Casedesk.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Exec"].split()[0] == "casedesk" and d["Icon"] == "org.casedesk.Casedesk"
    meta = ET.parse(PACK / "org.casedesk.Casedesk.metainfo.xml").getroot()
    assert meta.findtext("id") == "org.casedesk.Casedesk"
    assert meta.find("launchable").text == "org.casedesk.Casedesk.desktop"
