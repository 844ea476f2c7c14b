"""Refresh the translation sources and compile them.

    python packaging/i18n.py

1. ``pyside6-lupdate`` extracts every ``self.tr()`` / ``QCoreApplication.translate()`` string of desktop/ui into
   resources/i18n/casedesk_nl.ts (kept translations are preserved) and the plural forms into casedesk_en.ts.
2. English plural forms are filled in from the source: "%n file(s)" becomes "%n file" / "%n files".
3. ``pyside6-lrelease`` compiles both into .qm files, which are committed (the app loads them at start).
Dutch strings are translated in the .ts file (Qt Linguist, or by hand); unfinished ones fall back to English.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))


def lupdate() -> None:
    files = sources()
    subprocess.run(["pyside6-lupdate", *files, "-no-obsolete", "-source-language", "en", "-target-language", "nl",
                    "-ts", str(I18N / "casedesk_nl.ts")], cwd=ROOT, check=True)
    subprocess.run(["pyside6-lupdate", *files, "-no-obsolete", "-pluralonly", "-source-language", "en",
                    "-target-language", "en", "-ts", str(I18N / "casedesk_en.ts")], cwd=ROOT, check=True)


def english_plural(source: str) -> tuple[str, str]:
    one = re.sub(r"\((s|es)\)", "", source)
    many = re.sub(r"\((s|es)\)", r"\1", source)
    return one, many


def fill_english() -> int:
    path = I18N / "casedesk_en.ts"
    tree = ET.parse(path)
    n = 0
    for msg in tree.iter("message"):
        if msg.get("numerus") != "yes":
            continue
        tr = msg.find("translation")
        assert tr is not None
        forms = tr.findall("numerusform")
        one, many = english_plural(msg.findtext("source") or "")
        for form, text in zip(forms, (one, many), strict=False):
            form.text = text
        tr.attrib.pop("type", None)
        n += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return n


def lrelease() -> None:
    for ts in sorted(I18N.glob("casedesk_*.ts")):
        subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def unfinished(path: Path) -> list[str]:
    tree = ET.parse(path)
    return [m.findtext("source") or "" for m in tree.iter("message")
            if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]


def main() -> int:
    lupdate()
    print(f"English plural forms: {fill_english()}")
    lrelease()
    left = unfinished(I18N / "casedesk_nl.ts")
    if left:
        print(f"{len(left)} Dutch strings still to translate, e.g. {left[:3]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
