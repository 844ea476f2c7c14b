"""A unit of work on SQLite: a read unit is one snapshot, a write unit commits all or nothing, and text from
outside is cut to its column's length."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.calendar import ServiceCalendar
from desktop.core.errors import NotFound
from desktop.core.response import ResponsePolicy
from desktop.services.cases import list_cases
from desktop.services.importing import import_paths
from desktop.services.library import Library
from desktop.settings import AppPaths
from desktop.store.schema import Case
from tests.gen import jpeg

NORM = ResponsePolicy(ServiceCalendar(), norm_minutes=60)


@pytest.fixture
def lib(tmp_path):
    library = Library(AppPaths(tmp_path / "lib"))
    yield library
    library.close()


def test_a_read_unit_sees_one_snapshot(lib, tmp_path):
    import_paths(lib, [jpeg(tmp_path / "a" / "a.jpg", seed=1).parent])
    with lib.unit() as uow:
        before = [c.ref for c in uow.cases.summaries(NORM)]
        import_paths(lib, [jpeg(tmp_path / "b" / "b.jpg", seed=2).parent])  # another unit commits meanwhile
        assert len(list_cases(lib)) == 2
        assert [c.ref for c in uow.cases.summaries(NORM)] == before and len(before) == 1
    assert len(list_cases(lib)) == 2


def test_a_failed_write_unit_leaves_nothing(lib):
    with pytest.raises(NotFound), lib.unit(write=True) as uow:
        uow.cases.create(title="half done", opened_at=datetime(2026, 1, 2))
        uow.cases.id_of("C-1999-0001")
    assert list_cases(lib) == []


def test_outside_text_is_cut_to_its_column(lib):
    with lib.unit(write=True) as uow:
        case = uow.cases.create(title="x" * 1000, opened_at=datetime(2026, 1, 2))
        uow.cases.set_fields(case.id, {"policy_ref": "P" * 500, "handler": "h" * 500})
    [c] = list_cases(lib)
    assert len(c.title) == Case.title.type.length == 300
    assert len(c.policy_ref or "") == Case.policy_ref.type.length and len(c.handler or "") == Case.handler.type.length
