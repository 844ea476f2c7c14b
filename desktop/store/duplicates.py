"""Duplicate groups as stored on the media items, the handler's rulings on pairs, and cross-case alerts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, aliased

from desktop.core.errors import NotFound
from desktop.core.model import DupKind, DupRuling, MediaKind
from desktop.core.records import AlertInfo, DupGroupInfo, DupItem, DupMember
from desktop.store import tables
from desktop.store.hashcache import HashCache
from desktop.store.schema import Alert, Blob, Case, Customer, DupDecision, MediaItem

if TYPE_CHECKING:
    import numpy as np

# duplicate of (item id), duplicate kind, set aside, transform against the keeper, changed region (percent)
Outcome = tuple[int | None, str | None, bool, dict | None, tuple[float, float, float, float] | None]
_NONE: Outcome = (None, None, False, None, None)
_MEDIA = (MediaKind.IMAGE, MediaKind.VIDEO)
# the aliases of the alert query, made once: a statement built from the same aliases is compiled once (cached)
_C1, _C2 = aliased(Case, name="alert_case"), aliased(Case, name="other_case")
_M1, _M2 = aliased(MediaItem, name="alert_item"), aliased(MediaItem, name="other_item")
_B2 = aliased(Blob, name="other_blob")
Proof = tables.dup_proof.c
_CHUNK = 500  # values per IN list or insert


class DuplicateStore:
    def __init__(self, session: Session, hash_cache: HashCache | None = None) -> None:
        self._s = session
        self._hash_cache = hash_cache or HashCache()
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
            dup_of, kind, aside, transform, region = outcomes.get(mid, _NONE)
            m.duplicate_of_id, m.duplicate_kind, m.set_aside = dup_of, kind, aside
            m.duplicate_transform = transform or None
            m.duplicate_region = _region_text(region)

    # kept proofs ----------------------------------------------------------------------------------------------
    def kept_proofs(self, shas: list[str]) -> dict[tuple[str, str], tuple[str, str]]:
        """(keeper's sha, copy's sha) -> (key, verdict text) of the kept proofs whose keeper is one of ``shas``
        (the caller uses a row only when its key is what the pair digests now)."""
        out: dict[tuple[str, str], tuple[str, str]] = {}
        shas = sorted(set(shas))
        for i in range(0, len(shas), _CHUNK):
            q = select(Proof.sha_a, Proof.sha_b, Proof.key, Proof.verdict).where(Proof.sha_a.in_(shas[i:i + _CHUNK]))
            out.update({(a, b): (k, v) for a, b, k, v in self._s.execute(q)})
        return out

    def keep_proofs(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Keep ``(keeper's sha, copy's sha, key, verdict text)`` rows, replacing a pair's older row (in pair order:
        two desks keeping at once wait for each other, never deadlock)."""
        if not rows:
            return
        dialect = self._s.get_bind().dialect.name
        rows = sorted(set(rows))
        for i in range(0, len(rows), _CHUNK):
            ins = tables.insert_for(dialect, tables.dup_proof)
            self._s.execute(ins.on_conflict_do_update(index_elements=[Proof.sha_a, Proof.sha_b],
                                                      set_={"key": ins.excluded.key, "verdict": ins.excluded.verdict}),
                            [{"sha_a": a, "sha_b": b, "key": k, "verdict": v} for a, b, k, v in rows[i:i + _CHUNK]])

    def forget_proofs(self, shas: list[str]) -> int:
        """Delete the kept proofs of these originals (either side): an erasure leaves none behind."""
        gone = 0
        for i in range(0, len(shas), _CHUNK):
            part = shas[i:i + _CHUNK]
            gone += self._s.execute(delete(tables.dup_proof).where(or_(Proof.sha_a.in_(part),
                                                                       Proof.sha_b.in_(part)))).rowcount or 0
        return gone

    # rulings ------------------------------------------------------------------------------------------------
    def keeper_rulings(self, members: list[str]) -> list[int]:
        """Ids of the keeper rulings ``rule_keeper`` would drop for these members."""
        return list(self._s.scalars(select(DupDecision.id).where(DupDecision.decision == DupRuling.KEEPER,
                                                                 DupDecision.sha_a.in_(members))))

    def drop_rulings(self, ids: list[int]) -> None:
        if ids:
            self._s.execute(delete(DupDecision).where(DupDecision.id.in_(ids)))

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
    def picture_hashes(self) -> tuple[list[str], np.ndarray]:
        """The perceptual hash of every picture and video original in the library, as hex (16 digits) and as
        ``uint64``, from the database's in-memory cache (``desktop.store.hashcache``): what a library-wide
        near-neighbour scan needs."""
        return self._hash_cache.hashes(self._s)

    def hashed_pictures(self, *, case_ids: list[int] | None = None, shas: list[str] | None = None,
                        phashes: list[str] | None = None) -> list[DupItem]:
        """Picture and video items with an original, in these cases and/or of these originals or perceptual
        hashes (hex; only items with one)."""
        q = select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
        if shas is None:
            q = q.where(Blob.kind.in_(_MEDIA))
        else:  # kind checked below: in SQL it makes SQLite scan the originals by kind instead of looking them up
            q = q.where(MediaItem.blob_sha256.in_(shas))
        if case_ids is not None:
            q = q.where(MediaItem.case_id.in_(case_ids))
        if phashes is not None:
            q = q.where(Blob.phash.in_(phashes))
        # sorted here, not in SQL: an ORDER BY id lets SQLite walk every item in id order instead of an index
        return sorted((_item(m, b) for m, b in self._s.execute(q) if b.kind in _MEDIA), key=lambda i: i.id)

    def add_alert(self, item: DupItem, other: DupItem, kind: str, at: datetime) -> bool:
        """An alert on ``item``'s case about ``other``; False when it was raised before (it may be hidden while
        both items are in one case, and shows again when they are apart)."""
        exists = self._s.scalar(select(Alert.id).where(Alert.media_item_id == item.id,
                                                       Alert.other_media_item_id == other.id))
        if exists is not None:
            return False
        self._s.add(Alert(case_id=item.case_id, other_case_id=other.case_id, media_item_id=item.id,
                          other_media_item_id=other.id, kind=str(kind), created_at=at))
        self._s.flush()
        return True

    def sync_alert_cases(self, case_ids: list[int]) -> None:
        """Bring the alerts' case columns in line with their items' cases, for the alerts about items of these
        cases (after a move, merge, split or undo). Reading never relies on them (``alerts``)."""
        if not case_ids:
            return
        items = select(MediaItem.id).where(MediaItem.case_id.in_(case_ids)).scalar_subquery()
        of = select(MediaItem.case_id).where(MediaItem.id == Alert.media_item_id).scalar_subquery()
        other = select(MediaItem.case_id).where(MediaItem.id == Alert.other_media_item_id).scalar_subquery()
        self._s.execute(update(Alert).where(or_(Alert.media_item_id.in_(items), Alert.other_media_item_id.in_(items)))
                        .values(case_id=of, other_case_id=other).execution_options(synchronize_session=False))

    # reading ------------------------------------------------------------------------------------------------
    def groups(self, case_id: int | None = None) -> list[DupGroupInfo]:
        """The groups as stored: each keeper with the items that point at it, one group per kind."""
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
            items = [DupMember(keeper.id, keeper.blob_sha256 or "", keeper.name)]
            items += [DupMember(m.id, m.blob_sha256 or "", m.name, m.duplicate_kind or str(kind), bool(m.set_aside),
                                m.duplicate_transform or None, _region(m.duplicate_region)) for m in members]
            out.append(DupGroupInfo(str(kind), keeper.blob_sha256 or "",
                                    [keeper.blob_sha256 or ""] + [m.blob_sha256 or "" for m in members], refs,
                                    keeper.id, [keeper.id] + [m.id for m in members], items))
        return out

    def group_of(self, media_id: int) -> tuple[int, int, list[int]]:
        """(case id, keeper id, ids of every item of its group, keeper first) of an item in a group (a keeper's
        group holds every kind: same, edited, similar); NotFound when it is in none."""
        item = self._s.get(MediaItem, media_id)
        if item is None:
            raise NotFound(f"no media item {media_id}")
        keeper_id = item.duplicate_of_id or item.id
        members = list(self._s.scalars(select(MediaItem.id).where(MediaItem.case_id == item.case_id,
                                                                  MediaItem.duplicate_of_id == keeper_id)
                                       .order_by(MediaItem.id)))
        if not members:
            raise NotFound(f"{item.name} is in no duplicate group")
        return item.case_id, keeper_id, [keeper_id, *members]

    def alerts(self, case_id: int | None = None) -> list[AlertInfo]:
        """Alerts not dismissed, oldest first, by the items' current cases: an alert whose two items are in one
        case now (after a move or merge) is not shown."""
        c1, c2, m1, m2, b2 = _C1, _C2, _M1, _M2, _B2
        q = (select(Alert.id, Alert.kind, c1.ref, c2.ref, Customer.name, m1.id, m2.id, m1.name, m2.name,
                    m1.blob_sha256, m2.blob_sha256, b2.kind)
             .join(m1, Alert.media_item_id == m1.id).join(m2, Alert.other_media_item_id == m2.id)
             .join(c1, m1.case_id == c1.id).join(c2, m2.case_id == c2.id)
             .outerjoin(Customer, c2.customer_id == Customer.id)
             .outerjoin(b2, m2.blob_sha256 == b2.sha256)
             .where(Alert.dismissed.is_(False), m1.case_id != m2.case_id).order_by(Alert.id))
        if case_id is not None:
            q = q.where(m1.case_id == case_id)
        return [AlertInfo(aid, r1, r2, cust, i1, i2, n1, n2, s1 or "", s2 or "", str(kind),
                          str(mk or MediaKind.IMAGE))
                for aid, kind, r1, r2, cust, i1, i2, n1, n2, s1, s2, mk in self._s.execute(q)]


def _region_text(region: tuple[float, float, float, float] | None) -> str | None:
    if not region:
        return None
    return ",".join(f"{float(v):.2f}" for v in region)


def _region(text: str | None) -> tuple[float, float, float, float] | None:
    try:
        left, top, width, height = (float(v) for v in (text or "").split(","))
    except ValueError:
        return None
    return left, top, width, height


def _item(m: MediaItem, b: Blob) -> DupItem:
    return DupItem(
        id=m.id, case_id=m.case_id, sha256=b.sha256, kind=b.kind, phash=int(b.phash, 16) if b.phash else None,
        fingerprint=b.fingerprint, width=b.width, height=b.height, size=b.size, has_exif=bool(b.exif_taken),
        received_at=m.received_at, duration_s=b.duration_s, chosen=bool(m.dup_keeper), restored=bool(m.dup_restored),
        taken=b.exif_taken,
    )
