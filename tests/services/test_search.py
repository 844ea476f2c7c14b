"""``search_cases``: the database finds the cases the window's search would, without loading every text."""

from __future__ import annotations

from desktop.services import case_edit
from desktop.services.cases import list_cases, search_cases, search_index
from desktop.services.importing import import_paths
from tests.gen import jpeg, mail_with_attachment


def window_search(lib, text: str) -> list[str]:
    """What the window finds: the case list's own fields, then the in-memory index of messages and notes."""
    needle = text.casefold()
    index = search_index(lib)
    return sorted(c.ref for c in list_cases(lib)
                  if needle in f"{c.ref}\n{c.title}\n{c.customer or ''}\n{c.policy_ref or ''}".casefold()
                  or needle in index.get(c.ref, ""))


def test_search_finds_what_the_window_finds(lib, tmp_path):
    mail = mail_with_attachment(tmp_path / "in" / "m.eml", jpeg(tmp_path / "a.jpg", seed=1).read_bytes(),
                                "keuken.jpg", "image/jpeg")
    import_paths(lib, [mail])
    (ref_mail,) = [c.ref for c in list_cases(lib)]
    report = import_paths(lib, [jpeg(tmp_path / "loose" / "b.jpg", seed=2)], case_ref="OWN-50_1")
    case_edit.add_note(lib, report.cases[0], "Gesprek met Émile Ørsted over de 100% dekking")
    case_edit.update_case(lib, ref_mail, policy_ref="POL-778899")
    queries = ["bijlage", "SOPHIE", "keuken", "pol-7788", "émile", "ÉMILE", "ørsted", "100%",
               "50_", "%", "_", "N-5", "OWN-50", "niets", "Schade keuken"]
    for q in queries:
        assert search_cases(lib, q) == window_search(lib, q), q
    assert search_cases(lib, "émile") == ["OWN-50_1"] and search_cases(lib, "bijlage") == [ref_mail]
    assert search_cases(lib, "   ") == []
    assert search_cases(lib, "sophie@example") == [ref_mail]  # also the customer's e-mail and phone
    assert [c.ref for c in list_cases(lib, search="dekking")] == ["OWN-50_1"]
