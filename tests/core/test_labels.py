"""One label table for the window and the PDF: complete in both languages, capitalised where values stand alone."""

from __future__ import annotations

import pytest

from desktop.core.labels import LANGUAGES, badge, label, vocabularies
from desktop.core.model import CaptureSource, CaseKind, CaseStatus, DupKind, Flag, MediaKind


@pytest.mark.parametrize("vocabulary", vocabularies(), ids=lambda v: v.__name__)
def test_every_code_has_a_label_in_both_languages(vocabulary):
    for code in vocabulary:
        en, nl = (label(vocabulary, code, lang) for lang in LANGUAGES)
        assert en != code.value, code  # a word, not the code printed as given
        assert all(n and n.strip() == n for n in (en, nl)), (code, en, nl)


@pytest.mark.parametrize("vocabulary", [CaseStatus, CaseKind, MediaKind, Flag], ids=lambda v: v.__name__)
def test_values_that_stand_alone_start_with_a_capital(vocabulary):
    for code in vocabulary:
        for lang in LANGUAGES:
            name = label(vocabulary, code, lang)
            assert name[0].isupper(), (code, lang, name)


def test_dutch_is_dutch_and_unknown_codes_print_as_given():
    assert label(CaseStatus, "new", "nl") == "Nieuw" and label(CaseKind, "claim", "nl") == "Schadeclaim"
    assert label(Flag, "exif-stripped", "en") == "EXIF stripped"
    assert label(CaptureSource, "video", "en") != label(MediaKind, "video", "en")  # same value, two vocabularies
    assert label(DupKind, "same", "de") == label(DupKind, "same", "en")  # another language: English
    assert label(Flag, "a-flag-from-the-future", "nl") == "a-flag-from-the-future"
    assert label(CaptureSource, None, "en") == ""
    assert label(CaptureSource, "exif", "en", short=True) == "EXIF" and label(CaptureSource, "exif") == "EXIF (camera)"
    assert label(CaptureSource, "filename", "nl", short=True) == label(CaptureSource, "filename", "nl")


def test_every_flag_has_a_badge():
    for flag in Flag:
        assert badge(flag, "nl") != flag.value, flag  # from the table, not the code printed as given
        assert 0 < len(badge(flag, "en")) <= 10, flag
