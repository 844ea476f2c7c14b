"""Fill the Dutch .ts from the branch tables (``packaging/i18n_*_nl.py``: English source -> Dutch) wherever a
message is still unfinished, then compile the .qm files. After ``python packaging/i18n.py``:

    python packaging/i18n_fill.py
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import i18n  # noqa: E402
from i18n import I18N, unfinished  # noqa: E402


def tables() -> dict[str, str | tuple[str, str]]:
    out: dict[str, str | tuple[str, str]] = {}
    for path in sorted(HERE.glob("i18n_*_nl.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out.update(mod.NL)
    return out


def fill(path: Path, table: dict[str, str | tuple[str, str]]) -> int:
    tree = ET.parse(path)
    n = 0
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        source = msg.findtext("source") or ""
        if source not in table:
            continue
        value = table[source]
        if msg.get("numerus") == "yes":
            forms = tr.findall("numerusform") or [ET.SubElement(tr, "numerusform"), ET.SubElement(tr, "numerusform")]
            one, many = value if isinstance(value, tuple) else (value, value)
            for form, text in zip(forms, (one, many), strict=False):
                form.text = text
        else:
            tr.text = value if isinstance(value, str) else value[1]
        tr.attrib.pop("type", None)
        n += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return n


def main() -> int:
    ts = I18N / "casedesk_nl.ts"
    print(f"Dutch strings filled: {fill(ts, tables())}")
    i18n.main()  # lupdate again (its own layout, so the diff stays small), English plurals, lrelease
    left = unfinished(ts)
    if left:
        print(f"{len(left)} Dutch strings still to translate, e.g. {left[:3]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
