"""``import_paths``: files, folders, ZIPs, chat exports and e-mails into the library in one transaction.

Steps: plan the inputs (ZIPs unpacked safely into scratch space inside the library); hash, store and probe
every file on all cores; then write every row in one database transaction. Blobs are on disk before the
commit that references them, so a process killed at any point leaves the library as before or as after.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from desktop.core.errors import UsageError
from desktop.core.grouping import split_by_gaps
from desktop.core.model import AuditAction, ImportReport, MediaRole, Problem, SourceKind
from desktop.core.progress import Cancelled, CancelToken, Progress, null_progress, subrange
from desktop.core.records import CaseHandle
from desktop.services import duplicates, import_chat, import_mail
from desktop.services.analyse import Analysed, analyse_all
from desktop.services.library import Library
from desktop.services.planning import LooseFile, plan_inputs
from desktop.services.writer import REF_RE, ImportWriter

log = logging.getLogger(__name__)


def import_paths(
    lib: Library,
    paths: list[Path | str],
    *,
    case_ref: str | None = None,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Import everything under ``paths``. Per-file problems land in ``report.rejected``; the rest goes on."""
    if case_ref is not None and not REF_RE.match(case_ref):
        raise UsageError(f"not a usable case reference: {case_ref!r} (letters, digits, '-', '.', '_')")
    report = ImportReport()
    try:
        with lib.workspace() as scratch:
            _run(lib, [Path(p) for p in paths], scratch, report, case_ref, progress, cancel)
    except Cancelled:  # the transaction was rolled back: the library is as before
        return ImportReport(rejected=report.rejected, cancelled=True)
    progress(1000, 1000, "Done")
    return report


def _run(lib: Library, paths: list[Path], scratch: Path, report: ImportReport, case_ref: str | None,
         progress: Progress, cancel: CancelToken | None) -> None:
    progress(0, 1000, "Reading the inputs")
    plan = plan_inputs(paths, scratch, report.rejected)
    chats = [import_chat.read(u, lib.team, report.rejected) for u in plan.chats]
    mails = import_mail.read_all(plan.mails, report.rejected)
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
    with lib.unit() as uow:
        known = uow.media.known_blobs()
    analysed = analyse_all(lib, files, known, subrange(progress, 0.0, 0.9), cancel)
    for unit in [*chats, *mails]:
        unit.explain(analysed)  # containers are not media; a damaged e-mail's parts are "cut short"
    for path, _name in files:
        res = analysed.get(path)
        if res is not None and res.problem:
            report.rejected.append(Problem(shown[path], res.problem, kept=res.kept))
    progress(900, 1000, "Saving")
    with lib.unit(write=True) as uow:
        w = ImportWriter(uow, report)
        fixed_case = w.case_by_ref(case_ref) if case_ref else None
        w.fixed_case_id = fixed_case.id if fixed_case else None
        for chat in chats:
            import_chat.write(w, chat, analysed, lib.team, fixed_case)
        import_mail.write_all(w, mails, analysed, lib.team, fixed_case)
        _write_loose(w, plan.loose, analysed, lib, fixed_case)
        _write_archives(w, plan.archives, analysed, fixed_case)
        duplicates.refresh(uow, list(w.touched_cases), lib.team)
        for case in w.touched_cases.values():
            uow.audit.record(AuditAction.IMPORT, case.id, imported=report.imported, inputs=[str(p) for p in paths])
        report.cases = sorted({c.ref for c in w.touched_cases.values()})
        if cancel is not None:
            cancel.check()  # a cancel while saving rolls the whole import back


def _write_loose(w: ImportWriter, loose: list[LooseFile], analysed: dict[Path, Analysed], lib: Library,
                 fixed_case: CaseHandle | None) -> None:
    """Files without a sender: one named case, or suggested cases split by capture-time gaps."""
    ok = [(f, analysed[f.path]) for f in loose if f.path in analysed and analysed[f.path].kept]
    if not ok:
        return
    by_source: dict[str, list[tuple[LooseFile, Analysed]]] = {}
    for f, an in ok:
        by_source.setdefault(f.source_label, []).append((f, an))
    gap = timedelta(hours=lib.team.file_gap_hours)
    for label, items in by_source.items():
        src = w.source(SourceKind.FILES, label)
        holding = w.uow.media.cases_with_blob(items[0][1].sha256 or "")
        if holding:  # files already in the library: a new container of theirs joins their case
            w.loose_cases.setdefault(label, w.case(holding[0]))
        if fixed_case is not None:
            for f, an in items:
                w.add_media(fixed_case, an, f.name, source=src, mtime=f.mtime)
            continue
        fresh = [(f, an) for f, an in items if not w.media_exists(an.sha256 or "", f.name, None, None)]
        w.report.already_present += len(items) - len(fresh)
        times = [((f, an), _best_time(w, f, an)) for f, an in fresh]
        for group in split_by_gaps(times, gap):
            case = w.new_case(_title(label, group))
            w.loose_cases.setdefault(label, case)
            for f, an in group:
                w.add_media(case, an, f.name, source=src, mtime=f.mtime)


def _write_archives(w: ImportWriter, archives: list[LooseFile], analysed: dict[Path, Analysed],
                    fixed_case: CaseHandle | None) -> None:
    """A ZIP of loose files, kept as it arrived: with the (first) case its files went to."""
    for f in archives:
        an = analysed.get(f.path)
        if an is None or not an.kept:
            continue
        an.problem = None  # a container is kept, not probed as media
        case = fixed_case or w.loose_cases.get(f.source_label)
        if case is None:
            if w.media_exists(an.sha256 or "", f.name, None, None):
                w.report.already_present += 1
                continue
            case = w.new_case(_title(f.source_label, []))
        w.add_media(case, an, f.name, source=w.source(SourceKind.FILES, f.display), mtime=f.mtime,
                    role=MediaRole.CONTAINER)


def _best_time(w: ImportWriter, f: LooseFile, an: Analysed):
    if an.problem:  # kept unread: its file time says nothing about when the pictures were taken
        return None
    chosen = w.capture(an, f.name, None, f.mtime)
    if chosen.time is None or chosen.date_only:  # a day without a time cannot place a file in a gap
        return None
    return chosen.time.value


def _title(label: str, group: list) -> str:
    name = Path(label).name or label
    return f"{name} ({len(group)} file{'s' if len(group) != 1 else ''})"

