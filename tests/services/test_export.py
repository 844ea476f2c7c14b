"""The case file of a real imported case: parsed back with pypdf, checked with qpdf, rendered with pdftoppm."""

from __future__ import annotations

import subprocess

from pypdf import PdfReader

from desktop.report.data import ReportOptions
from desktop.services import case_edit
from desktop.services.cases import list_cases, list_media
from desktop.services.demo import build_demo
from desktop.services.exporting import export_case
from desktop.services.importing import import_paths
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


def _pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_case_file_conversation_each_file_once_omitted_and_missing_named(lib, tmp_path):
    """Emma's export without one of its photos: the cover states the response times, the timeline names every
    file once (with its message), '<Media omitted>' in words, the absent photo as missing."""
    from tests.services.test_chat_import import EXPECTED, build_export

    key = "casedesk-authored/android-en-us-12h/WhatsApp Chat with Emma de Vries.txt"
    names = [a["file"] for a in EXPECTED["files"][key]["attachments"]]
    gone = "IMG-20240302-WA0002.jpg"
    import_paths(lib, [build_export(key, tmp_path / "e", drop={gone})])
    first = list_cases(lib)[0]
    out = export_case(lib, first.ref, tmp_path / "emma.pdf", ReportOptions(pdfa=False))
    pages = _pages(out)
    cover, timeline = pages[0], next(p for p in pages if p.lstrip().startswith("Timeline"))
    assert "First customer message" in cover and "2024-03-02 09:41" in cover
    assert "First answer" in cover and "after 0 working minutes" in cover  # Saturday: answered before Monday
    assert "Later than the norm\nnone" in cover
    for name in names[:3]:  # the files of the first case (the others are in the second suggested case)
        assert timeline.count(name) == 1, (name, timeline)
    assert f"{gone}: missing (named in the chat, not in the export)" in timeline.replace("\n", " ")
    assert "media not included in the export" in timeline and "<Media omitted>" not in timeline
    nl = _pages(export_case(lib, first.ref, tmp_path / "emma-nl.pdf", ReportOptions(pdfa=False, lang="nl")))
    assert "media niet meegenomen in de export" in " ".join(nl).replace("\n", " ")
    assert "Eerste antwoord" in nl[0] and "werkminuten" in nl[0]
    pdftoppm = require_tool("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "2", str(out), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 2


def test_case_file_manifest_lists_the_container_and_kept_originals(lib, tmp_path):
    from desktop.core.model import MediaRole
    from tests.services.test_mail_conversations import claim_mail

    import_paths(lib, [claim_mail(tmp_path)])
    [case] = list_cases(lib)
    text = "".join(_pages(export_case(lib, case.ref, tmp_path / "m.pdf", ReportOptions(pdfa=False))))
    flat = text.replace("\n", "")
    every = list_media(lib, case_ref=case.ref, everything=True)
    assert {m.role for m in every} == {MediaRole.MEDIA, MediaRole.ORIGINAL, MediaRole.CONTAINER}
    for m in every:
        assert m.sha256 in flat, m.name  # the manifest: every byte received
    assert "Included in this file" in text and "3Received" in flat.replace(" ", "")
