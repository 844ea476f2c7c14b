"""The window and the PDF name every domain code with the same words, in English and in Dutch."""

from __future__ import annotations

from desktop.core.model import CaptureSource, CaseKind, CaseStatus, DupKind, Flag, MediaKind
from desktop.report.i18n import Strings
from desktop.ui import labels
from desktop.ui.app import create_app, install_translations

WINDOW = {CaseStatus: labels.status_label, CaseKind: labels.kind_label, MediaKind: labels.media_kind_label,
          Flag: labels.flag_label, CaptureSource: labels.source_label, DupKind: labels.dup_kind_label}


def test_window_and_case_file_use_the_same_words(qapp):  # noqa: ANN001
    app = create_app()
    try:
        for lang in ("en", "nl"):
            install_translations(app, lang)
            assert labels.window_language() == lang
            pdf = Strings(lang)
            for vocabulary, window_label in WINDOW.items():
                for code in vocabulary:
                    assert window_label(code) == pdf.label(vocabulary, code), (lang, code)
        assert labels.flag_label("exif-stripped") == "EXIF verwijderd" and labels.flag_short("edited") == "bewerkt"
    finally:
        install_translations(app, "en")
    assert labels.status_label("new") == "New" and labels.source_label(None) == "unknown"
