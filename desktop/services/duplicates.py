"""Duplicate groups per case, keeper choices, restores, and "same picture in another customer's case" alerts.

The engine (``desktop.core.dedup``) decides; this module feeds it the case's items, candidate pairs found with
numpy (``image_candidates``) and the handler's past decisions, and writes the outcome on the media items.
Set-aside items are never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dc_replace

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.core.dedup import DEFAULT, MIN_SENSITIVITY, DupCandidate, Thresholds, compare, group_duplicates
from desktop.core.errors import NotFound, UsageError
from desktop.media.fingerprint import FORMAT_VERSION, FRAME_BYTES, GRID, THUMB, THUMB_SCALE
from desktop.media.hashindex import HashIndex
from desktop.services.cases import case_id_for
from desktop.services.library import Library
from desktop.services.writer import audit, now_local
from desktop.settings import Preferences
from desktop.store.schema import Alert, Blob, Case, DupDecision, MediaItem

NOT_DUP = "not-duplicate"
KEEPER = "keeper"


@dataclass
class DupGroupInfo:
    kind: str
    keeper: str  # sha256
    members: list[str]  # sha256, keeper first
    cases: list[str]
    keeper_id: int
    member_ids: list[int]

    def to_json(self) -> dict:
        return {"kind": self.kind, "keeper": self.keeper, "members": self.members, "cases": self.cases}


@dataclass
class AlertInfo:
    id: int
    case_ref: str
    other_case_ref: str
    other_customer: str | None
    media_id: int
    other_media_id: int
    name: str
    other_name: str
    sha256: str
    other_sha256: str


def thresholds(prefs: Preferences) -> Thresholds:
    t = DEFAULT
    if prefs.dup_same_shift is not None:
        t = dc_replace(t, same_shift=float(prefs.dup_same_shift))
    if prefs.dup_similar_corr is not None:
        t = dc_replace(t, similar_corr=float(prefs.dup_similar_corr))
    return t


def _candidate(item: MediaItem, blob: Blob) -> DupCandidate:
    return DupCandidate(
        key=str(item.id), sha256=blob.sha256, kind=blob.kind,
        phash=int(blob.phash, 16) if blob.phash else None, fingerprint=blob.fingerprint,
        width=blob.width, height=blob.height, size=blob.size, has_exif=bool(blob.exif_taken),
        received_at=item.received_at.replace(tzinfo=None) if item.received_at else None,
        duration_s=blob.duration_s,
    )


def refresh(s: Session, case_ids: list[int], prefs: Preferences) -> None:
    """Recompute the groups of these cases, then look for the same pictures in other customers' cases."""
    s.flush()
    t = thresholds(prefs)
    for case_id in case_ids:
        _refresh_case(s, case_id, t)
    _raise_alerts(s, case_ids, t)


def _refresh_case(s: Session, case_id: int, t: Thresholds) -> None:
    rows = s.execute(select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
                     .where(MediaItem.case_id == case_id).order_by(MediaItem.id)).all()
    items = {str(m.id): m for m, _ in rows}
    cands = [_candidate(m, b) for m, b in rows if b.kind in ("image", "video")]
    by_sha: dict[str, list[str]] = {}
    for c in cands:
        by_sha.setdefault(c.sha256, []).append(c.key)
    shas = list(by_sha)
    decisions = s.scalars(select(DupDecision).where(DupDecision.sha_a.in_(shas), DupDecision.sha_b.in_(shas))).all()
    blocked = {frozenset((a, b)) for d in decisions if d.decision == NOT_DUP
               for a in by_sha[d.sha_a] for b in by_sha[d.sha_b]}
    overrides = {a: by_sha[d.sha_b][0] for d in decisions if d.decision == KEEPER for a in by_sha[d.sha_a]}
    for m in items.values():
        m.duplicate_of_id, m.duplicate_kind, m.set_aside = None, None, False
    near = image_candidates(cands, t)
    for g in group_duplicates(cands, not_duplicates=blocked, keeper_overrides=overrides, thresholds=t,
                              candidates=lambda c: near.get(c.key, ())):
        keeper = items[g.keeper]
        for key in g.members[1:]:
            m = items[key]
            m.duplicate_of_id, m.duplicate_kind = keeper.id, g.kind
            m.set_aside = g.kind in ("exact", "same")
    s.flush()
    # an exact copy of an item that is itself set aside points at the final keeper
    for m in items.values():
        seen = set()
        while m.duplicate_of_id and items.get(str(m.duplicate_of_id)) is not None:
            target = items[str(m.duplicate_of_id)]
            if not target.duplicate_of_id or target.id in seen or target.duplicate_kind == "similar":
                break
            seen.add(target.id)
            m.duplicate_of_id = target.duplicate_of_id
        final = items.get(str(m.duplicate_of_id)) if m.duplicate_of_id else None
        if final is not None and m.duplicate_kind == "exact" and final.blob_sha256 != m.blob_sha256:
            m.duplicate_kind = "same"  # an exact copy of a near copy: not the same bytes as its keeper


def image_candidates(cands: list[DupCandidate], t: Thresholds) -> dict[str, list[str]]:
    """Candidate pairs for ``group_duplicates``: for pictures with a one-frame fingerprint, ``{key: [keys]}`` with
    every pair the engine might call "same" or "similar" (each pair once).

    The engine's own conditions, evaluated in numpy with a margin, so the result is a superset and the engine still
    decides: grid colour distance within the colour threshold, then "same" (thumbnail distance over sensitivity) or
    "similar" (grey correlation over shifts, from integer sums that float32 and float64 hold exactly). About 1 CPU s
    for a case of 5,000 pictures (bench/dedup/SCALE.md), instead of comparing 12.5 million pairs in Python.
    """
    head = 2 + FRAME_BYTES - THUMB * THUMB - GRID * GRID * 3  # header, phash, sensitivity
    pics = [c for c in cands if c.kind == "image" and c.fingerprint and len(c.fingerprint) == 2 + FRAME_BYTES
            and c.fingerprint[0] == FORMAT_VERSION and c.fingerprint[1] == 1]
    n = len(pics)
    if n < 2:
        return {}
    raw = np.frombuffer(b"".join(c.fingerprint or b"" for c in pics), np.uint8).reshape(n, -1)
    sens = raw[:, head - 4 : head].copy().view("<f4").ravel().astype(np.float64)
    thumbs = raw[:, head : head + THUMB * THUMB].view(np.int8).astype(np.float32)
    grid = raw[:, head + THUMB * THUMB :].astype(np.int16)
    cells = grid.shape[1]
    limit = cells * (t.same_colour if t.similar_shift < 0 else max(t.same_colour, t.similar_colour)) + 1
    # mean colours within the limit (the grid distance bounds them): slabs of pictures sorted by mean luma
    order = np.argsort(grid[:, 0::3].sum(1, dtype=np.int32), kind="stable")
    y, cb, cr = (grid[order, c::3].sum(1, dtype=np.int32) for c in range(3))
    firsts, seconds = [], []
    for r0 in range(0, n, 256):
        r1 = min(n, r0 + 256)
        hi = int(np.searchsorted(y, y[r1 - 1] + limit, "right"))
        d = np.abs(y[r0:r1, None] - y[None, r0:hi])
        d += np.abs(cb[r0:r1, None] - cb[None, r0:hi])
        d += np.abs(cr[r0:r1, None] - cr[None, r0:hi])
        i, j = np.nonzero(np.triu(d <= limit, 1))
        firsts.append(order[i + r0])
        seconds.append(order[j + r0])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    colour = _chunked(lambda lo, hi: np.abs(grid[a[lo:hi]] - grid[b[lo:hi]]).sum(1, dtype=np.int32), len(a))
    keep = colour <= limit
    a, b, colour = a[keep], b[keep], colour[keep]
    hit = np.zeros(len(a), bool)
    near = np.flatnonzero(colour <= cells * t.same_colour + 1)
    ia, ib = a[near], b[near]
    sq = _chunked(lambda lo, hi: ((thumbs[ia[lo:hi]] - thumbs[ib[lo:hi]]) ** 2).sum(1, dtype=np.float64), len(near))
    floor = np.maximum(np.maximum(sens[ia], sens[ib]), MIN_SENSITIVITY)
    hit[near] = np.sqrt(sq / THUMB**2) / THUMB_SCALE <= t.same_shift * floor * (1 + 1e-9) + 1e-12
    if t.similar_shift >= 0:
        rest = np.flatnonzero(~hit & (colour <= cells * t.similar_colour + 1))
        hit[rest] = _max_shifted_corr(thumbs, a[rest], b[rest], t.similar_shift) >= t.similar_corr - 1e-9
    out: dict[str, list[str]] = {}
    for i, j in zip(a[hit].tolist(), b[hit].tolist(), strict=True):
        out.setdefault(pics[i].key, []).append(pics[j].key)
    return out


def _chunked(fn, total: int, step: int = 32768) -> np.ndarray:
    """``fn(lo, hi)`` over ``range(total)`` in steps, concatenated (bounded temporaries)."""
    parts = [fn(lo, min(total, lo + step)) for lo in range(0, total, step)]
    return np.concatenate(parts) if parts else np.zeros(0)


def _max_shifted_corr(thumbs: np.ndarray, a: np.ndarray, b: np.ndarray, max_shift: int) -> np.ndarray:
    """Best correlation of the overlaps of thumbnails ``a[k]`` and ``b[k]`` over shifts up to ``max_shift``, as
    the engine computes it (integer sums, then the same floating-point steps)."""
    n = THUMB
    shifts = [(dy, dx) for dy in range(-max_shift, max_shift + 1) for dx in range(-max_shift, max_shift + 1)]
    y0, y1, x0, x1 = np.array([(max(0, dy), n + min(0, dy), max(0, dx), n + min(0, dx)) for dy, dx in shifts]).T
    m = ((y1 - y0) * (x1 - x0)).astype(np.float64)
    gather = np.full((len(shifts), n * n), n * n)  # a's pixel facing each pixel of b (n * n: none, reads 0)
    for k, (dy, dx) in enumerate(shifts):
        yb, xb = np.mgrid[y0[k] - dy : y1[k] - dy, x0[k] - dx : x1[k] - dx]
        gather[k, (yb * n + xb).ravel()] = ((yb + dy) * n + xb + dx).ravel()
    cum = np.zeros((len(thumbs), 2, n + 1, n + 1))
    grey = thumbs.astype(np.float64).reshape(-1, n, n)
    cum[:, 0, 1:, 1:] = grey.cumsum(1).cumsum(2)
    cum[:, 1, 1:, 1:] = (grey**2).cumsum(1).cumsum(2)
    stats = cum[:, :, y1, x1] - cum[:, :, y0, x1] - cum[:, :, y1, x0] + cum[:, :, y0, x0]  # sums over a's overlaps
    mean_a = stats[:, 0] / m
    scaled_a, var_a = m * mean_a, stats[:, 1] - m * mean_a * mean_a
    mean_b, var_b = mean_a[:, ::-1], var_a[:, ::-1]  # b's overlap is a's for the opposite shift
    padded = np.concatenate([thumbs, np.zeros((len(thumbs), 1), np.float32)], 1)
    order = np.argsort(a, kind="stable")
    a, b = a[order], b[order]
    starts = np.flatnonzero(np.diff(a, prepend=-1)).tolist() + [len(a)]
    best = np.empty(len(a))
    for g in range(0, len(starts) - 1, 64):  # 64 pictures at a time against their partners
        firsts = starts[g : g + 65]
        faced = padded[a[firsts[:-1]]][:, gather]  # (pictures, shifts, pixels of b)
        sxy = np.empty((firsts[-1] - firsts[0], len(shifts)), np.float32)
        for f, (lo, hi) in enumerate(zip(firsts[:-1], firsts[1:], strict=True)):
            sxy[lo - firsts[0] : hi - firsts[0]] = thumbs[b[lo:hi]] @ faced[f].T  # integer sums below 2**24: exact
        pa, pb = a[firsts[0] : firsts[-1]], b[firsts[0] : firsts[-1]]
        sxx, syy = var_a[pa], var_b[pb]
        ok = (sxx > 0) & (syy > 0)
        corr = (sxy - scaled_a[pa] * mean_b[pb]) / np.sqrt(np.where(ok, sxx * syy, 1.0))
        best[firsts[0] : firsts[-1]] = np.where(ok, corr, -1.0).max(1, initial=-1.0)
    out = np.empty(len(a))
    out[order] = best
    return out


def _raise_alerts(s: Session, case_ids: list[int], t: Thresholds) -> None:
    """The same picture in another customer's case: an alert on both cases (possible fraud)."""
    if not case_ids:
        return
    owners = dict(s.execute(select(Case.id, Case.customer_id)).all())
    index_rows = s.execute(select(Blob.sha256, Blob.phash).where(Blob.phash.is_not(None),
                                                                 Blob.kind == "image")).all()
    index = HashIndex((sha, int(ph, 16)) for sha, ph in index_rows)
    new = s.execute(select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
                    .where(MediaItem.case_id.in_(case_ids), Blob.phash.is_not(None), Blob.kind == "image")).all()
    blobs: dict[str, Blob] = {}
    for item, blob in new:
        near = [sha for sha, _d in index.query(int(blob.phash, 16), t.index_radius)]
        if not near:
            continue
        others = s.execute(select(MediaItem, Blob).join(Blob, MediaItem.blob_sha256 == Blob.sha256)
                           .where(MediaItem.blob_sha256.in_(near), MediaItem.case_id != item.case_id)).all()
        for other, oblob in others:
            if not _different_customer(owners.get(item.case_id), owners.get(other.case_id)):
                continue
            blobs.setdefault(oblob.sha256, oblob)
            verdict = compare(_candidate(item, blob), _candidate(other, oblob), t)
            if verdict not in ("exact", "same"):
                continue
            for a, b in ((item, other), (other, item)):
                exists = s.scalar(select(Alert.id).where(Alert.media_item_id == a.id,
                                                         Alert.other_media_item_id == b.id))
                if exists is None:
                    s.add(Alert(case_id=a.case_id, other_case_id=b.case_id, media_item_id=a.id,
                                other_media_item_id=b.id, kind=verdict, created_at=now_local()))
                    s.flush()
                    audit(s, "alert-raised", a.case_id, None, other_case=b.case_id, media=a.id, other_media=b.id)


def _different_customer(a: int | None, b: int | None) -> bool:
    """Known and different customers. Two cases without a customer prove nothing (often one folder, split)."""
    return a != b


def list_groups(lib: Library, case_ref: str | None = None) -> list[DupGroupInfo]:
    with lib.db.session() as s:
        q = select(MediaItem, Case.ref).join(Case, MediaItem.case_id == Case.id).where(
            MediaItem.blob_sha256.is_not(None))
        if case_ref:
            q = q.where(MediaItem.case_id == case_id_for(s, case_ref))
        rows = s.execute(q.order_by(MediaItem.id)).all()
        by_id = {m.id: (m, ref) for m, ref in rows}
        groups: dict[tuple[int, str], list[MediaItem]] = {}
        for m, _ref in rows:
            if m.duplicate_of_id and m.duplicate_of_id in by_id:
                groups.setdefault((m.duplicate_of_id, m.duplicate_kind or "same"), []).append(m)
        out = []
        for (keeper_id, kind), members in groups.items():
            keeper, ref = by_id[keeper_id]
            refs = sorted({ref, *(by_id[m.id][1] for m in members)})
            out.append(DupGroupInfo(kind, keeper.blob_sha256 or "", [keeper.blob_sha256 or ""] +
                                    [m.blob_sha256 or "" for m in members], refs, keeper.id,
                                    [keeper.id] + [m.id for m in members]))
        return out


def set_keeper(lib: Library, sha256: str, case_ref: str | None = None, actor: str | None = None) -> int:
    """Make the item with this SHA-256 the keeper of its group(s). Returns how many groups changed."""
    groups = [g for g in list_groups(lib, case_ref) if sha256 in g.members and g.keeper != sha256]
    if not groups and not any(sha256 in g.members for g in list_groups(lib, case_ref)):
        raise NotFound(f"{sha256[:12]} is in no duplicate group")
    with lib.db.session() as s:
        for g in groups:
            others = [m for m in g.members if m != sha256]
            s.execute(delete(DupDecision).where(DupDecision.decision == KEEPER, DupDecision.sha_a.in_(g.members)))
            for m in others:
                s.add(DupDecision(sha_a=m, sha_b=sha256, decision=KEEPER, created_at=now_local()))
        case_ids = list(s.scalars(select(MediaItem.case_id).where(MediaItem.blob_sha256 == sha256)).all())
        for cid in set(case_ids):
            audit(s, "keeper-chosen", cid, actor, sha256=sha256)
        refresh(s, sorted(set(case_ids)), lib.prefs)
    return len(groups)


def restore(lib: Library, media_id: int, actor: str | None = None) -> None:
    """Bring a set-aside item back: "not a duplicate" of its keeper, respected by every later run."""
    with lib.db.session() as s:
        item = s.get(MediaItem, media_id)
        if item is None:
            raise NotFound(f"no media item {media_id}")
        keeper = s.get(MediaItem, item.duplicate_of_id) if item.duplicate_of_id else None
        if keeper is None or keeper.blob_sha256 is None or item.blob_sha256 is None:
            return
        if keeper.blob_sha256 == item.blob_sha256:
            raise UsageError("this is a byte-for-byte copy of the kept item; it stays set aside")
        a, b = sorted((item.blob_sha256, keeper.blob_sha256))
        if s.scalar(select(DupDecision.id).where(DupDecision.sha_a == a, DupDecision.sha_b == b,
                                                 DupDecision.decision == NOT_DUP)) is None:
            s.add(DupDecision(sha_a=a, sha_b=b, decision=NOT_DUP, created_at=now_local()))
        audit(s, "duplicate-restored", item.case_id, actor, media=media_id, keeper=keeper.id)
        refresh(s, [item.case_id], lib.prefs)


def list_alerts(lib: Library, case_ref: str | None = None) -> list[AlertInfo]:
    from sqlalchemy.orm import aliased

    from desktop.store.schema import Customer

    with lib.db.session() as s:
        C2, M1, M2 = aliased(Case), aliased(MediaItem), aliased(MediaItem)
        q = (select(Alert, Case.ref, C2.ref, Customer.name, M1, M2)
             .join(Case, Alert.case_id == Case.id).join(C2, Alert.other_case_id == C2.id)
             .outerjoin(Customer, C2.customer_id == Customer.id)
             .join(M1, Alert.media_item_id == M1.id).join(M2, Alert.other_media_item_id == M2.id)
             .where(Alert.dismissed.is_(False)).order_by(Alert.id))
        if case_ref:
            q = q.where(Alert.case_id == case_id_for(s, case_ref))
        return [AlertInfo(a.id, r1, r2, cust, m1.id, m2.id, m1.name, m2.name, m1.blob_sha256 or "",
                          m2.blob_sha256 or "") for a, r1, r2, cust, m1, m2 in s.execute(q)]
