"""``export_case``: the PDF case file of one case, filled from the library and rendered by ``desktop.report``.

Every included original is read through the store (fetched into this desk's cache from a bucket). One that
cannot be read stops the export with ``MissingOriginals`` naming them all; with ``allow_missing`` the PDF is
written with a placeholder for each, listed on the cover.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from desktop import __version__
from desktop.core.capture_time import wall_clock
from desktop.core.errors import MissingOriginals
from desktop.core.model import AuditAction, CaseSummary, DupKind, MediaInfo, MediaKind, MediaRole, MessageKind
from desktop.core.progress import CancelToken, Progress, null_progress, subrange
from desktop.media.video import keyframes
from desktop.report.data import (
    CaseFileData,
    ReportAuditEvent,
    ReportCase,
    ReportDuplicate,
    ReportFile,
    ReportItem,
    ReportManifestEntry,
    ReportMessage,
    ReportNote,
    ReportOptions,
    ReportResponse,
    ReportWait,
)
from desktop.report.pdf import render_case_file
from desktop.services.calendar import response_policy
from desktop.services.library import Library
from desktop.services.targets import output_path, writing
from desktop.store.blobs import OriginalCorrupt, OriginalMissing

log = logging.getLogger(__name__)


def _order(value: datetime | None) -> tuple[int, datetime]:
    return (0, wall_clock(value)) if value else (1, datetime.max)


def _keyframe_jpegs(path: Path) -> list[bytes]:
    try:
        frames = keyframes(path, n=4)
    except Exception as e:  # an unreadable video still gets its caption
        log.warning("no key frames for %s: %s", path, e)
        return []
    out = []
    for f in frames:
        buf = io.BytesIO()
        f.convert("RGB").save(buf, "JPEG", quality=80)
        out.append(buf.getvalue())
    return out


def _local(lib: Library, sha256: str) -> Path | None:
    try:
        return lib.local_original(sha256)
    except (OriginalMissing, OriginalCorrupt):
        return None


def details_text(detail: dict) -> str:
    """An event's details as one short line: ``key: value · key: value``."""
    parts = []
    for key, value in detail.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return " · ".join(parts)


def case_file_data(lib: Library, ref: str, *, include_set_aside: bool = False, with_audit: bool = False,
                   allow_missing: bool = False, pins: ExitStack | None = None) -> CaseFileData:
    """Everything the PDF shows, from one snapshot, in report order: included items by capture time, then the
    rest; with ``with_audit`` also the case's audit trail. Raises ``MissingOriginals`` when an included original
    cannot be read, unless ``allow_missing``. With ``pins``, the fetched originals stay in this desk's cache
    until that stack closes."""
    with lib.unit() as uow:
        cid = uow.cases.id_of(ref)
        case = uow.cases.summary(cid, response_policy(lib.team))
        media = uow.media.infos(case_id=cid, incident_doubt_days=lib.team.incident_doubt_days)
        cust = uow.customers.get(case.customer_id) if case.customer_id is not None else None
        messages = uow.messages.infos(case_id=cid)
        notes = uow.notes.of_case(cid)
        measured = {m.media_id: m for g in uow.duplicates.groups(cid) for m in g.items}  # transforms, regions
        events = uow.audit.events(cid) if with_audit else []
        head = uow.audit.head() if with_audit else None
    originals = [m for m in media if m.sha256]  # every byte received: the manifest lists them all
    present = [m for m in originals if m.role == MediaRole.MEDIA]
    chosen = [m for m in present if m.included and (include_set_aside or not m.set_aside)]
    chosen.sort(key=lambda m: (_order(m.taken_at), m.id))
    number = {m.id: i for i, m in enumerate(chosen, 1)}
    wanted = sorted({m.sha256 for m in chosen if m.sha256})
    if pins is not None:
        pins.enter_context(lib.cache.pinned(wanted))
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="fetch") as pool:  # a bucket answers in parallel
        paths = dict(zip(wanted, pool.map(lambda sha: _local(lib, sha), wanted), strict=True))
    lacking = [(m.name, m.sha256) for m in chosen if m.sha256 and paths[m.sha256] is None]
    if lacking and not allow_missing:
        names = ", ".join(f"{name} ({sha[:12]}…)" for name, sha in lacking[:10])
        more = f" and {len(lacking) - 10} more" if len(lacking) > 10 else ""
        raise MissingOriginals(
            f"{ref} was not exported: {len(lacking)} original(s) cannot be read from "
            f"{lib.blobs.describe() or 'the store'}: {names}{more}. Nothing was written; import them again, or "
            "export with --allow-missing to mark them in the PDF", lacking)
    items = []
    for m in chosen:
        assert m.sha256 is not None
        path = paths[m.sha256]
        items.append(ReportItem(
            number=number[m.id], name=m.name, kind=m.kind, path=path, sha256=m.sha256, size=m.size or 0,
            width=m.width, height=m.height, duration_s=m.duration_s, orientation=m.orientation, rotation=m.rotation,
            taken_at=m.taken_at, taken_at_source=m.taken_at_source, taken_date_only=m.taken_date_only,
            received_at=m.received_at, sender=m.sender, camera=m.camera, gps=m.gps, flags=list(m.flags),
            caption=m.caption, keyframes=_keyframe_jpegs(path) if m.kind == MediaKind.VIDEO and path else [],
            missing=path is None,
        ))
    by_id = {m.id: m for m in present}
    dups = []
    for m in present:  # set aside, or an edited copy kept beside its original
        if (m.set_aside or m.duplicate_kind == DupKind.EDITED) and m.duplicate_of_id in by_id:
            keeper = by_id[m.duplicate_of_id]
            found = measured.get(m.id)
            dups.append(ReportDuplicate(m.name, m.sha256 or "", number.get(keeper.id, 0), keeper.name,
                                        m.duplicate_kind or DupKind.SAME, found.transform if found else None,
                                        found.region if found else None))
    by_msg: dict[int, list[ReportFile]] = {}
    for m in media:
        if m.message_id and m.role != MediaRole.CONTAINER:
            by_msg.setdefault(m.message_id, []).append(ReportFile(m.name, number.get(m.id), _state(m)))
    report_messages = [ReportMessage(x.sent_at, x.sender or "", x.text,
                                     [f.number for f in by_msg.get(x.id, []) if f.number is not None],
                                     kind=x.kind, files=by_msg.get(x.id, []))
                       for x in messages if x.kind != MessageKind.SYSTEM]
    report_notes = [ReportNote(n.created_at, n.author or "", n.text) for n in notes]
    seen: set[tuple[str, str]] = set()
    manifest = []
    for m in originals:
        if (m.sha256, m.name) not in seen:
            seen.add((m.sha256 or "", m.name))
            manifest.append(ReportManifestEntry(m.sha256 or "", m.size or 0, m.name))
    rc = ReportCase(
        ref=case.ref, title=case.title, kind=case.kind, status=case.status,
        customer_name=(cust.name if cust else None) or case.customer or "",
        customer_phone=cust.phone if cust else None, customer_email=cust.email if cust else None,
        policy_ref=case.policy_ref, incident_date=case.incident_date, opened_at=case.opened_at,
        closed_at=case.closed_at, handler=case.handler, received=len(present),
        set_aside=sum(m.set_aside for m in present), included=len(items),
        response=_response(case, lib.team.answer_norm_minutes),
    )
    audit = [ReportAuditEvent(e.at, e.actor or "", e.action, details_text(e.detail)) for e in events]
    return CaseFileData(rc, items, report_messages, dups, report_notes, manifest, audit, audit_head=head,
                        missing=[name for name, _ in lacking])


def _state(m: MediaInfo) -> str:
    """Why a file sent with a message is not an item of the case file (see ``ReportFile``)."""
    if m.sha256 is None:
        return "missing"
    if m.role != MediaRole.MEDIA:
        return "original"
    if m.set_aside:
        return "set-aside"
    return "included" if m.included else "excluded"


def _response(case: CaseSummary, norm: float) -> ReportResponse | None:
    """The cover's response times. A chat's times carry no zone (local, the calendar's): its breaches are shown
    the same way."""
    if case.first_message_at is None:
        return None
    local = case.first_message_at.tzinfo is None

    def when(text: str | None) -> datetime | None:
        t = datetime.fromisoformat(text) if text else None
        return t.replace(tzinfo=None) if t is not None and local else t

    waits = [ReportWait(when(b["message_at"]) or case.first_message_at, float(b["working_minutes"] or 0),
                        when(b["answered_at"]), when(b["due_at"])) for b in case.breaches]
    due = case.due_at.replace(tzinfo=None) if case.due_at is not None and local else case.due_at
    return ReportResponse(norm, case.first_message_at, case.first_answer_at, case.first_answer_minutes, waits, due)


def export_case(
    lib: Library,
    ref: str,
    out: Path,
    options: ReportOptions | None = None,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
    *,
    allow_missing: bool = False,
    on_missing: Callable[[list[str]], object] | None = None,
) -> Path:
    """Write the case file to ``out`` (a temporary name first, then renamed: no half files). Originals it cannot
    read stop it (``MissingOriginals``) unless ``allow_missing``: then the cover names them, and so does
    ``on_missing`` (called with their file names)."""
    options = options or ReportOptions()
    options.app_version = __version__
    out = output_path(Path(out), f"{ref}.pdf")
    progress(0, 1000, "Collecting the case")
    with ExitStack() as pins:  # fetched originals stay in the cache until the PDF is drawn
        data = case_file_data(lib, ref, with_audit=options.with_audit, allow_missing=allow_missing, pins=pins)
        path = writing(out, "the case file", lambda: render_case_file(data, out, options,
                                                                        subrange(progress, 0.05, 1.0), cancel))
    with lib.unit(write=True) as uow:  # after rendering: no transaction is held while the PDF is drawn
        uow.audit.record(AuditAction.EXPORTED, uow.cases.id_of(ref), file=path.name, items=len(data.items),
                         redacted=options.redact, faces_blurred=options.redact_faces, missing=data.missing)
    if data.missing and on_missing is not None:
        on_missing(list(data.missing))
    return path
