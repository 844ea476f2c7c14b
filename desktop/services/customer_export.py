"""A customer's copy of everything stored on them (GDPR art. 15): one ZIP with ``data.json``, the originals
under ``originals/`` by the names they were received under, and ``summary.pdf``.

What is theirs is decided once, in the store (``desktop.core.rights``): nothing of another customer goes in,
not even another customer's message in a case of theirs. The export is recorded in the audit log. The ZIP is
written to a temporary name beside the target and renamed when complete.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop import __version__
from desktop.core.clock import now_local
from desktop.core.errors import NotFound, UsageError
from desktop.core.model import AuditAction, CaseSummary, MediaInfo
from desktop.core.records import AuditInfo, CustomerInfo, MessageInfo, NoteInfo
from desktop.core.retention import CaseState
from desktop.services.calendar import response_policy
from desktop.services.library import Library
from desktop.services.targets import output_path, writing

FORMAT = "casedesk-customer-export"
VERSION = 1
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@dataclass
class CustomerData:
    customer: CustomerInfo
    created_at: datetime | None
    cases: list[CaseSummary]
    states: dict[str, CaseState]
    messages: list[MessageInfo]
    media: list[MediaInfo]
    notes: list[tuple[str, NoteInfo]]  # (case reference, note)
    events: list[AuditInfo]


@dataclass(frozen=True)
class CustomerExport:
    customer: int
    file: Path
    bytes: int
    cases: list[str]
    originals: int

    def to_json(self) -> dict:
        return {"customer": self.customer, "file": str(self.file), "bytes": self.bytes, "cases": self.cases,
                "originals": self.originals}


def customer_data(lib: Library, customer_id: int) -> CustomerData:
    """Everything stored on one customer, from one snapshot."""
    with lib.unit() as uow:
        customer = uow.customers.get(customer_id)
        if customer is None:
            raise NotFound(f"no customer {customer_id}")
        scope = uow.erasure.customer_scope(customer_id)
        cases = uow.cases.summaries(response_policy(lib.team), case_ids=scope.case_ids)
        states = {s.ref: s for _, s in uow.retention.states(case_ids=scope.case_ids)}
        involved = [*scope.case_ids, *scope.other_case_ids]
        msg_ids, media_ids = set(scope.message_ids), set(scope.media_ids)
        messages = [m for c in involved for m in uow.messages.infos(case_id=c) if m.id in msg_ids]
        media = [m for c in involved for m in uow.media.infos(case_id=c, incident_doubt_days=lib.team.incident_doubt_days)
                 if m.id in media_ids]
        notes = [(c.ref, n) for c in cases for n in uow.notes.of_case(c.id)]
        events = uow.audit.events(customer_id=customer_id)
        created = uow.erasure.customer_since(customer_id)
    messages.sort(key=lambda m: m.id)
    media.sort(key=lambda m: m.id)
    return CustomerData(customer, created, cases, states, messages, media, notes, events)


def customer_language(customer: CustomerInfo, lib: Library) -> str:
    """The customer's language: Dutch for a Dutch phone number or a .nl address, English for a foreign one;
    with neither, the team's region decides (NL: Dutch)."""
    if (customer.phone or "").startswith("+31") or (customer.email or "").lower().endswith(".nl"):
        return "nl"
    if customer.phone or customer.email:
        return "en"
    return "nl" if lib.team.default_region.upper() == "NL" else "en"


def _summary(lib: Library, data: CustomerData, at: datetime):  # noqa: ANN202 - a report.summary.SummaryData
    from desktop.report.summary import SummaryCase, SummaryData, SummaryEntry, SummaryFile, SummaryMessage

    years = lib.team.retention_years
    c = data.customer
    return SummaryData(
        organisation=(lib.team.business_names or ["Casedesk"])[0], name=c.name or c.phone or c.email or str(c.id),
        phone=c.phone, email=c.email, customer_since=data.created_at, generated_at=at, retention_years=years,
        cases=[SummaryCase(k.ref, k.title, k.kind, k.status, k.opened_at, k.closed_at,
                           data.states[k.ref].kept_until(years) if k.ref in data.states else None)
               for k in data.cases],
        messages=[SummaryMessage(m.case_ref, m.sent_at, m.sender or "", m.text) for m in data.messages],
        files=[SummaryFile(m.case_ref, m.name, m.kind, m.taken_at, m.taken_at_source, m.received_at, m.caption)
               for m in data.media],
        notes=[SummaryEntry(ref, n.created_at, n.author or "", n.text) for ref, n in data.notes],
        history=[SummaryEntry(e.case_ref, e.at, e.actor or "", e.action) for e in data.events],
    )


def safe_name(name: str, taken: set[str]) -> str:
    """A file name that is safe in a ZIP on every system and not yet in ``taken`` (compared case-blind)."""
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", name)[-1])
    base = _UNSAFE.sub("_", base).strip(" .") or "file"
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem:
        stem, ext = base, ""
    stem, ext = stem[:150], ext[:20]
    if stem.upper() in _RESERVED:
        stem += "_"
    candidate, n = f"{stem}.{ext}" if ext else stem, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
    taken.add(candidate.casefold())
    return candidate


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def data_json(data: CustomerData, files: dict[int, str | None], at: datetime, by: str) -> dict:
    """The machine-readable copy (its schema is in the README)."""
    c = data.customer
    return {
        "format": FORMAT, "version": VERSION, "exported_at": at.isoformat(), "exported_by": by,
        "customer": {"id": c.id, "name": c.name, "phone": c.phone, "email": c.email,
                     "created_at": _iso(data.created_at)},
        "cases": [{"ref": k.ref, "title": k.title, "kind": k.kind, "status": k.status, "opened_at": _iso(k.opened_at),
                   "closed_at": _iso(k.closed_at), "policy_ref": k.policy_ref, "incident_date": _iso(k.incident_date),
                   "handler": k.handler} for k in data.cases],
        "messages": [{"id": m.id, "case": m.case_ref, "sent_at": _iso(m.sent_at), "sender": m.sender,
                      "from_customer": m.from_customer, "kind": m.kind, "subject": m.subject, "text": m.text,
                      "attachments": m.attachments} for m in data.messages],
        "media": [{**m.to_json(), "size": m.size, "file": files.get(m.id)} for m in data.media],
        "notes": [{"case": ref, "created_at": _iso(n.created_at), "author": n.author, "text": n.text}
                  for ref, n in data.notes],
        "audit": [{"at": _iso(e.at), "actor": e.actor, "action": e.action, "case": e.case_ref, "details": e.detail}
                  for e in data.events],
    }


def export_customer(lib: Library, customer_id: int, out: Path, *, lang: str | None = None) -> CustomerExport:
    """Write the customer's ZIP to ``out``; records a ``customer-exported`` audit event."""
    from desktop.report.summary import render_summary  # reportlab only when exporting

    out = output_path(Path(out), f"customer-{customer_id}.zip")
    if out.suffix.lower() != ".zip":
        raise UsageError(f"{out}: the export is a ZIP file; name it .zip")
    data = customer_data(lib, customer_id)
    lang = lang or customer_language(data.customer, lib)
    at = now_local()
    taken: set[str] = {"data.json", "summary.pdf"}
    files: dict[int, str | None] = {}
    by_content: dict[tuple[str, str], str] = {}
    for m in data.media:
        if not m.sha256:
            files[m.id] = None
            continue
        key = (m.sha256, m.name)
        if key not in by_content:
            by_content[key] = "originals/" + safe_name(m.name, taken)
        files[m.id] = by_content[key]
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    pdf = lib.paths.tmp / f"summary-{uuid.uuid4().hex[:8]}.pdf"  # inside the private data folder

    def write() -> None:
        try:
            render_summary(_summary(lib, data, at), pdf, lang, __version__)
            with zipfile.ZipFile(tmp, "w") as z:
                body = json.dumps(data_json(data, files, at, lib.handler), ensure_ascii=False, indent=2)
                z.writestr("data.json", body, compress_type=zipfile.ZIP_DEFLATED)
                z.write(pdf, "summary.pdf", compress_type=zipfile.ZIP_DEFLATED)
                for (sha, _name), arcname in by_content.items():
                    z.write(lib.local_original(sha), arcname, compress_type=zipfile.ZIP_STORED)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
            pdf.unlink(missing_ok=True)

    writing(out, "the export", write)
    refs = [c.ref for c in data.cases]
    with lib.unit(write=True) as uow:
        uow.audit.record(AuditAction.CUSTOMER_EXPORTED, None, customer_id=customer_id, file=out.name, cases=refs,
                         messages=len(data.messages), media=len(data.media), originals=len(by_content), lang=lang)
    return CustomerExport(customer_id, out, out.stat().st_size, refs, len(by_content))
