"""``import_paths``: files, folders, ZIPs, chat exports and e-mails into the library in one transaction.

Steps: plan the inputs (ZIPs unpacked safely into scratch space inside the library); hash, store and probe
every file on all cores; then write every row in one database transaction. Blobs are on disk before the
commit that references them, so a process killed at any point leaves the library as before or as after.
"""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.core.errors import UsageError
from desktop.core.model import AuditAction, ImportReport, MediaRole, Problem, SourceKind
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
        write_loose(w, plan.loose, analysed, fixed_case, split_gap_hours=split_gaps, lang=preferred_language(lib))
        _write_archives(w, plan.archives, analysed, fixed_case)
        duplicates.refresh(uow, list(w.touched_cases), lib.team)
        for case in w.touched_cases.values():
            uow.audit.record(AuditAction.IMPORT, case.id, imported=report.imported, inputs=[str(p) for p in paths])
        report.cases = sorted({c.ref for c in w.touched_cases.values()})
        report.undo_id = journal.record_import(uow, report.imported, list(w.touched_cases.values()))
        if cancel is not None:
            cancel.check()  # a cancel while saving rolls the whole import back


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
            case = w.new_case(container_title(f.source_label))
        w.add_media(case, an, f.name, source=w.source(SourceKind.FILES, f.display), mtime=f.mtime,
                    role=MediaRole.CONTAINER)
