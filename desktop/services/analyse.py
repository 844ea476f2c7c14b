"""Hash, store and probe incoming files in parallel, before the database transaction.

Each worker reads a file once: the bytes are hashed, probed (one reduced decode) and written to the
content-addressed store. Blobs are therefore on disk before the commit that references them.

A file that cannot be probed (not a picture, cut short, a name that lies) is stored all the same, as ``other``
with the reason in ``problem``: nothing a customer sent is dropped. Only a file that cannot be read at all has no
``sha256``.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import RejectedInput
from desktop.core.model import MediaKind, ProbeResult
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.media.probe import probe_bytes, probe_path
from desktop.services.library import Library
from desktop.store.blobs import OriginalCorrupt, StoreUnavailable

IN_MEMORY_LIMIT = 64 << 20  # larger files (videos) are streamed


@dataclass
class Analysed:
    path: Path
    sha256: str | None = None
    size: int = 0
    probe: ProbeResult | None = None  # None when the blob was already known
    problem: str | None = None  # why it could not be probed (kept as ``other`` when ``sha256`` is set)

    @property
    def kept(self) -> bool:
        """The original is in the store (probed or not)."""
        return self.sha256 is not None


def analyse_one(lib: Library, path: Path, name: str, known: set[str]) -> Analysed:
    try:
        size = path.stat().st_size
        if size <= IN_MEMORY_LIMIT:
            data = path.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            if sha in known:
                if not lib.blobs.has(sha):  # a lost original comes back by importing it again
                    lib.blobs.put_bytes(data, sha)
                return Analysed(path, sha, size)
            try:
                probe = probe_bytes(data, name)
            except RejectedInput as e:
                lib.blobs.put_bytes(data, sha)
                return _unprobed(path, name, sha, size, e.message)
            lib.blobs.put_bytes(data, sha)
        else:
            try:
                probe = probe_path(path)
            except RejectedInput as e:
                sha, size = lib.blobs.put_file(path)
                return Analysed(path, sha, size) if sha in known else _unprobed(path, name, sha, size, e.message)
            sha, size = lib.blobs.put_file(path)
            if sha in known:
                return Analysed(path, sha, size)
        if probe.thumbnail:
            _write_thumb(lib.thumb_path(sha), probe.thumbnail)
        return Analysed(path, sha, size, probe)
    except (StoreUnavailable, OriginalCorrupt):  # the store failed, not this file: the import stops, named
        raise
    except RejectedInput as e:
        return Analysed(path, problem=e.message)
    except OSError as e:
        return Analysed(path, problem=f"cannot be read ({e.strerror or e})")
    except Exception as e:  # a hostile file must never stop the batch
        return Analysed(path, problem=f"cannot be read ({type(e).__name__}: {e})")


def _unprobed(path: Path, name: str, sha: str, size: int, why: str) -> Analysed:
    """A stored original that could not be probed: kind ``other``, the reason kept with it."""
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Analysed(path, sha, size, ProbeResult(MediaKind.OTHER, mime=mime, warnings=[why]), problem=why)


def analyse_all(
    lib: Library,
    files: list[tuple[Path, str]],
    known: set[str],
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> dict[Path, Analysed]:
    """Analyse (path, display name) pairs on all cores; cancellable between files."""
    results: dict[Path, Analysed] = {}
    total = len(files)
    n = workers or min(8, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="probe") as pool:
        futures = {pool.submit(analyse_one, lib, p, name, known): (p, name) for p, name in files}
        try:
            for done, fut in enumerate(as_completed(futures), 1):
                res = fut.result()
                results[res.path] = res
                progress(done, total, futures[fut][1])
                if cancel is not None and cancel.cancelled:
                    for f in futures:
                        f.cancel()
                    cancel.check()
        finally:
            for f in futures:
                f.cancel()
    return results


def _write_thumb(target: Path, data: bytes) -> None:
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
