"""Hash, store and probe incoming files on all cores while the caller writes the rows of those already done.

Two steps per file, both in worker threads: hashlib, libjpeg, zlib and PyAV release the GIL and the Python glue
of the probe is small next to the decode, so threads reach the throughput of worker processes (measured:
``bench/import_bench.py --gil``, BENCHMARKS.md) without pickling results or building the blob store and a database
connection in every process. One thread per core plus two keeps the cores busy while others wait on fsync.

1. *read*: the file is read once (only regular files are opened) and its SHA-256 taken;
2. *store*: for an original the library does not know, one reduced decode (``probe_bytes``), the copy into the
   content-addressed store and the thumbnail. A known original is not probed again; if its file was lost from the
   store it is put back.

"Is it known?" is one query per batch of hashed files (``known``, a short read of the caller's), and each batch
of finished files goes to ``on_batch`` at once, so the caller's work on it runs beside the analysis. Files
larger than ``IN_MEMORY_LIMIT`` skip step 1: they are hashed while they are copied and probed by seeking
(``probe_path``), so memory stays flat whatever their size. At most ``IN_FLIGHT_BYTES`` of file contents are held
at any moment.

Blobs are on disk before the commit that references them; ``Analysed.stored`` says which ones this import wrote,
so that an import that fails can remove them again. A file that cannot be probed (not a picture, cut short, a name
that lies) is stored all the same, as ``other`` with the reason in ``problem``: nothing a customer sent is dropped.
A file that cannot be read at all has no ``sha256`` (a ``problem``), and the batch goes on; a library that cannot
be written (the disk is full, the team's store is unreachable) stops the whole import.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import mimetypes
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import LibraryWriteError, RejectedInput, is_disk_full
from desktop.core.model import MediaKind, ProbeResult
from desktop.core.progress import CancelToken, Progress, null_progress
from desktop.intake.folder import open_regular, read_head
from desktop.media.probe import probe_bytes, probe_path
from desktop.media.sniff import HEAD_SIZE, sniff
from desktop.services import scratch
from desktop.services.library import Library

log = logging.getLogger(__name__)

IN_MEMORY_LIMIT = 16 << 20  # larger files (videos, big documents) are streamed
IN_FLIGHT_BYTES = 64 << 20  # file contents held at once, read but not yet stored
BATCH = 24  # hashed files per "known?" query
READERS = 2  # threads reading and hashing ahead of the store step (their own pool: never queued behind it)
CHUNK = 1 << 20


def threads() -> int:
    """Worker threads: one per core, plus two to keep the cores busy while others wait on fsync."""
    return min(10, (os.cpu_count() or 2) + 2)


@dataclass
class Analysed:
    path: Path
    sha256: str | None = None
    size: int = 0
    probe: ProbeResult | None = None  # None when the original was already known
    problem: str | None = None  # why it could not be probed (kept as ``other`` when ``sha256`` is set)
    stored: bool = False  # this import wrote the original into the store

    @property
    def kept(self) -> bool:
        """The original is in the store (probed or not)."""
        return self.sha256 is not None


@dataclass
class _Read:
    path: Path
    name: str
    sha256: str
    data: bytes


Known = Callable[[list[str]], set[str]]
OnBatch = Callable[[list[Analysed]], None]


def analyse_all(
    lib: Library,
    files: list[tuple[Path, str]],
    known: Known,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    on_batch: OnBatch | None = None,
    stored: set[str] | None = None,
) -> dict[Path, Analysed]:
    """Analyse (path, display name) pairs; cancellable between files (``Cancelled``). Stops on the first error
    writing the library (an ``OSError`` of a full disk, ``LibraryWriteError``) once the files being worked on are
    done. ``stored`` collects the originals this import wrote, also when it stops."""
    run = _Run(lib, files, known, progress, cancel, on_batch or (lambda batch: None),
               stored if stored is not None else set())
    n = workers or threads()
    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="probe") as pool, \
            ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="read") as readers:
        run.pool, run.readers = pool, readers
        run.go(n)
    return run.results


class _Run:
    def __init__(self, lib: Library, files: list[tuple[Path, str]], known: Known, progress: Progress,
                 cancel: CancelToken | None, on_batch: OnBatch, stored: set[str]) -> None:
        self.lib, self.known, self.progress, self.cancel, self.on_batch = lib, known, progress, cancel, on_batch
        self.stored = stored
        self.todo = list(reversed(files))
        self.total = len(files)
        self.results: dict[Path, Analysed] = {}
        self.hashed: list[_Read] = []  # waiting for the next "known?" query
        self.first_of: dict[str, Path] = {}  # sha256 -> the file of this import that stores it
        self.twins: dict[str, list[Path]] = {}  # sha256 -> later files with the same content, waiting for it
        self.running: dict[Future, int] = {}  # future -> bytes of file content it holds
        self.done_batch: list[Analysed] = []
        self.pool: ThreadPoolExecutor
        self.readers: ThreadPoolExecutor

    @property
    def held(self) -> int:
        """Bytes of file contents in memory: being read or stored, or waiting for the "known?" query."""
        return sum(self.running.values()) + sum(len(r.data) for r in self.hashed)

    # the loop (caller's thread: the only one that calls ``known`` and ``on_batch``) ---------------------------
    def go(self, workers: int) -> None:
        failure: BaseException | None = None
        try:
            while self.todo or self.running or self.hashed:
                self._check_cancel()
                self._submit_reads(workers)
                reads, _stores = self._counts()
                if self.hashed and (len(self.hashed) >= BATCH or not reads):
                    self._decide(self.hashed)  # a full batch, or no more reads coming for now
                    self.hashed = []
                    continue
                if not self.running:
                    continue
                finished, _ = wait(list(self.running), timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    del self.running[fut]
                    self._collect(fut.result())
                if self.done_batch and (len(self.done_batch) >= BATCH or not self.running):
                    self._flush()
            self._flush()
        except BaseException as e:  # cancelled, disk full, a library write error: finish what is running first
            failure = e
        if failure is not None:
            for fut in self.running:
                fut.cancel()
            for fut in list(self.running):
                try:
                    self._collect(fut.result())
                except BaseException:  # noqa: BLE001, S112 - the first failure is the one reported
                    continue
            raise failure

    def _check_cancel(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def _counts(self) -> tuple[int, int]:
        """(reads, stores) submitted and not finished."""
        reads = sum(1 for f in self.running if getattr(f, "kind", "") == "read")
        return reads, len(self.running) - reads

    def _submit_reads(self, workers: int) -> None:
        """Keep the reads ahead of the stores, a batch at a time, within ``IN_FLIGHT_BYTES`` of contents."""
        reads, _stores = self._counts()
        while self.todo and reads + len(self.hashed) < BATCH:
            path, name = self.todo[-1]
            try:
                size = path.stat().st_size
            except OSError as e:
                self.todo.pop()
                self._finish(Analysed(path, problem=_unreadable(e)))
                continue
            if size > IN_MEMORY_LIMIT:
                self.todo.pop()
                self._start(self._store_large, 0, "store", path, name)
                continue
            held = self.held
            if held and held + size > IN_FLIGHT_BYTES:
                return
            self.todo.pop()
            self._start(self._read, size, "read", path, name, pool=self.readers)
            reads += 1

    def _start(self, fn: Callable, size: int, kind: str, *args: object,
               pool: ThreadPoolExecutor | None = None) -> None:
        fut = (pool or self.pool).submit(fn, *args)
        fut.kind = kind  # type: ignore[attr-defined]
        self.running[fut] = size

    def _decide(self, batch: list[_Read]) -> None:
        """One "known?" query for a batch of hashed files, then the store step for those that need it."""
        fresh = [r.sha256 for r in batch if r.sha256 not in self.first_of]
        known = self.known(fresh) if fresh else set()
        for r in batch:
            if self.first_of.setdefault(r.sha256, r.path) != r.path:  # the same content earlier in this import
                self.twins.setdefault(r.sha256, []).append(r.path)
                self._resolve_twin(r.sha256)
                continue
            self._start(self._store, len(r.data), "store", r, r.sha256 in known)

    def _collect(self, out: Analysed | _Read) -> None:
        if isinstance(out, _Read):
            self.hashed.append(out)
            return
        self._finish(out)
        if out.sha256 and self.first_of.get(out.sha256) == out.path:
            self._resolve_twin(out.sha256)

    def _resolve_twin(self, sha: str) -> None:
        first = self.results.get(self.first_of[sha])
        if first is None:
            return
        for path in self.twins.pop(sha, []):
            self._finish(Analysed(path, first.sha256, first.size, None, first.problem))

    def _finish(self, res: Analysed) -> None:
        self.results[res.path] = res
        if res.stored and res.sha256:
            self.stored.add(res.sha256)
        self.done_batch.append(res)
        self.progress(len(self.results), self.total, res.path.name)

    def _flush(self) -> None:
        if self.done_batch:
            batch, self.done_batch = self.done_batch, []
            self.on_batch(batch)

    # the workers ----------------------------------------------------------------------------------------------
    def _read(self, path: Path, name: str) -> Analysed | _Read:
        try:
            with open_regular(path) as f:
                data = f.read()
        except RejectedInput as e:
            return Analysed(path, problem=e.message)
        except OSError as e:
            return Analysed(path, problem=_unreadable(e))
        return _Read(path, name, hashlib.sha256(data).hexdigest(), data)

    def _store(self, r: _Read, known: bool) -> Analysed:
        sha, data = r.sha256, r.data
        if known:
            stored = False
            if not self.lib.blobs.has(sha):  # a lost original comes back by importing it again
                self._put(sha, lambda: self.lib.blobs.put_bytes(data, sha, hashed=True))
                stored = True
            return Analysed(r.path, sha, len(data), None, stored=stored)
        why = None
        try:
            probe = probe_bytes(data, r.name)
        except RejectedInput as e:
            why = e.message
        except Exception as e:  # noqa: BLE001 - a hostile file must never stop the batch
            why = _unexpected(e, data[:HEAD_SIZE], sha)
        stored = not self.lib.blobs.has(sha)
        if stored:
            self._put(sha, lambda: self.lib.blobs.put_bytes(data, sha, hashed=True))
        if why is not None:  # kept all the same, as ``other``
            return _unprobed(r.path, r.name, sha, len(data), why, stored)
        if probe.thumbnail:
            _write(lambda: _write_thumb(self.lib.thumb_path(sha), probe.thumbnail or b""))
        return Analysed(r.path, sha, len(data), probe, stored=stored)

    def _store_large(self, path: Path, name: str) -> Analysed:
        try:
            with open_regular(path):
                pass
        except RejectedInput as e:
            return Analysed(path, problem=e.message)
        except OSError as e:
            return Analysed(path, problem=_unreadable(e))
        why, probe = None, None
        try:
            probe = probe_path(path, name=name)
        except RejectedInput as e:
            why = e.message
        except OSError as e:
            return Analysed(path, problem=_unreadable(e))
        except Exception as e:  # noqa: BLE001
            why = _unexpected(e, read_head(path, HEAD_SIZE), None)
        try:
            sha, size = self.lib.blobs.put_file(path)  # hashed while copied
            if self.first_of.setdefault(sha, path) == path:
                self.stored.add(sha)
        except OSError as e:
            if is_disk_full(e) or _is_library_side(e, path):
                raise _library_error(e) from e
            return Analysed(path, problem=_unreadable(e))
        if probe is None:  # kept all the same, as ``other``
            return _unprobed(path, name, sha, size, why or "cannot be read", self.first_of[sha] == path)
        if probe.thumbnail:
            _write(lambda: _write_thumb(self.lib.thumb_path(sha), probe.thumbnail or b""))
        return Analysed(path, sha, size, probe, stored=self.first_of[sha] == path)

    def _put(self, sha: str, put: Callable[[], object]) -> None:
        """Store an original, and say so before anything else can fail (``set.add`` is atomic)."""
        self.stored.add(sha)
        _write(put)


def _unprobed(path: Path, name: str, sha: str, size: int, why: str, stored: bool) -> Analysed:
    """A stored original that could not be probed: kind ``other``, the reason kept with it."""
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Analysed(path, sha, size, ProbeResult(MediaKind.OTHER, mime=mime, warnings=[why]), problem=why,
                    stored=stored)


_UNEXPECTED = {
    MediaKind.VIDEO: "unreadable video (its content cannot be read: the file is damaged or of a form not known)",
    MediaKind.AUDIO: "unreadable sound recording (its content cannot be read: the file is damaged or of a form "
                     "not known)",
}


def _unexpected(e: Exception, head: bytes, sha: str | None) -> str:
    """Why a file the reader stopped on without saying why (a decoder's own slip on odd content: a JPEG whose
    header makes it 14,000 pixels wide and 75 high) cannot be read, in words: what the file looks like and that
    its content cannot be read. The exception goes to the log, never to the handler."""
    log.info("probe of %s failed: %s: %s", (sha or "a large file")[:12], type(e).__name__, " ".join(str(e).split())[:200],
             exc_info=True)
    sniffed = sniff(head)
    if sniffed.kind == MediaKind.IMAGE:
        return f"damaged {sniffed.format} picture (its picture data cannot be read)"
    return _UNEXPECTED.get(sniffed.kind, "cannot be read (its content is damaged or of a form not known)")


def _unreadable(e: OSError) -> str:
    return f"cannot be read ({e.strerror or e})"


def _write(fn: Callable[[], object]) -> None:
    """A write into the library; its failure stops the import (it is not the input's fault)."""
    try:
        fn()
    except OSError as e:
        raise _library_error(e) from e


def _library_error(e: OSError) -> Exception:
    if is_disk_full(e):
        return e  # the caller turns it into DiskFull with the figures
    where = f" ({e.filename})" if e.filename else ""
    if e.errno == errno.EFBIG:
        return LibraryWriteError(f"the disk holding the library does not take a file this large{where}: "
                                 "nothing was imported")
    return LibraryWriteError(f"the library cannot be written ({e.strerror or e}){where}: nothing was imported")


def _is_library_side(e: OSError, source: Path) -> bool:
    """Whether an error while copying ``source`` in came from writing the store rather than reading the input."""
    return e.filename is not None and Path(str(e.filename)) != source


def _write_thumb(target: Path, data: bytes) -> None:
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = scratch.temp_name(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
