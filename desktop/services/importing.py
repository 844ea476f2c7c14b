"""``import_paths``: files, folders, ZIPs, chat exports and e-mails into the library in one transaction.

Steps: plan the inputs (ZIPs unpacked safely and e-mail attachments decoded into scratch space inside the
library); check the disk has room for them; hash, store and probe every file on all cores
(``desktop.services.analyse``), asking the database "is it known?" once per batch in a short read; then, in ONE write
transaction, the rows of the originals, the cases, messages and media items, the duplicate groups of the touched
cases and the audit events. The write lock is held only for that last step, never during the analysis: a handler
editing a case in the window while a long import runs waits for no more than the writing of its rows.

Blobs are on disk before the commit that references them, so a process killed at any point leaves the library as
before or as after (blobs written before the kill are adopted by the next import of the same file, or removed by
``verify --repair``). An import that fails (disk full, cancelled, an unexpected error) removes the originals it
wrote itself before it reports, so nothing is left half-done on a full disk.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from desktop.core.clock import now_local
from desktop.core.errors import DiskFull, UsageError, is_disk_full
from desktop.core.model import AuditAction, ImportReport, MediaRole, ProbeResult, Problem, SourceKind
from desktop.core.pathnames import readable
from desktop.core.progress import Cancelled, CancelToken, Progress, null_progress, subrange
from desktop.core.records import CaseHandle
from desktop.core.titles import container_title
from desktop.services import duplicates, import_chat, import_mail, journal
from desktop.services.analyse import Analysed, analyse_all
from desktop.services.language import preferred_language
from desktop.services.library import Library
from desktop.services.loose_cases import write_loose
from desktop.services.planning import LooseFile, plan_inputs
from desktop.services.writer import REF_RE, ImportWriter
from desktop.store.unit import UnitOfWork

log = logging.getLogger(__name__)

OVERHEAD_PER_FILE = 32 * 1024  # thumbnail, rows and journal per file, beyond the original itself
OVERHEAD = 1 << 20  # the database's journal and the log
BLOB_BATCH = 500  # originals' rows per insert
ALREADY_UNREAD = "already in the library; kept, but it cannot be read: "  # a kept unread original, imported again


def import_paths(
    lib: Library,
    paths: list[Path | str],
    *,
    case_ref: str | None = None,
    split_gaps: float | None = None,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
    timings: dict[str, float] | None = None,
) -> ImportReport:
    """Import everything under ``paths``. Per-file problems land in ``report.rejected``; the rest goes on.

    Loose files go into one new case, or into ``case_ref``; with ``split_gaps`` (hours) into one case per part
    between capture-time gaps (``desktop.services.loose_cases``). Chats and e-mails go to their customer's case.
    Raises ``DiskFull`` (nothing imported, the library as before) when the disk holding the library has no room.
    ``timings``, when given, receives the seconds each step took (plan, analyse, rows, duplicates, commit)."""
    if case_ref is not None and not REF_RE.match(case_ref):
        raise UsageError(f"not a usable case reference: {case_ref!r} (letters, digits, '-', '.', '_')")
    if split_gaps is not None and (case_ref is not None or split_gaps <= 0):
        raise UsageError("--split-gaps needs a number of hours above 0, and no --case")
    report = ImportReport()
    run = _Import(lib, report, case_ref, progress, cancel)
    run.split_gaps = split_gaps
    if timings is not None:
        run.timings = timings
    try:
        with lib.workspace() as scratch:
            run.run([Path(p) for p in paths], scratch)
    except Cancelled:  # the transaction was rolled back: the library is as before
        run.discard_stored()
        return ImportReport(rejected=report.rejected, cancelled=True)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt) and run.committed():  # too late to cancel: the import is in
            log.info("interrupted after the import was saved; its scratch space goes at the next start")
            progress(1000, 1000, "Done")
            return report
        run.discard_stored()
        if isinstance(e, DiskFull) and e.needed is not None:
            raise
        if is_disk_full(e):
            raise DiskFull(run.needed, _free(lib)) from e
        raise
    progress(1000, 1000, "Done")
    return report


def _free(lib: Library) -> int | None:
    try:
        return shutil.disk_usage(lib.paths.data_dir).free
    except OSError:
        return None


class _Import:
    def __init__(self, lib: Library, report: ImportReport, case_ref: str | None, progress: Progress,
                 cancel: CancelToken | None) -> None:
        self.lib, self.report, self.case_ref, self.progress, self.cancel = lib, report, case_ref, progress, cancel
        self.stored: set[str] = set()  # originals this import wrote into the store
        self.needed: int | None = None
        self.timings: dict[str, float] = {}  # seconds per step, for the benchmarks
        self.split_gaps: float | None = None  # hours: loose files split by capture-time gaps
        self.sources: list[int] = []  # the source rows this import adds, known just before its commit

    def run(self, paths: list[Path], scratch: Path) -> None:
        lib, report, progress = self.lib, self.report, self.progress
        t0 = time.perf_counter()
        progress(0, 1000, "Reading the inputs")
        plan = plan_inputs(paths, scratch, report.rejected, own=self._own_folders(), made=lib.paths.tmp)
        chats = [c for c in (import_chat.read(u, lib.team, report.rejected, scratch) for u in plan.chats)
                 if c is not None]
        if plan.shared:  # several chats in one folder: what none of them names is loose
            claimed = {p for c in chats for p, _ in c.files()}
            plan.loose.extend(plan.unclaimed(claimed))
        mails = import_mail.read_all(plan.mails, report.rejected, scratch)
        shown: dict[Path, str] = {}  # how each file is named in messages
        files: list[tuple[Path, str]] = []
        for f in [*plan.loose, *plan.archives]:
            files.append((f.path, f.name))
            shown[f.path] = f.display
        for c in chats:
            for path, name in c.files():
                files.append((path, name))
                shown[path] = f"{c.unit.display} › {name}"
        for m in mails:
            for path, name in m.files(scratch):
                files.append((path, name))
                shown[path] = f"{m.unit.display} › {name}"
        self._check_room(files)
        self.timings["plan"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = _RowWriter(lib)
        analysed = analyse_all(lib, files, rows.known, subrange(progress, 0.0, 0.9), self.cancel,
                               on_batch=rows.on_batch, stored=self.stored)
        self.timings["analyse"] = time.perf_counter() - t0
        known_unread = self._known_unread(analysed)
        for unit in [*chats, *mails]:
            unit.explain(analysed)  # containers are not media; a damaged e-mail's parts are "cut short"
        for f in plan.archives:  # a ZIP that was unpacked is a container too (one named .jpg is no bad picture)
            if (res := analysed.get(f.path)) is not None and res.kept:
                res.problem = None
        for f in plan.loose:  # a ZIP kept unread: its reason is the flag of what is kept
            if f.problem and (res := analysed.get(f.path)) is not None and res.problem is None:
                res.problem = f.problem
        for path, _name in files:
            res = analysed.get(path)
            if res is not None and res.problem:
                why = f"{ALREADY_UNREAD}{res.problem}" if path in known_unread else res.problem
                report.rejected.append(Problem(shown[path], why, kept=res.kept))
        progress(900, 1000, "Saving")
        with lib.unit(write=True) as uow:  # the write lock from here to the commit only
            t0 = time.perf_counter()
            rows.write(uow)
            w = ImportWriter(uow, report)
            fixed_case = w.case_by_ref(self.case_ref) if self.case_ref else None
            w.fixed_case_id = fixed_case.id if fixed_case else None
            for chat in chats:
                import_chat.write(w, chat, analysed, lib.team, fixed_case)
            import_mail.write_all(w, mails, analysed, lib.team, fixed_case)
            write_loose(w, plan.loose, analysed, fixed_case, split_gap_hours=self.split_gaps,
                        lang=preferred_language(lib))
            _write_archives(w, plan.archives, analysed, fixed_case)
            uow.flush()
            self.timings["rows"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            duplicates.refresh(uow, list(w.touched_cases), lib.team)  # once per import, for the touched cases
            self.timings["duplicates"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            for case in w.touched_cases.values():
                uow.audit.record(AuditAction.IMPORT, case.id, imported=report.imported,
                                 inputs=[readable(str(p)) for p in paths])
            report.cases = sorted({c.ref for c in w.touched_cases.values()})
            report.undo_id = journal.record_import(uow, report.imported, list(w.touched_cases.values()))
            self.sources = sorted(uow.imports.sources)
            if self.cancel is not None:
                self.cancel.check()  # a cancel while saving rolls the whole import back
        self.timings["commit"] = time.perf_counter() - t0

    def _known_unread(self, analysed: dict[Path, Analysed]) -> set[Path]:
        """The files whose original the library already holds but could not read when it was stored: they get the
        reason it was kept with (a short read of the originals' rows; nothing is probed again), so imported again
        they are reported, and flagged where they arrive anew, as the first time. Their paths."""
        known = {p: a for p, a in analysed.items() if a.sha256 and a.probe is None and not a.problem}
        if not known:
            return set()
        with self.lib.unit() as uow:
            reasons = uow.imports.unreadable([a.sha256 for a in known.values() if a.sha256])
        out = set()
        for path, a in known.items():
            if (why := reasons.get(a.sha256 or "")) is not None:
                a.problem = why
                out.add(path)
        return out

    def _own_folders(self) -> list[Path]:
        """The library's folders, never read as input: its data folder and a team's folder of originals."""
        own = [self.lib.paths.data_dir]
        root = getattr(self.lib.blobs, "root", None)  # a folder store (a bucket has none)
        if isinstance(root, Path):
            own.append(root)
        return own

    def _check_room(self, files: list[tuple[Path, str]]) -> None:
        """Refuse before anything is stored when the originals (with their thumbnails and rows) cannot fit."""
        size = 0
        for path, _name in files:
            try:
                size += path.stat().st_size
            except OSError:
                continue
        self.needed = size + OVERHEAD_PER_FILE * len(files) + OVERHEAD
        free = _free(self.lib)
        if free is not None and free < self.needed:
            raise DiskFull(self.needed, free)

    def committed(self) -> bool:
        """Whether this import's rows are in the database (an interrupt can land just after the commit)."""
        if not self.sources:
            return False
        try:
            with self.lib.unit() as uow:
                return bool(uow.rows.ids_where("source", "id", self.sources[:1]))
        except Exception:  # noqa: BLE001 - the database cannot tell: treated as not committed
            return False

    def discard_stored(self) -> None:
        """Remove the originals this import wrote that no committed row references (it failed or was cancelled)."""
        if not self.stored:
            return
        try:
            with self.lib.unit() as uow:
                referenced = uow.imports.known_blobs(sorted(self.stored))
        except Exception:  # noqa: BLE001 - the database cannot tell: leave them to ``verify --repair``
            log.warning("could not check the originals of a failed import; `casedesk verify --repair` removes them")
            return
        for sha in sorted(self.stored - referenced):
            try:
                self.lib.blobs.remove(sha)
                self.lib.thumb_path(sha).unlink(missing_ok=True)
            except Exception:  # noqa: BLE001 - what cannot go now, ``verify --repair`` removes later
                log.warning("could not remove an original of a failed import; `casedesk verify --repair` will")
        self.stored.clear()


class _RowWriter:
    """The originals' rows of an import: each batch of analysed files is collected while the next ones are still
    analysed ("is it known?" answered by a short read, without the write lock), and written in the import's one
    write transaction (``write``), so a process killed during the analysis leaves no row behind."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.now = now_local()
        self.blobs: dict[str, tuple[str, int, ProbeResult]] = {}  # sha256 -> the row of a probed original
        self.shas: list[str] = []  # every analysed original, for ``prefetch``

    def known(self, shas: list[str]) -> set[str]:
        """Which of these originals the library has a row for, or this import will write one for."""
        with self.lib.unit() as uow:
            found = uow.imports.known_blobs(shas)
        return found | (set(shas) & self.blobs.keys())

    def on_batch(self, batch: list[Analysed]) -> None:
        for a in batch:  # kept unprobed ones too (as ``other``): they have no row of probed facts
            if a.probe is not None and a.sha256:
                self.blobs.setdefault(a.sha256, (a.sha256, a.size, a.probe))
        self.shas += [a.sha256 for a in batch if a.sha256]

    def write(self, uow: UnitOfWork) -> None:
        """The rows of the new originals (one statement per batch; another desk may have written some of them
        since they were looked up), then the dates and occurrences of all of them, one query per batch."""
        imports = uow.imports
        rows = list(self.blobs.values())
        for i in range(0, len(rows), BLOB_BATCH):
            part = rows[i:i + BLOB_BATCH]
            already = imports.known_blobs([r[0] for r in part])
            imports.add_blobs([r for r in part if r[0] not in already], self.now)
        imports.prefetch(self.shas)



def _write_archives(w: ImportWriter, archives: list[LooseFile], analysed: dict[Path, Analysed],
                    fixed_case: CaseHandle | None) -> None:
    """A ZIP of loose files, kept as it arrived: with the (first) case its files went to, or the case of the
    folder it lay in when nothing came out of it (encrypted, or only entries that leave it)."""
    for f in archives:
        an = analysed.get(f.path)
        if an is None or not an.kept:
            continue
        case = fixed_case or w.loose_cases.get(f.source_label) or w.loose_cases.get(f.container or "")
        if case is None:
            if w.media_exists(an.sha256 or "", f.name, None, None):
                w.report.already_present += 1
                continue
            case = w.new_case(container_title(f.source_label))
        w.add_media(case, an, f.name, source=w.source(SourceKind.FILES, f.display), mtime=f.mtime,
                    role=MediaRole.CONTAINER)
