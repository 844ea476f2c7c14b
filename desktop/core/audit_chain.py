"""The audit log's hash chain: what is hashed, and how a chain is checked.

Each event stores the hash of the event before it (``prev_hash``) and its own ``hash`` over its sequence number,
that previous hash, its time, actor, action, case and customer, and a *hash of its details*. The details
themselves are not in the chain, only ``details_hash = SHA-256(salt || canonical JSON)`` with a random salt per
event. Erasing a customer replaces the personal data in an event's details and deletes the salt: the chain still
verifies (it never saw the details), the old details hash can no longer be tested against guessed names (the
salt is gone), and ``scrubbed`` marks the event, which the erasure event (later in the chain) lists by number,
so a scrub nobody recorded is reported like any other edit.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime

GENESIS = "0" * 64  # the previous hash of the first event


def canonical(detail: object) -> str:
    """The one JSON text of ``detail`` that is hashed: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def new_salt() -> str:
    return secrets.token_hex(16)


def details_hash(salt: str, detail_json: str) -> str:
    return hashlib.sha256((salt + "\x00" + detail_json).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    """The hashed fields of one event, as stored."""

    seq: int
    prev_hash: str
    at: datetime
    actor: str | None
    action: str
    case_id: int | None
    customer_id: int | None
    details_hash: str

    def digest(self) -> str:
        parts = [str(self.seq), self.prev_hash, self.at.isoformat(), self.actor or "", self.action,
                 "" if self.case_id is None else str(self.case_id),
                 "" if self.customer_id is None else str(self.customer_id), self.details_hash]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class StoredEvent:
    """One event as read back for checking: its link, stored hash, details text and salt, scrub mark."""

    id: int
    link: ChainLink
    hash: str
    detail_json: str
    salt: str | None
    scrubbed: bool
    scrub_list: tuple[int, ...] = ()  # for an erasure event: the sequence numbers it scrubbed


@dataclass
class ChainCheck:
    """The outcome of ``check_chain``: how many events, and what is wrong (empty when the chain holds)."""

    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"events": self.events, "ok": self.ok, "problems": list(self.problems)}


def check_chain(events: list[StoredEvent]) -> ChainCheck:
    """Every event in sequence order: numbers without gaps, each pointing at the one before, each hash right,
    each unscrubbed event's details matching its details hash, each scrubbed one named by a later erasure."""
    out = ChainCheck(events=len(events))
    prev_hash, prev_seq = GENESIS, 0
    scrubbed_by_erasure: set[int] = set()
    for e in sorted(events, key=lambda x: x.link.seq):
        scrubbed_by_erasure.update(e.scrub_list)
    for e in sorted(events, key=lambda x: x.link.seq):
        seq = e.link.seq
        where = f"audit event {seq} (id {e.id})"
        if seq != prev_seq + 1:
            out.problems.append(f"{where}: events {prev_seq + 1}..{seq - 1} are missing")
        if e.link.prev_hash != prev_hash:
            out.problems.append(f"{where}: does not follow the event before it (the chain is broken)")
        if e.link.digest() != e.hash:
            out.problems.append(f"{where}: its hash does not match its contents (time, actor, action, case or "
                                "customer was changed)")
        if e.scrubbed:
            if seq not in scrubbed_by_erasure:
                out.problems.append(f"{where}: marked as erased, but no erasure event names it")
        elif e.salt is None or details_hash(e.salt, e.detail_json) != e.link.details_hash:
            out.problems.append(f"{where}: its details were changed")
        prev_hash, prev_seq = e.hash, seq
    return out
