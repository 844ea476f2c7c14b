"""Duplicate groups as stored on the media items, the handler's rulings on pairs, and cross-case alerts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, aliased

from desktop.core.errors import NotFound
from desktop.core.model import DupKind, DupRuling, MediaKind
from desktop.core.records import AlertInfo, DupGroupInfo, DupItem
from desktop.store.schema import Alert, Blob, Case, Customer, DupDecision, MediaItem

Outcome = tuple[int | None, str | None, bool]  # duplicate of (item id), duplicate kind, set aside


class DuplicateStore:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._items: dict[int, dict[int, MediaItem]] = {}  # case id -> its items with an original, by id

    # what the engine compares -------------------------------------------------------------------------------
    def case_items(self, case_id: int) -> list[DupItem]:
        """The pictures and videos of a case with an original, in id order."""
        rows = self._s.execute(select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
                               .where(MediaItem.case_id == case_id).order_by(MediaItem.id)).all()
        self._items[case_id] = {m.id: m for m, _ in rows}
        return [_item(m, b) for m, b in rows if b.kind in (MediaKind.IMAGE, MediaKind.VIDEO)]

    def rulings(self, shas: list[str]) -> list[tuple[str, str, str]]:
        """(sha_a, sha_b, ruling) of every ruling between these originals."""
        q = select(DupDecision.sha_a, DupDecision.sha_b, DupDecision.decision).where(
            DupDecision.sha_a.in_(shas), DupDecision.sha_b.in_(shas))
        return list(self._s.execute(q))

    def write_outcomes(self, case_id: int, outcomes: dict[int, Outcome]) -> None:
        """Store the groups found in a case: ``outcomes`` for the items in one, no group for the others."""
        if case_id not in self._items:
            self.case_items(case_id)
        for mid, m in self._items.pop(case_id).items():
            m.duplicate_of_id, m.duplicate_kind, m.set_aside = outcomes.get(mid, (None, None, False))

    # rulings ------------------------------------------------------------------------------------------------
    def keeper_rulings(self, members: list[str]) -> list[int]:
        """Ids of the keeper rulings ``rule_keeper`` would drop for these members."""
        return list(self._s.scalars(select(DupDecision.id).where(DupDecision.decision == DupRuling.KEEPER,
                                                                 DupDecision.sha_a.in_(members))))

    def rule_keeper(self, members: list[str], keeper: str, at: datetime) -> list[int]:
        """``keeper`` is kept over every other member (earlier keeper rulings of these members are dropped).
        Returns the ids of the new rulings."""
        self._s.execute(delete(DupDecision).where(DupDecision.decision == DupRuling.KEEPER,
                                                  DupDecision.sha_a.in_(members)))
        added = [DupDecision(sha_a=m, sha_b=keeper, decision=DupRuling.KEEPER.value, created_at=at)
                 for m in dict.fromkeys(members) if m != keeper]  # exact copies share a SHA-256: one ruling each
        self._s.add_all(added)
        self._s.flush()
        return [d.id for d in added]

    def rule_not_duplicate(self, sha_a: str, sha_b: str, at: datetime) -> int | None:
        """The ruling "not a duplicate" for this pair; returns its id when it is new."""
        a, b = sorted((sha_a, sha_b))
        exists = self._s.scalar(select(DupDecision.id).where(DupDecision.sha_a == a, DupDecision.sha_b == b,
                                                             DupDecision.decision == DupRuling.NOT_DUPLICATE))
        if exists is not None:
            return None
        ruling = DupDecision(sha_a=a, sha_b=b, decision=DupRuling.NOT_DUPLICATE.value, created_at=at)
        self._s.add(ruling)
        self._s.flush()
        return ruling.id

    def keeper_of(self, media_id: int) -> tuple[int, str | None, int | None, str | None]:
        """(case id, sha256, keeper id, keeper sha256) of an item; keeper None when it is in no group."""
        item = self._s.get(MediaItem, media_id)
        if item is None:
            raise NotFound(f"no media item {media_id}")
        keeper = self._s.get(MediaItem, item.duplicate_of_id) if item.duplicate_of_id else None
        return (item.case_id, item.blob_sha256, keeper.id if keeper else None,
                keeper.blob_sha256 if keeper else None)

    # alerts -------------------------------------------------------------------------------------------------
    def image_hashes(self) -> list[tuple[str, int]]:
        """(sha256, perceptual hash) of every picture in the library."""
        q = select(Blob.sha256, Blob.phash).where(Blob.phash.is_not(None), Blob.kind == MediaKind.IMAGE)
        return [(sha, int(ph, 16)) for sha, ph in self._s.execute(q)]

    def picture_phashes(self) -> list[str]:
        """The perceptual hash (16 hex digits) of every picture in the library, in one plain query: what a
        library-wide near-neighbour scan needs, without a row object per picture."""
        q = select(Blob.phash).where(Blob.phash.is_not(None), Blob.kind == MediaKind.IMAGE)
        return list(self._s.connection().execute(q).scalars().all())

    def hashed_pictures(self, *, case_ids: list[int] | None = None, shas: list[str] | None = None,
                        phashes: list[str] | None = None) -> list[DupItem]:
        """Picture items with a perceptual hash, in these cases and/or of these originals or hashes (hex)."""
        q = (select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
             .where(Blob.phash.is_not(None), Blob.kind == MediaKind.IMAGE))
        if case_ids is not None:
            q = q.where(MediaItem.case_id.in_(case_ids))
        if shas is not None:
            q = q.where(MediaItem.blob_sha256.in_(shas))
        if phashes is not None:
            q = q.where(Blob.phash.in_(phashes))
        return [_item(m, b) for m, b in self._s.execute(q.order_by(MediaItem.id))]

    def add_alert(self, item: DupItem, other: DupItem, kind: str, at: datetime) -> bool:
        """An alert on ``item``'s case about ``other``; False when it was raised before."""
        exists = self._s.scalar(select(Alert.id).where(Alert.media_item_id == item.id,
                                                       Alert.other_media_item_id == other.id))
        if exists is not None:
            return False
        self._s.add(Alert(case_id=item.case_id, other_case_id=other.case_id, media_item_id=item.id,
                          other_media_item_id=other.id, kind=str(kind), created_at=at))
        self._s.flush()
        return True

    # reading ------------------------------------------------------------------------------------------------
    def groups(self, case_id: int | None = None) -> list[DupGroupInfo]:
        """The groups as stored: each keeper with the items that point at it."""
        q = select(MediaItem, Case.ref).join(Case, MediaItem.case_id == Case.id).where(
            MediaItem.blob_sha256.is_not(None))
        if case_id is not None:
            q = q.where(MediaItem.case_id == case_id)
        rows = self._s.execute(q.order_by(MediaItem.id)).all()
        by_id = {m.id: (m, ref) for m, ref in rows}
        grouped: dict[tuple[int, str], list[MediaItem]] = {}
        for m, _ref in rows:
            if m.duplicate_of_id and m.duplicate_of_id in by_id:
                grouped.setdefault((m.duplicate_of_id, m.duplicate_kind or DupKind.SAME), []).append(m)
        out = []
        for (keeper_id, kind), members in grouped.items():
            keeper, ref = by_id[keeper_id]
            refs = sorted({ref, *(by_id[m.id][1] for m in members)})
            out.append(DupGroupInfo(str(kind), keeper.blob_sha256 or "",
                                    [keeper.blob_sha256 or ""] + [m.blob_sha256 or "" for m in members], refs,
                                    keeper.id, [keeper.id] + [m.id for m in members]))
        return out

    def alerts(self, case_id: int | None = None) -> list[AlertInfo]:
        """Alerts not dismissed, oldest first."""
        c2, m1, m2 = aliased(Case), aliased(MediaItem), aliased(MediaItem)
        q = (select(Alert, Case.ref, c2.ref, Customer.name, m1, m2)
             .join(Case, Alert.case_id == Case.id).join(c2, Alert.other_case_id == c2.id)
             .outerjoin(Customer, c2.customer_id == Customer.id)
             .join(m1, Alert.media_item_id == m1.id).join(m2, Alert.other_media_item_id == m2.id)
             .where(Alert.dismissed.is_(False)).order_by(Alert.id))
        if case_id is not None:
            q = q.where(Alert.case_id == case_id)
        return [AlertInfo(a.id, r1, r2, cust, i1.id, i2.id, i1.name, i2.name, i1.blob_sha256 or "",
                          i2.blob_sha256 or "") for a, r1, r2, cust, i1, i2 in self._s.execute(q)]


def _item(m: MediaItem, b: Blob) -> DupItem:
    return DupItem(
        id=m.id, case_id=m.case_id, sha256=b.sha256, kind=b.kind, phash=int(b.phash, 16) if b.phash else None,
        fingerprint=b.fingerprint, width=b.width, height=b.height, size=b.size, has_exif=bool(b.exif_taken),
        received_at=m.received_at, duration_s=b.duration_s,
    )
