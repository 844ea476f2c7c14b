"""``export_case``: the PDF case file of one case, filled from the library and rendered by ``desktop.report``."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop import __version__
from desktop.core.capture_time import wall_clock
from desktop.core.progress import CancelToken, Progress, null_progress, subrange
from desktop.media.video import keyframes
from desktop.report.data import (
    CaseFileData,
    ReportCase,
    ReportDuplicate,
    ReportItem,
    ReportManifestEntry,
    ReportMessage,
    ReportNote,
    ReportOptions,
)
from desktop.report.pdf import render_case_file
from desktop.services.case_edit import list_notes
from desktop.services.cases import get_case, list_media, list_messages
from desktop.services.library import Library
from desktop.store.schema import Customer

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


def case_file_data(lib: Library, ref: str, *, include_set_aside: bool = False) -> CaseFileData:
    """Everything the PDF shows, in report order: included items by capture time, then the rest."""
    case = get_case(lib, ref)
    media = list_media(lib, case_ref=ref)
    with lib.db.session() as s:
        cust = s.get(Customer, case.customer_id) if case.customer_id else None
        contact = (cust.name, cust.phone, cust.email) if cust else (None, None, None)
    present = [m for m in media if m.sha256]
    chosen = [m for m in present if m.included and (include_set_aside or not m.set_aside)]
    chosen.sort(key=lambda m: (_order(m.taken_at), m.id))
    number = {m.id: i for i, m in enumerate(chosen, 1)}
    items = []
    for m in chosen:
        path = lib.original_path(m.sha256)
        items.append(ReportItem(
            number=number[m.id], name=m.name, kind=m.kind, path=path, sha256=m.sha256, size=m.size or 0,
            width=m.width, height=m.height, duration_s=m.duration_s, orientation=m.orientation,
            taken_at=m.taken_at, taken_at_source=m.taken_at_source, taken_date_only=m.taken_date_only, received_at=m.received_at, sender=m.sender,
            camera=m.camera, gps=m.gps, flags=list(m.flags), caption=m.caption,
            keyframes=_keyframe_jpegs(path) if m.kind == "video" else [],
        ))
    by_id = {m.id: m for m in present}
    dups = []
    for m in present:
        if m.set_aside and m.duplicate_of_id in by_id:
            keeper = by_id[m.duplicate_of_id]
            dups.append(ReportDuplicate(m.name, m.sha256, number.get(keeper.id, 0), keeper.name,
                                        m.duplicate_kind or "same"))
    by_msg: dict[int, list[int]] = {}
    for m in chosen:
        if m.message_id:
            by_msg.setdefault(m.message_id, []).append(number[m.id])
    messages = [ReportMessage(x.sent_at, x.sender or "", x.text, by_msg.get(x.id, []))
                for x in list_messages(lib, case_ref=ref) if x.kind != "system"]
    notes = [ReportNote(n.created_at, n.author or "", n.text) for n in list_notes(lib, ref)]
    seen: set[tuple[str, str]] = set()
    manifest = []
    for m in present:
        if (m.sha256, m.name) not in seen:
            seen.add((m.sha256, m.name))
            manifest.append(ReportManifestEntry(m.sha256, m.size or 0, m.name))
    rc = ReportCase(
        ref=case.ref, title=case.title, kind=case.kind, status=case.status,
        customer_name=contact[0] or case.customer or "", customer_phone=contact[1], customer_email=contact[2],
        policy_ref=case.policy_ref, incident_date=case.incident_date, opened_at=case.opened_at,
        closed_at=case.closed_at, handler=case.handler, received=len(present),
        set_aside=sum(m.set_aside for m in present), included=len(items),
    )
    return CaseFileData(rc, items, messages, dups, notes, manifest)


def export_case(
    lib: Library,
    ref: str,
    out: Path,
    options: ReportOptions | None = None,
    progress: Progress = null_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Write the case file to ``out`` (a temporary name first, then renamed: no half files)."""
    options = options or ReportOptions()
    options.app_version = __version__
    progress(0, 1000, "Collecting the case")
    data = case_file_data(lib, ref)
    path = render_case_file(data, Path(out), options, subrange(progress, 0.05, 1.0), cancel)
    with lib.db.session() as s:
        from desktop.services.writer import audit
        from desktop.store.schema import Case

        cid = s.scalar(select(Case.id).where(Case.ref == ref))
        audit(s, "exported", cid, None, file=str(path), items=len(data.items))
    return path
