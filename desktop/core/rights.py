"""Records of the customer's rights: what an export or an erasure covers, its receipt, holds and retention.

A customer's data (GDPR art. 15 and 17) is: their cases; the messages and media that name them as the
customer, in any case; and, in their own cases, the messages and media that name no customer (the
organisation's side of the conversation, loose files). Another customer's messages stay that customer's, even
in a case of this one (after a merge).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class DataScope:
    """The rows an export or an erasure covers."""

    case_ids: list[int]  # the customer's own cases (or the purged case)
    message_ids: list[int]
    media_ids: list[int]
    note_ids: list[int]
    other_case_ids: list[int] = field(default_factory=list)  # other cases holding some of these rows


@dataclass(frozen=True)
class HoldState:
    """A legal hold on a case: why, since when, placed by whom."""

    reason: str
    at: datetime
    by: str | None

    def to_json(self) -> dict:
        return {"reason": self.reason, "held_at": self.at.isoformat(), "held_by": self.by}


@dataclass(frozen=True)
class RetentionInfo:
    """A closed case and the end of its retention period."""

    ref: str
    kind: str
    closed_at: datetime
    years: int
    until: datetime
    customer_id: int | None
    hold: HoldState | None

    def to_json(self) -> dict:
        return {"case": self.ref, "kind": self.kind, "closed_at": self.closed_at.isoformat(), "years": self.years,
                "until": self.until.date().isoformat(), "customer": self.customer_id, "held": self.hold is not None,
                "hold": self.hold.to_json() if self.hold else None}


@dataclass
class ErasureReceipt:
    """What an erasure removed. No personal data: counts, case references and the SHA-256 of the originals."""

    customer_id: int | None
    cases: list[str]
    erased_at: datetime
    by: str | None
    reason: str
    basis: str | None  # the legal basis named to override a retention period
    counts: dict[str, int] = field(default_factory=dict)
    originals: list[str] = field(default_factory=list)  # SHA-256 of the originals removed from the store
    kept_originals: int = 0  # originals of theirs that another customer's case also holds: kept
    customer_removed: bool = True  # False after a purge of one case of a customer who has others
    database: dict[str, object] = field(default_factory=dict)  # what compacting the database did

    def to_json(self) -> dict:
        return {"customer": self.customer_id, "cases": self.cases, "erased_at": self.erased_at.isoformat(),
                "by": self.by, "reason": self.reason, "basis": self.basis, "counts": dict(self.counts),
                "originals": list(self.originals), "kept_originals": self.kept_originals,
                "customer_removed": self.customer_removed, "database": dict(self.database)}

    @classmethod
    def from_json(cls, raw: dict) -> ErasureReceipt:
        return cls(raw.get("customer"), list(raw.get("cases", [])), datetime.fromisoformat(raw["erased_at"]),
                   raw.get("by"), raw.get("reason", ""), raw.get("basis"), dict(raw.get("counts", {})),
                   list(raw.get("originals", [])), int(raw.get("kept_originals", 0)),
                   bool(raw.get("customer_removed", True)), dict(raw.get("database", {})))
