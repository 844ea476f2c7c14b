"""Generated case titles and undo labels, in English and Dutch."""

from __future__ import annotations

from datetime import date, datetime

from desktop.core.actions import ACTIONS, action_label, redo_text, undo_text
from desktop.core.titles import container_title, date_span, dates_title


def test_date_spans_in_both_languages():
    assert date_span(date(2024, 3, 14), date(2024, 3, 16)) == "14-16 March 2024"
    assert date_span(date(2024, 3, 16), date(2024, 3, 14), "nl") == "14-16 maart 2024"
    assert date_span(date(2024, 3, 14), date(2024, 3, 14)) == "14 March 2024"
    assert date_span(date(2024, 2, 28), date(2024, 3, 3), "nl") == "28 februari - 3 maart 2024"
    assert date_span(date(2023, 12, 30), date(2024, 1, 2)) == "30 December 2023 - 2 January 2024"


def test_dates_title_names_what_was_sent():
    times = [datetime(2024, 3, 14, 10), None, datetime(2024, 3, 16, 9)]
    assert dates_title(times, ["image"] * 3) == "Photos 14-16 March 2024"
    assert dates_title(times, ["image"] * 3, "nl") == "Foto's 14-16 maart 2024"
    assert dates_title(times, ["video", "video"], "nl") == "Video's 14-16 maart 2024"
    assert dates_title(times, ["image", "pdf"]) == "Files 14-16 March 2024"
    assert dates_title([None], ["image"], "nl", received=date(2026, 5, 1)) == "Foto's ontvangen 1 mei 2026"


def test_container_titles():
    assert container_title("Kitchen flood") == "Kitchen flood"
    assert container_title("Photos bathroom.ZIP") == "Photos bathroom"
    assert container_title("/home/anna/Downloads/claim 12") == "claim 12"
    assert container_title(".zip") == ".zip"


def test_every_action_has_a_label_in_both_languages_with_its_parameters():
    params = {"ref": "C-1", "status": "closed", "kind": "complaint", "fields": ["title", "policy_ref"], "name": "a.jpg",
              "source": "C-2", "target": "C-1", "count": 3, "new": "C-3", "degrees": 90, "cases": ["C-4"],
              "customer": "Ann"}
    for kind in ACTIONS:
        en, nl = action_label(kind, params, "en"), action_label(kind, params, "nl")
        assert en != kind and nl != kind and en != nl and "{" not in en + nl, kind
    assert action_label("case-status", params, "nl") == "Status van C-1 op Gesloten zetten"
    assert action_label("case-fields", params, "nl") == "titel, polisnummer van C-1 wijzigen"
    assert action_label("move", {"count": 1, "target": "C-1"}) == "Move 1 item to C-1"
    assert action_label("import", {"count": 12, "cases": ["C-4", "C-5"]}, "nl") == "Import van 12 bestanden in 2 zaken"
    assert action_label("legal-hold-from-a-newer-version", {}, "nl", fallback="Legal hold") == "Legal hold"
    assert action_label("merge", {"source": "C-2"}, fallback="as recorded") == "as recorded"  # parameters missing
    assert undo_text("Merge C-2 into C-1") == "Undo Merge C-2 into C-1"
    assert redo_text("C-2 samenvoegen met C-1", "nl") == "Opnieuw: C-2 samenvoegen met C-1"
