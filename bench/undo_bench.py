"""What the undo journal costs: recording an import of N files, undoing and redoing it, a merge of N items.

    python bench/undo_bench.py [N]      (default 2000 small JPEGs, generated into bench/out/undo/)

Raw limits, measured in the same run on a copy of the same database: the bare SQL that the undo of an import
must at least do (DELETE of its media items, messages and sources) and that a merge must at least do (one UPDATE
of the case of every item).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.services import case_edit, journal, undo  # noqa: E402
from desktop.services.importing import import_paths  # noqa: E402
from desktop.services.library import Library  # noqa: E402
from desktop.settings import AppPaths  # noqa: E402
from tests.gen import jpeg  # noqa: E402


def inputs(n: int) -> Path:
    folder = ROOT / "bench" / "out" / "undo" / f"photos-{n}"
    if len(list(folder.glob("*.jpg"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        for i in range(n):
            jpeg(folder / f"p{i:05d}.jpg", size=(64, 48), seed=i, taken=f"2024:03:14 {i // 3600 % 24:02d}:"
                 f"{i // 60 % 60:02d}:{i % 60:02d}")
    return folder


def timed(fn):  # noqa: ANN001, ANN201
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def raw_sql(db: Path, sql: list[str]) -> float:
    copy = db.with_name("raw.db")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    con.execute("PRAGMA foreign_keys=ON")
    t0 = time.perf_counter()
    with con:
        for statement in sql:
            con.execute(statement)
    dt = time.perf_counter() - t0
    con.close()
    copy.unlink()
    return dt


def main(n: int) -> None:
    folder = inputs(n)
    spent = [0.0]
    original = journal.record_import

    def recording(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    journal.record_import = recording
    import desktop.services.importing as importing

    importing.journal.record_import = recording
    with tempfile.TemporaryDirectory() as tmp, Library(AppPaths(Path(tmp) / "lib"), handler="bench") as lib:
        report, t_import = timed(lambda: import_paths(lib, [folder]))
        assert report.imported == n, report.rejected[:3]
        (ref,) = report.cases
        db = lib.paths.db_file
        raw_delete = raw_sql(db, ["DELETE FROM media_item", "DELETE FROM message", "DELETE FROM source"])
        _, t_undo = timed(lambda: undo.undo(lib, report.undo_id))
        _, t_redo = timed(lambda: undo.redo(lib, report.undo_id))
        other = import_paths(lib, [jpeg(Path(tmp) / "one" / "x.jpg", seed=99_999)]).cases[0]
        raw_update = raw_sql(db, [f"UPDATE media_item SET case_id = (SELECT id FROM case_ WHERE ref = '{other}') "
                                  f"WHERE case_id = (SELECT id FROM case_ WHERE ref = '{ref}')"])
        rec, t_merge = timed(lambda: case_edit.merge_cases(lib, ref, other))
        _, t_unmerge = timed(lambda: undo.undo(lib, rec.entry_id))
    print(f"{n} files, one case; SQLite; {time.strftime('%Y-%m-%d')}")
    print(f"| import (all of it) | {t_import:.2f} s |")
    print(f"| of which the journal entry | {spent[0] * 1000:.0f} ms ({spent[0] / t_import:.1%}) |")
    print(f"| undo of the import | {t_undo:.2f} s |")
    print(f"| raw limit: DELETE of its rows | {raw_delete * 1000:.0f} ms |")
    print(f"| redo of the import | {t_redo:.2f} s |")
    print(f"| merge of the case (journal and duplicate refresh included) | {t_merge:.2f} s |")
    print(f"| undo of the merge | {t_unmerge:.2f} s |")
    print(f"| raw limit: UPDATE of the items' case | {raw_update * 1000:.0f} ms |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
