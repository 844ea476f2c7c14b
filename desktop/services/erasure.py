"""Erasure (GDPR art. 17) with a receipt: a customer, or one case at the end of its retention period.

What goes: the customer's row (name, phone, e-mail), their messages and media items, the notes on their cases,
the originals and thumbnails no remaining item uses, and their personal data wherever free text kept a copy
(case titles, notes, source paths, audit event details, the log files). What stays: a tombstone (customer id,
when, why, by whom, the receipt) and the emptied cases as references, so the audit trail still reads; the
audit chain still verifies (``desktop.core.audit_chain``). Afterwards the database is compacted
(``Database.compact``), so no deleted byte is left in ``library.db`` or its WAL.

An erasure cannot be undone: it is not recorded in the undo journal, and its receipt says what is gone. The
journal's entries about the erased rows go too (their payloads hold the rows' values: an undo would bring them
back), and every other entry's texts are scrubbed like the notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import phonenumbers

from desktop.core import model
from desktop.core.clock import now_local
from desktop.core.errors import NotFound, UsageError
from desktop.core.model import AuditAction
from desktop.core.records import AuditInfo, CustomerInfo
from desktop.core.retention import ErasureRefused, erasure_obstacles
from desktop.core.rights import DataScope, ErasureReceipt
from desktop.services.library import Library
from desktop.store.unit import UnitOfWork

ERASED = "[erased]"
_CODES = {m.value for e in (model.AuditAction, model.CaseStatus, model.CaseKind, model.MediaKind, model.DupKind,
                            model.Flag, model.CaptureSource, model.MessageKind, model.SourceKind) for m in e}
_SHA = re.compile(r"[0-9a-f]{64}")


def phone_forms(e164: str) -> list[str]:
    """The ways a stored E.164 number is written: +31612345678, +31 6 12345678, 06 12345678, 06-12345678, ..."""
    if not e164:
        return []
    forms = {e164}
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return [e164]
    for style in (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL):
        text = phonenumbers.format_number(number, style)
        forms |= {text, text.replace(" ", ""), text.replace(" ", "-"), re.sub(r"[^\d+]", "", text)}
    forms.add("00" + e164[1:])
    return sorted(f for f in forms if sum(c.isdigit() for c in f) >= 6)


def scrubber(needles: list[str]) -> Callable[[str], str]:
    """A function replacing every needle (case-insensitive) by ``ERASED``; longest first."""
    unique = sorted({n.strip() for n in needles if n and len(n.strip()) >= 3}, key=len, reverse=True)
    if not unique:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(n) for n in unique), re.IGNORECASE)
    return lambda text: pattern.sub(ERASED, text) if text else text


def _walk(value: object, leaf: Callable[[str], str]) -> object:
    if isinstance(value, str):
        return leaf(value)
    if isinstance(value, dict):
        return {k: _walk(v, leaf) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, leaf) for v in value]
    return value


def _wipe(refs: set[str], scrub: Callable[[str], str]) -> Callable[[AuditInfo], dict | None]:
    """For the events of erased cases: every text goes, except case references, codes and SHA-256."""
    def keep(text: str) -> str:
        return text if text in refs or text in _CODES or _SHA.fullmatch(text) else (ERASED if text else text)
    return lambda e: _walk(e.detail, lambda t: keep(scrub(t)))  # type: ignore[return-value]


def _substitute(scrub: Callable[[str], str]) -> Callable[[AuditInfo], dict | None]:
    """For every other event: only the needles go."""
    return lambda e: _walk(e.detail, scrub)  # type: ignore[return-value]


@dataclass(frozen=True)
class ErasurePreview:
    """What ``erase_customer`` would remove now, and why it would refuse (``reasons`` empty: it would not)."""

    customer: CustomerInfo
    cases: list[str]
    counts: dict[str, int]  # messages, media, notes
    reasons: list[str]
    can_override: bool  # a legal basis (``override_basis``) would lift every reason

    def to_json(self) -> dict:
        return {"customer": self.customer.id, "cases": self.cases, "counts": dict(self.counts),
                "refused": bool(self.reasons), "reasons": self.reasons, "can_override": self.can_override}


def erasure_preview(lib: Library, customer_id: int, *, override_basis: str | None = None,
                    now: datetime | None = None) -> ErasurePreview:
    """Nothing is changed: the rows an erasure of the customer would cover, and its obstacles."""
    now = now or now_local()
    with lib.unit() as uow:
        customer = uow.customers.get(customer_id)
        if customer is None:
            raise NotFound(f"no customer {customer_id}")
        states = [s for _, s in uow.retention.states(customer_id=customer_id)]
        reasons, can_override = erasure_obstacles(states, now, lib.team.retention_years, override_basis)
        scope = uow.erasure.customer_scope(customer_id)
        refs = [uow.cases.handle(c).ref for c in scope.case_ids]
    counts = {"cases": len(scope.case_ids), "messages": len(scope.message_ids), "media": len(scope.media_ids),
              "notes": len(scope.note_ids)}
    return ErasurePreview(customer, refs, counts, reasons, can_override)


def erase_customer(lib: Library, customer_id: int, reason: str, *, override_basis: str | None = None,
                   now: datetime | None = None) -> ErasureReceipt:
    """Erase a customer (see the module docstring). Refused (``ErasureRefused``) while a case of theirs is
    open, held, or within its retention period, unless ``override_basis`` names the legal basis (not for open
    or held cases). A customer erased before: what an interrupted run left (files, compaction) is finished and
    the first receipt returned."""
    if not reason or not reason.strip():
        raise UsageError("an erasure needs a reason (--reason)")
    now = now or now_local()
    with lib.unit() as uow:
        customer = uow.customers.get(customer_id)
        if customer is None:
            done = [r for r in uow.erasure.tombstones(customer_id) if r.customer_removed]
            if not done:
                raise NotFound(f"no customer {customer_id}")
    if customer is None:
        return _finish(lib, done[0], [])
    with lib.unit(write=True) as uow:
        states = [s for _, s in uow.retention.states(customer_id=customer_id)]
        reasons, can_override = erasure_obstacles(states, now, lib.team.retention_years, override_basis)
        if reasons:
            raise ErasureRefused(f"customer {customer_id}", reasons, can_override)
        scope = uow.erasure.customer_scope(customer_id)
        needles = [customer.name or "", customer.email or "", *phone_forms(customer.phone or ""),
                   *uow.erasure.senders(scope), *uow.erasure.customer_texts(scope)]
        scrub = scrubber(needles)
        receipt = _erase(uow, lib, scope, customer_id, scrub, AuditAction.CUSTOMER_ERASED, reason,
                         override_basis, now, tied_customer=customer_id)
        uow.erasure.add_tombstone(receipt)
    return _finish(lib, receipt, needles)


def erase_case(lib: Library, ref: str, reason: str, *, now: datetime | None = None) -> ErasureReceipt:
    """Erase one closed case at the end of its retention period (a purge); refused when it is open, held or
    not yet past its period. Its customer goes too when nothing else of theirs is left."""
    now = now or now_local()
    with lib.unit(write=True) as uow:
        case_id = uow.cases.id_of(ref)
        states = uow.retention.states(case_ids=[case_id])
        if not states:
            raise NotFound(f"case {ref} was erased before")
        reasons, _ = erasure_obstacles([states[0][1]], now, lib.team.retention_years, None)
        if reasons:
            raise ErasureRefused(f"case {ref}", reasons, False)
        customer_id = uow.cases.fields(case_id)["customer_id"]
        scope = uow.erasure.case_scope([case_id])
        needles = uow.erasure.customer_texts(scope)
        last = False
        if isinstance(customer_id, int):
            theirs = uow.erasure.customer_scope(customer_id)
            last = theirs.case_ids == [case_id] and not theirs.other_case_ids
            customer = uow.customers.get(customer_id)
            if last and customer is not None:
                needles += [customer.name or "", customer.email or "", *phone_forms(customer.phone or ""),
                            *uow.erasure.senders(scope)]
        receipt = _erase(uow, lib, scope, customer_id if isinstance(customer_id, int) else None, scrubber(needles),
                         AuditAction.CASE_PURGED, reason, None, now,
                         tied_customer=customer_id if last and isinstance(customer_id, int) else None,
                         case_id=case_id)
        uow.erasure.add_tombstone(receipt, ref)
    return _finish(lib, receipt, needles)


def _erase(uow: UnitOfWork, lib: Library, scope: DataScope, customer_id: int | None, scrub: Callable[[str], str],
           action: AuditAction, reason: str, basis: str | None, now: datetime, *, tied_customer: int | None,
           case_id: int | None = None) -> ErasureReceipt:
    refs = [uow.cases.handle(c).ref for c in scope.case_ids]
    counts, gone, kept, removed = uow.erasure.erase(scope, customer_id=customer_id, at=now, scrub=scrub)
    erased_rows = [*(f"case_:{i}" for i in scope.case_ids), *(f"message:{i}" for i in scope.message_ids),
                   *(f"media_item:{i}" for i in scope.media_ids), *(f"note:{i}" for i in scope.note_ids),
                   *([f"customer:{customer_id}"] if customer_id is not None and removed else [])]
    counts["journal_entries"] = uow.journal.forget(case_ids=scope.case_ids, rows=erased_rows, scrub=scrub)
    every_ref = set(uow.erasure.case_refs())
    tied = uow.audit.scrub(_wipe(every_ref, scrub), case_ids=scope.case_ids, customer_id=tied_customer)
    others = uow.audit.scrub(_substitute(scrub))
    scrubbed = sorted(set(tied) | set(others))
    counts["audit_events_scrubbed"] = len(scrubbed)
    counts["originals"] = len(gone)
    reason, basis = scrub(reason.strip()), scrub(basis.strip()) if basis else None
    receipt = ErasureReceipt(customer_id, refs, now, lib.handler, reason, basis, dict(counts), gone, kept,
                             removed or customer_id is None)
    uow.audit.record(action, case_id, customer_id=customer_id, cases=refs, reason=reason, basis=basis,
                     counts=dict(counts), originals=gone, scrubbed_events=scrubbed)
    return receipt


def _finish(lib: Library, receipt: ErasureReceipt, needles: list[str]) -> ErasureReceipt:
    """After the commit: the files of the erased originals and their thumbnails, the log files, unused scratch
    space, and the database compacted."""
    removed = thumbs = 0
    for sha in receipt.originals:
        removed += lib.blobs.remove(sha)
        for thumb in [*lib.paths.thumbs.glob(f"{sha[:2]}/{sha}*"), *lib.paths.thumbs.glob(f"{sha}*")]:
            thumb.unlink(missing_ok=True)
            thumbs += 1
    receipt.counts["original_files_removed"] = removed
    receipt.counts["thumbnails"] = thumbs
    receipt.counts["log_files_scrubbed"] = _scrub_logs(lib, scrubber(needles)) if needles else 0
    lib.clean_scratch()
    receipt.database = lib.db.compact()
    return receipt


def _scrub_logs(lib: Library, scrub: Callable[[str], str]) -> int:
    """Rewrite, in place, every log file holding one of the needles (the handler appends: no data is lost)."""
    changed = 0
    for path in sorted(lib.paths.logs.glob("*")):
        if not path.is_file():
            continue
        with open(path, "r+b") as f:
            text = f.read().decode("utf-8", "surrogateescape")
            new = scrub(text)
            if new != text:
                f.seek(0)
                f.write(new.encode("utf-8", "surrogateescape"))
                f.truncate()
                changed += 1
    return changed
