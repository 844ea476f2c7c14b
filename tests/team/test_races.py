"""Races on PostgreSQL between two desks of one process (two libraries, two threads, a barrier): exactly one of
two saves made on the same version of a case wins, and two desks naming the same new case end up in one case."""

from __future__ import annotations

import threading
from datetime import datetime

from desktop.core.errors import EditConflict
from desktop.services import case_edit
from desktop.services.cases import list_cases
from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.servers import pg_database  # noqa: F401 - a fixture

ROUNDS = 5


def race(*calls) -> list[object]:  # noqa: ANN002
    """Run the calls at the same moment; their results (or the exceptions they raised) in order."""
    barrier = threading.Barrier(len(calls))
    out: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = calls[i]()
        except Exception as e:  # noqa: BLE001 - the outcome to check
            out[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_two_saves_on_one_version_one_wins_one_is_told(tmp_path, pg_database):  # noqa: F811
    url = pg_database()
    with Library(AppPaths(tmp_path / "a"), url, "Anna") as anna, Library(AppPaths(tmp_path / "b"), url, "Bob") as bob:
        with anna.unit(write=True) as uow:
            ref = uow.cases.create(title="t", opened_at=datetime(2026, 3, 14)).ref
        for n in range(ROUNDS):
            [seen] = list_cases(anna)

            def save(lib: Library, title: str, version: int = seen.version):  # noqa: ANN202
                return case_edit.update_case(lib, ref, expected_version=version, title=title)

            results = race(lambda: save(anna, f"A{n}"), lambda: save(bob, f"B{n}"))  # noqa: B023 - run at once
            won = [r for r in results if isinstance(r, case_edit.CaseChange)]
            lost = [r for r in results if isinstance(r, EditConflict)]
            assert len(won) == 1 and len(lost) == 1, results
            [now] = list_cases(bob)
            assert now.version == seen.version + 1 == won[0].version and now.title == won[0].after["title"]
            assert lost[0].current["title"] == now.title


def test_two_desks_naming_the_same_new_case_share_it(tmp_path, pg_database):  # noqa: F811
    url = pg_database()
    with Library(AppPaths(tmp_path / "a"), url, "Anna") as anna, Library(AppPaths(tmp_path / "b"), url, "Bob") as bob:
        for n in range(ROUNDS):
            def create(lib: Library, ref: str = f"CLAIM-{n}") -> int:
                with lib.unit(write=True) as uow:
                    return uow.cases.create(title=ref, opened_at=datetime(2026, 3, 14), ref=ref).id

            a, b = race(lambda: create(anna), lambda: create(bob))
            assert isinstance(a, int) and a == b
        assert sorted(c.ref for c in list_cases(anna)) == [f"CLAIM-{n}" for n in range(ROUNDS)]
