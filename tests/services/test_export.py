"""The case file of a real imported case: parsed back with pypdf, checked with qpdf, rendered with pdftoppm."""

from __future__ import annotations

import subprocess

from pypdf import PdfReader

from desktop.report.data import ReportOptions
from desktop.services import case_edit
from desktop.services.cases import list_cases, list_media
from desktop.services.demo import build_demo
from desktop.services.exporting import export_case
from tests.conftest import require_tool


def test_export_demo_claim(lib, tmp_path):
    build_demo(lib)
    case = next(c for c in list_cases(lib) if c.customer == "Sophie Bakker")
    case_edit.update_case(lib, case.ref, policy_ref="POL-778812", incident_date="2026-11-15", handler="J. Smit")
    case_edit.add_note(lib, case.ref, "Called the customer; plumber visit on Friday.", author="J. Smit")
    media = [m for m in list_media(lib, case_ref=case.ref) if m.sha256]
    case_edit.set_media(lib, media[0].id, caption="Water under the machine")
    out = tmp_path / "out" / "case.pdf"
    out.parent.mkdir()
    export_case(lib, case.ref, out, ReportOptions(with_duplicates=True))
    assert sorted(p.name for p in out.parent.iterdir()) == ["case.pdf"]  # no temporary leftovers
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert case.ref in text and "POL-778812" in text and "plumber visit" in text
    assert "Water under the machine" in text
    for m in media:  # the integrity manifest names every original of the case
        assert m.sha256 in text.replace("\n", ""), m.name
    assert "IMG-20261116-WA0005.jpg" in text  # the exact copy, in the duplicates appendix
    titles = [o.title for o in reader.outline if hasattr(o, "title")]
    assert len(titles) >= 4
    assert reader.metadata.title and case.ref in reader.metadata.title
    qpdf = require_tool("qpdf")
    check = subprocess.run([qpdf, "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    pdftoppm = require_tool("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "3", str(out), str(tmp_path / "page")],
                   check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == 3
