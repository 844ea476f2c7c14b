"""Duplicate groups per case, keeper choices, restores, and "same picture in another customer's case" alerts.

The engine (``desktop.core.dedup``) decides; this module feeds it the case's items, candidate pairs found with
numpy (``image_candidates``) and the handler's past rulings, and stores the outcome on the media items through
``desktop.store.duplicates``. Set-aside items are never deleted.
"""

from __future__ import annotations

from dataclasses import replace as dc_replace

import numpy as np

from desktop.core.clock import now_local
from desktop.core.dedup import DEFAULT, MIN_SENSITIVITY, DupCandidate, Thresholds, compare
from desktop.core.errors import NotFound, UsageError
from desktop.core.model import SET_ASIDE_KINDS, AuditAction, DupKind, DupRuling
from desktop.core.records import AlertInfo, DupGroupInfo, DupItem
from desktop.core.team import TeamSettings
from desktop.media.fingerprint import FORMAT_VERSION, FRAME_BYTES, GRID, THUMB, THUMB_SCALE
from desktop.media.hashindex import popcount64
from desktop.media.register import group_pictures
from desktop.services import journal
from desktop.services.library import Library
from desktop.store.duplicates import Outcome
from desktop.store.unit import UnitOfWork

__all__ = ["AlertInfo", "DupGroupInfo", "image_candidates", "list_alerts", "list_groups", "refresh", "restore",
           "set_keeper", "thresholds"]


def thresholds(team: TeamSettings) -> Thresholds:
    t = DEFAULT
    if team.dup_same_shift is not None:
        t = dc_replace(t, same_shift=float(team.dup_same_shift))
    if team.dup_similar_corr is not None:
        t = dc_replace(t, similar_corr=float(team.dup_similar_corr))
    return t


def _candidate(item: DupItem) -> DupCandidate:
    return DupCandidate(
        key=str(item.id), sha256=item.sha256, kind=item.kind, phash=item.phash, fingerprint=item.fingerprint,
        width=item.width, height=item.height, size=item.size, has_exif=item.has_exif,
        received_at=item.received_at.replace(tzinfo=None) if item.received_at else None,
        duration_s=item.duration_s,
    )


def refresh(uow: UnitOfWork, case_ids: list[int], team: TeamSettings) -> None:
    """Recompute the groups of these cases, then look for the same pictures in other customers' cases."""
    uow.flush()
    t = thresholds(team)
    for case_id in case_ids:
        _refresh_case(uow, case_id, t)
    _raise_alerts(uow, case_ids, t)


def _refresh_case(uow: UnitOfWork, case_id: int, t: Thresholds) -> None:
    found = uow.duplicates.case_items(case_id)
    cands = [_candidate(m) for m in found]
    by_sha: dict[str, list[str]] = {}
    for c in cands:
        by_sha.setdefault(c.sha256, []).append(c.key)
    rulings = uow.duplicates.rulings(list(by_sha))
    blocked = {frozenset((a, b)) for sha_a, sha_b, r in rulings if r == DupRuling.NOT_DUPLICATE
               for a in by_sha[sha_a] for b in by_sha[sha_b]}
    overrides = {a: by_sha[sha_b][0] for sha_a, sha_b, r in rulings if r == DupRuling.KEEPER for a in by_sha[sha_a]}
    near = image_candidates(cands, t)
    outcome: dict[int, list] = {}  # item id -> [duplicate of, kind, set aside]
    for g in group_pictures(cands, not_duplicates=blocked, keeper_overrides=overrides, thresholds=t,
                            candidates=near):  # format-2 pictures proven by registration (media.register)
        for key in g.members[1:]:
            kind = g.kinds.get(key, g.kind)
            outcome[int(key)] = [int(g.keeper), kind, kind in SET_ASIDE_KINDS]
    sha = {m.id: m.sha256 for m in found}
    # an exact copy of an item that is itself set aside points at the final keeper
    for mid in sorted(outcome):
        o, seen = outcome[mid], set()
        while o[0] in outcome:
            target = outcome[o[0]]
            if o[0] in seen or target[1] in (DupKind.SIMILAR, DupKind.EDITED):
                break
            seen.add(o[0])
            o[0] = target[0]
        if o[1] == DupKind.EXACT and sha[o[0]] != sha[mid]:
            o[1] = DupKind.SAME.value  # an exact copy of a near copy: not the same bytes as its keeper
    uow.duplicates.write_outcomes(case_id, {mid: _outcome(o) for mid, o in outcome.items()})


def _outcome(o: list) -> Outcome:
    return o[0], str(o[1]), bool(o[2])


def image_candidates(cands: list[DupCandidate], t: Thresholds) -> dict[str, list[str]]:
    """Candidate pairs for ``group_duplicates``: for pictures with a one-frame fingerprint, ``{key: [keys]}`` with
    every pair the engine might call "same" or "similar" (each pair once).

    The engine's own conditions, evaluated in numpy with a margin, so the result is a superset and the engine still
    decides: grid colour distance within the colour threshold, then "same" (thumbnail distance over sensitivity) or
    "similar" (grey correlation over shifts, from integer sums that float32 and float64 hold exactly). About 1 CPU s
    for a case of 5,000 pictures (bench/dedup/SCALE.md), instead of comparing 12.5 million pairs in Python.
    """
    head = 2 + FRAME_BYTES - THUMB * THUMB - GRID * GRID * 3  # header, phash, sensitivity
    pics = [c for c in cands if c.kind == "image" and c.fingerprint and c.fingerprint[1:2] == b"\x01"
            and ((c.fingerprint[0] == 1 and len(c.fingerprint) == 2 + FRAME_BYTES)  # format 2: a proof block follows
                 or (c.fingerprint[0] == FORMAT_VERSION and len(c.fingerprint) > 2 + FRAME_BYTES))]
    n = len(pics)
    if n < 2:
        return {}
    raw = np.frombuffer(b"".join((c.fingerprint or b"")[: 2 + FRAME_BYTES] for c in pics), np.uint8).reshape(n, -1)
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


def _raise_alerts(uow: UnitOfWork, case_ids: list[int], t: Thresholds) -> None:
    """The same picture in another customer's case: an alert on both cases (possible fraud).

    The library's perceptual hashes are read as one array (not a row object each) and scanned with numpy; the
    near pictures of all the cases' items are then read in one query."""
    if not case_ids:
        return
    items = [i for i in uow.duplicates.hashed_pictures(case_ids=case_ids) if i.phash is not None]
    if not items:
        return
    hexes = uow.duplicates.picture_phashes()
    library = np.frombuffer(bytes.fromhex("".join(hexes)), dtype=">u8").astype(np.uint64)
    near_of: dict[int, set[str]] = {}
    for item in items:
        hits = np.flatnonzero(popcount64(library ^ np.uint64(item.phash)) <= t.index_radius)
        near_of[item.id] = {hexes[i] for i in hits.tolist()}
    wanted = sorted(set().union(*near_of.values()))
    by_hash: dict[str, list[DupItem]] = {}
    for start in range(0, len(wanted), 500):
        for other in uow.duplicates.hashed_pictures(phashes=wanted[start:start + 500]):
            by_hash.setdefault(f"{other.phash:016x}", []).append(other)
    involved = {i.case_id for i in items} | {o.case_id for group in by_hash.values() for o in group}
    owners = uow.cases.owners(sorted(involved))
    for item in items:
        others = sorted((o for h in near_of[item.id] for o in by_hash.get(h, ())), key=lambda o: o.id)
        for other in others:
            if other.case_id == item.case_id or not _different_customer(owners.get(item.case_id),
                                                                        owners.get(other.case_id)):
                continue
            verdict = compare(_candidate(item), _candidate(other), t)
            if verdict not in (DupKind.EXACT, DupKind.SAME):  # the same picture, not merely a similar one
                continue
            now = now_local()
            for a, b in ((item, other), (other, item)):
                if uow.duplicates.add_alert(a, b, verdict, now):
                    uow.audit.record(AuditAction.ALERT_RAISED, a.case_id, other_case=b.case_id, media=a.id,
                                     other_media=b.id)


def _different_customer(a: int | None, b: int | None) -> bool:
    """Known and different customers. Two cases without a customer prove nothing (often one folder, split)."""
    return a != b


def list_groups(lib: Library, case_ref: str | None = None) -> list[DupGroupInfo]:
    with lib.unit() as uow:
        return uow.duplicates.groups(uow.cases.id_of(case_ref) if case_ref else None)


def set_keeper(lib: Library, sha256: str, case_ref: str | None = None) -> int:
    """Make the item with this SHA-256 the keeper of its group(s). Returns how many groups changed."""
    with lib.unit(write=True) as uow:
        groups = uow.duplicates.groups(uow.cases.id_of(case_ref) if case_ref else None)
        mine = [g for g in groups if sha256 in g.members]
        if not mine:
            raise NotFound(f"{sha256[:12]} is in no duplicate group")
        changing = [g for g in mine if g.keeper != sha256]
        now = now_local()
        case_ids = uow.media.cases_with_blob(sha256)
        item = mine[0].member_ids[mine[0].members.index(sha256)]
        name = uow.rows.names("media_item", [item]).get(item, sha256[:12])
        with journal.track(uow, "keeper", case_id=uow.media.cases_of([item]).get(item), name=name) as t:
            for g in changing:
                t.deleting("dup_decision", uow.duplicates.keeper_rulings(g.members))
                t.created("dup_decision", uow.duplicates.rule_keeper(g.members, sha256, now))
            t.refresh(case_ids)
        for cid in case_ids:
            uow.audit.record(AuditAction.KEEPER_CHOSEN, cid, sha256=sha256)
        refresh(uow, case_ids, lib.team)
    return len(changing)


def restore(lib: Library, media_id: int) -> None:
    """Bring a set-aside item back: "not a duplicate" of its keeper, respected by every later run."""
    with lib.unit(write=True) as uow:
        case_id, sha, keeper_id, keeper_sha = uow.duplicates.keeper_of(media_id)
        if keeper_id is None or keeper_sha is None or sha is None:
            return
        if keeper_sha == sha:
            raise UsageError("this is a byte-for-byte copy of the kept item; it stays set aside")
        name = uow.rows.names("media_item", [media_id]).get(media_id, sha[:12])
        with journal.track(uow, "restore", case_id=case_id, name=name) as t:
            ruling = uow.duplicates.rule_not_duplicate(sha, keeper_sha, now_local())
            t.created("dup_decision", [ruling] if ruling is not None else [])
            t.refresh([case_id])
        uow.audit.record(AuditAction.DUPLICATE_RESTORED, case_id, media=media_id, keeper=keeper_id)
        refresh(uow, [case_id], lib.team)


def list_alerts(lib: Library, case_ref: str | None = None) -> list[AlertInfo]:
    with lib.unit() as uow:
        return uow.duplicates.alerts(uow.cases.id_of(case_ref) if case_ref else None)
