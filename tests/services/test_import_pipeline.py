"""The import pipeline: cancellable with progress, one "known?" query per batch, the rows of each batch written
while the next files are analysed, nothing left behind by a cancelled import."""

from __future__ import annotations

from sqlalchemy import event

from desktop.core.progress import CancelToken
from desktop.services.analyse import BATCH
from desktop.services.cases import list_media
from desktop.services.importing import import_paths
from tests.gen import jpeg


def stored_originals(lib) -> list:
    return [p for p in lib.paths.originals.rglob("*") if p.is_file() and not p.name.startswith(".")]


def test_cancel_halfway_leaves_the_library_as_before(lib, tmp_path):
    src = tmp_path / "in"
    for i in range(40):
        jpeg(src / f"p{i:02d}.jpg", seed=i)
    cancel = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, message: str = "") -> None:
        seen.append(done)
        if done >= 300:  # a good part of the files analysed (the analysis is 0..900 of 1000)
            cancel.cancel()

    report = import_paths(lib, [src], progress=progress, cancel=cancel)
    assert report.cancelled and report.imported == 0
    assert list_media(lib) == [] and stored_originals(lib) == []  # what it stored is removed again
    assert not list(lib.paths.tmp.iterdir())
    assert seen == sorted(seen) and seen[-1] < 900
    again = import_paths(lib, [src])
    assert again.imported == 40 and len(stored_originals(lib)) == 40


def test_known_originals_are_asked_for_a_batch_at_a_time(lib, tmp_path):
    src = tmp_path / "in"
    n = 3 * BATCH + 5
    for i in range(n):
        jpeg(src / f"p{i:03d}.jpg", seed=i, size=(160, 120))
    import_paths(lib, [src])
    statements: list[str] = []
    event.listen(lib.db.engine, "before_cursor_execute",
                 lambda conn, cursor, sql, params, context, many: statements.append(sql))
    again = import_paths(lib, [src])
    assert again.imported == 0 and again.already_present == n
    flat = [" ".join(s.split()) for s in statements]
    known = [s for s in flat if s.startswith("SELECT blob.sha256 FROM blob WHERE blob.sha256 IN")]
    items = [s for s in flat if s.startswith("SELECT media_item.blob_sha256, media_item.name")]
    assert 1 <= len(known) <= n // BATCH + 2  # not one per file
    assert 1 <= len(items) <= n // BATCH + 2  # the occurrences already there: per batch as well
    assert not [s for s in flat if s.startswith("SELECT count(*) AS count_1 FROM media_item")]
    assert not [s for s in statements if s.lstrip().startswith("INSERT INTO blob")]
