"""``import_paths``: files, folders, ZIPs, chat exports and e-mails into the library in one transaction.

Steps: plan the inputs (ZIPs unpacked safely into scratch space inside the library); hash, store and probe
every file on all cores; then write every row in one database transaction. Blobs are on disk before the
commit that references them, so a process killed at any point leaves the library as before or as after.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.core.errors import UsageError
from desktop.core.model import AuditAction, ImportReport, Problem
from desktop.core.progress import Cancelled, CancelToken, Progress, null_progress, subrange
from desktop.services import duplicates, import_chat, import_mail, journal
from desktop.services.analyse import analyse_all
from desktop.services.language import preferred_language
from desktop.services.library import Library
from desktop.services.loose_cases import write_loose
from desktop.services.planning import plan_inputs
from desktop.services.writer import REF_RE, ImportWriter

log = logging.getLogger(__name__)


def import_paths(
    lib: Library,
    paths: list[Path | str],
    *,
    case_ref: str | None = None,
    split_gaps: float | None = None,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Import everything under ``paths``. Per-file problems land in ``report.rejected``; the rest goes on.

    Loose files go into one new case, or into ``case_ref``; with ``split_gaps`` (hours) into one case per part
    between capture-time gaps (``desktop.services.loose_cases``). Chats and e-mails go to their customer's case.
    """
    if case_ref is not None and not REF_RE.match(case_ref):
        raise UsageError(f"not a usable case reference: {case_ref!r} (letters, digits, '-', '.', '_')")
    if split_gaps is not None and (case_ref is not None or split_gaps <= 0):
        raise UsageError("--split-gaps needs a number of hours above 0, and no --case")
    report = ImportReport()
    try:
        with lib.workspace() as scratch:
            _run(lib, [Path(p) for p in paths], scratch, report, case_ref, split_gaps, progress, cancel)
    except Cancelled:  # the transaction was rolled back: the library is as before
        return ImportReport(rejected=report.rejected, cancelled=True)
    progress(1000, 1000, "Done")
    return report


def _run(lib: Library, paths: list[Path], scratch: Path, report: ImportReport, case_ref: str | None,
         split_gaps: float | None, progress: Progress, cancel: CancelToken | None) -> None:
    progress(0, 1000, "Reading the inputs")
    plan = plan_inputs(paths, scratch, report.rejected)
    chats = [c for c in (import_chat.read(u, lib.team, report.rejected) for u in plan.chats) if c is not None]
    mails = [m for m in (import_mail.read(u, report.rejected) for u in plan.mails) if m is not None]
    shown: dict[Path, str] = {}  # how each file is named in messages
    files: list[tuple[Path, str]] = []
    for f in plan.loose:
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
    for path, _name in files:
        res = analysed.get(path)
        if res is not None and res.problem:
            report.rejected.append(Problem(shown[path], res.problem))
    progress(900, 1000, "Saving")
    with lib.unit(write=True) as uow:
        w = ImportWriter(uow, report)
        fixed_case = w.case_by_ref(case_ref) if case_ref else None
        w.fixed_case_id = fixed_case.id if fixed_case else None
        for chat in chats:
            import_chat.write(w, chat, analysed, lib.team, fixed_case)
        for mail in mails:
            import_mail.write(w, mail, analysed, lib.team, fixed_case)
        write_loose(w, plan.loose, analysed, fixed_case, split_gap_hours=split_gaps, lang=preferred_language(lib))
        duplicates.refresh(uow, list(w.touched_cases), lib.team)
        for case in w.touched_cases.values():
            uow.audit.record(AuditAction.IMPORT, case.id, imported=report.imported, inputs=[str(p) for p in paths])
        report.cases = sorted({c.ref for c in w.touched_cases.values()})
        report.undo_id = journal.record_import(uow, report.imported, list(w.touched_cases.values()))
        if cancel is not None:
            cancel.check()  # a cancel while saving rolls the whole import back
