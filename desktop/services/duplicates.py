"""Duplicate groups per case, keeper choices, restores, and "same picture in another case" alerts.

The engine (``desktop.core.dedup``) decides; this module feeds it the case's items, candidate pairs found with
numpy (``image_candidates``) and the handler's rulings, and stores the outcome on the media items through
``desktop.store.duplicates``: each member's kind, whether it is set aside, its transform against the keeper and an
edited copy's changed region. Set-aside items are never deleted; an edited copy is kept beside its original.

The handler's rulings are per item (``set_keeper``: this item is its group's keeper; ``restore``: never set this
item aside again), so a choice in one case never changes a group in another; both are journaled and undoable.
Alerts (the same picture in any other case) are raised when a case's groups are computed and read by the items'
current cases, so they follow moves, merges, splits and undo and never point into the item's own case.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dc_replace

import numpy as np

from desktop.core.clock import now_local
from desktop.core.dedup import DEFAULT, MIN_SENSITIVITY, DupCandidate, Thresholds, compare
from desktop.core.errors import NotFound, UsageError
from desktop.core.model import MAX_ID, SET_ASIDE_KINDS, AuditAction, DupKind, DupRuling
from desktop.core.records import AlertInfo, DupGroupInfo, DupItem, DupMember
from desktop.core.sameness import Transform, Verdict, verdict_from_text, verdict_text
from desktop.core.team import TeamSettings
from desktop.media.fingerprint import FORMAT_VERSION, FRAME_BYTES, GRID, THUMB, THUMB_SCALE
from desktop.media.hashindex import popcount64
from desktop.media.register import group_pictures, proof_inputs, proof_key
from desktop.services import journal
from desktop.services.library import Library
from desktop.store.duplicates import Outcome
from desktop.store.unit import UnitOfWork

__all__ = ["AlertInfo", "DupGroupInfo", "DupMember", "KeeperChange", "image_candidates", "keeper_change",
           "keeper_effect", "list_alerts", "list_groups", "refresh", "resolve_item", "restore", "restore_change",
           "restore_effect", "set_keeper", "thresholds"]


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
        duration_s=item.duration_s, taken=item.taken,
    )


def refresh(uow: UnitOfWork, case_ids: list[int], team: TeamSettings) -> None:
    """Recompute the groups of these cases, then look for the same pictures in any other case."""
    uow.flush()
    t = thresholds(team)
    case_ids = sorted(set(case_ids))
    for case_id in case_ids:
        _refresh_case(uow, case_id, t)
    uow.flush()
    uow.duplicates.sync_alert_cases(case_ids)
    _raise_alerts(uow, case_ids, t)


def _refresh_case(uow: UnitOfWork, case_id: int, t: Thresholds) -> None:
    found = [m for m in uow.duplicates.case_items(case_id) if not m.restored]  # restored: kept apart for good
    cands = [_candidate(m) for m in found]
    by_sha: dict[str, list[str]] = {}
    for c in cands:
        by_sha.setdefault(c.sha256, []).append(c.key)
    rulings = uow.duplicates.rulings(list(by_sha))
    blocked = {frozenset((a, b)) for sha_a, sha_b, r in rulings if r == DupRuling.NOT_DUPLICATE
               for a in by_sha[sha_a] for b in by_sha[sha_b]}
    overrides = {a: by_sha[sha_b][0] for sha_a, sha_b, r in rulings if r == DupRuling.KEEPER for a in by_sha[sha_a]}
    chosen = [str(m.id) for m in found if m.chosen]
    if chosen:  # the handler's choice in this case wins over rulings kept from before (by original)
        overrides = {c.key: chosen[0] for c in cands if c.key not in chosen} | {k: k for k in chosen}
    near = image_candidates(cands, t)
    known, inputs = _kept_proofs(uow, cands, by_sha)
    made: dict = {}
    outcome: dict[int, list] = {}  # item id -> [duplicate of, kind, set aside, transform, region]
    for g in group_pictures(cands, not_duplicates=blocked, keeper_overrides=overrides, thresholds=t,
                            candidates=near, known=known, made=made):  # format-2 pictures proven (media.register)
        for key in g.members[1:]:
            kind = g.kinds.get(key, g.kind)
            done = None if kind == DupKind.EXACT else g.transforms.get(key)  # the same bytes: nothing was done
            outcome[int(key)] = [int(g.keeper), kind, kind in SET_ASIDE_KINDS, transform_record(done),
                                 region_box(g.regions.get(key))]
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
    sha_of = {c.key: c.sha256 for c in cands}
    uow.duplicates.keep_proofs([(sha_of[a], sha_of[b], proof_key(inputs[a], inputs[b]), text)
                                for (a, b), v in made.items() if (text := verdict_text(v)) is not None])


def _kept_proofs(uow: UnitOfWork, cands: list[DupCandidate], by_sha: dict[str, list[str]]
                 ) -> tuple[dict[tuple[str, str], Verdict | None], dict[str, bytes]]:
    """The verdicts kept for pairs of these items whose key is what the pair digests now (``media.register``:
    the engine's code and what the proof reads of both pictures), by item keys; and each item's proof inputs.
    A case's groups are computed again after every import, move, merge and undo: a pair is proven once."""
    inputs = {c.key: proof_inputs(c) for c in cands}
    known: dict[tuple[str, str], Verdict | None] = {}
    for (sha_a, sha_b), (key, text) in uow.duplicates.kept_proofs(list(by_sha)).items():
        for a in by_sha.get(sha_a, ()):
            for b in by_sha.get(sha_b, ()):
                if a != b and proof_key(inputs[a], inputs[b]) == key:
                    try:
                        known[(a, b)] = verdict_from_text(text)
                    except ValueError:  # not a verdict this version writes: proven again
                        continue
    return known, inputs


def transform_record(t: Transform | None) -> dict | None:
    """The engine's ``Transform`` as the stored record ``desktop.core.transform_text`` words: crop in percent per
    side, scale, rotation, roll, brightness and contrast as factors, a screenshot's picture and frame size, the
    filters of the whole picture seen (black and white, toned, vignette)."""
    if t is None:
        return None
    left, top, right, bottom = t.crop
    rec: dict = {"crop": {"left": round(left, 1), "top": round(top, 1), "right": round(right, 1),
                          "bottom": round(bottom, 1)},
                 "scale": round(t.scale, 3), "rotation": int(t.rotation) % 360, "roll": round(t.roll, 2),
                 "brightness": round(1.0 + t.brightness, 3), "contrast": round(t.contrast, 3)}
    if t.screenshot is not None:
        w, h, fw, fh = t.screenshot
        rec["screenshot"] = {"picture_px": [int(w), int(h)], "frame_px": [int(fw), int(fh)]}
    if t.mirrored:
        rec["mirrored"] = True
    if t.filters:
        rec["filters"] = list(t.filters)
    return rec


def region_box(r: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """The engine's changed region (left, top, right, bottom in % of the keeper) as stored: left, top, width,
    height in % of the keeper."""
    if r is None:
        return None
    left, top, right, bottom = r
    return (round(left, 1), round(top, 1), round(max(0.0, right - left), 1), round(max(0.0, bottom - top), 1))


def _outcome(o: list) -> Outcome:
    region = tuple(float(v) for v in o[4]) if o[4] and len(o[4]) == 4 else None
    return o[0], str(o[1]), bool(o[2]), dict(o[3]) if o[3] else None, region  # type: ignore[return-value]


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
    """The same picture (exact or same) in any other case: an alert on both cases (possible fraud), whoever the
    customers are (another customer, the same customer's other claim, a case without a customer); pictures and
    videos.

    Exact copies are found by SHA-256 (indexed); near ones by scanning the library's perceptual hashes (kept in
    memory, ``desktop.store.hashcache``) as one array with numpy, then reading their items in one query, and are proven by the engine (``compare``). Alerts
    are stored once per pair of items and read by the items' current cases (``DuplicateStore.alerts``)."""
    if not case_ids:
        return
    items = uow.duplicates.hashed_pictures(case_ids=case_ids)
    if not items:
        return
    hashed = [i for i in items if i.phash is not None]
    others: dict[int, dict[int, DupItem]] = {i.id: {} for i in items}
    for start in range(0, len(items), 500):
        chunk = items[start:start + 500]
        for other in uow.duplicates.hashed_pictures(shas=sorted({i.sha256 for i in chunk})):
            for item in chunk:
                if other.sha256 == item.sha256:
                    others[item.id][other.id] = other
    if hashed:
        hexes, library = uow.duplicates.picture_hashes()
        near_of: dict[int, set[str]] = {}
        for item in hashed:
            hits = np.flatnonzero(popcount64(library ^ np.uint64(item.phash)) <= t.index_radius)
            near_of[item.id] = {hexes[i] for i in hits.tolist()}
        wanted = sorted(set().union(*near_of.values()))
        by_hash: dict[str, list[DupItem]] = {}
        for start in range(0, len(wanted), 500):
            for other in uow.duplicates.hashed_pictures(phashes=wanted[start:start + 500]):
                by_hash.setdefault(f"{other.phash:016x}", []).append(other)
        for item in hashed:
            for h in near_of[item.id]:
                others[item.id].update((o.id, o) for o in by_hash.get(h, ()))
    now = now_local()
    for item in items:
        for other in sorted(others[item.id].values(), key=lambda o: o.id):
            if other.case_id == item.case_id or other.kind != item.kind:
                continue  # never an alert about the item's own case
            verdict = DupKind.EXACT if other.sha256 == item.sha256 else compare(_candidate(item),
                                                                              _candidate(other), t)
            if verdict not in (DupKind.EXACT, DupKind.SAME):  # the same picture, not merely a similar one
                continue
            for a, b in ((item, other), (other, item)):
                if uow.duplicates.add_alert(a, b, verdict, now):
                    uow.audit.record(AuditAction.ALERT_RAISED, a.case_id, other_case=b.case_id, media=a.id,
                                     other_media=b.id)


def list_groups(lib: Library, case_ref: str | None = None) -> list[DupGroupInfo]:
    with lib.unit() as uow:
        return uow.duplicates.groups(uow.cases.id_of(case_ref) if case_ref else None)


def _group(uow: UnitOfWork, media_id: int) -> DupGroupInfo:
    case_id, keeper_id, _ids = uow.duplicates.group_of(media_id)
    groups = [g for g in uow.duplicates.groups(case_id) if g.keeper_id == keeper_id]
    items = {m.media_id: m for g in groups for m in g.items}
    members = [items[keeper_id], *sorted((m for k, m in items.items() if k != keeper_id),
                                        key=lambda m: m.media_id)]
    kind = next((g.kind for g in groups if g.member(media_id)), groups[0].kind)
    return DupGroupInfo(kind, members[0].sha256, [m.sha256 for m in members], sorted({r for g in groups
                                                                                        for r in g.cases}),
                        keeper_id, [m.media_id for m in members], members)


@dataclass(frozen=True)
class KeeperChange:
    """What ``set_keeper`` or ``restore`` will do, said before it is done (the window shows ``text``)."""

    media_id: int
    name: str
    keeper_id: int
    keeper_name: str
    text: str
    text_nl: str

    def to_json(self) -> dict:
        return {"media_id": self.media_id, "name": self.name, "keeper_id": self.keeper_id,
                "keeper_name": self.keeper_name, "text": self.text, "text_nl": self.text_nl}


def keeper_effect(group: DupGroupInfo, media_id: int) -> KeeperChange:
    """What making ``media_id`` the keeper of ``group`` will change, in words (a pure function: the window says
    it on the card before the handler clicks)."""
    me, keeper = group.member(media_id), group.items[0]
    if me is None:
        raise NotFound(f"item {media_id} is not in this group")
    if me.kind in SET_ASIDE_KINDS:
        en = f"Make this the keeper: the current keeper {keeper.name} will be set aside"
        nl = f"Dit exemplaar bewaren: het huidige exemplaar {keeper.name} wordt apart gezet"
    else:
        en = f"Make this the keeper: the current keeper {keeper.name} stays beside it"
        nl = f"Dit exemplaar bewaren: het huidige exemplaar {keeper.name} blijft ernaast staan"
    return KeeperChange(media_id, me.name, keeper.media_id, keeper.name, en, nl)


def keeper_change(lib: Library, media_id: int) -> KeeperChange:
    """What making ``media_id`` the keeper of its group would do, in words (nothing is changed)."""
    with lib.unit() as uow:
        group = _group(uow, media_id)
    if media_id == group.keeper_id:
        raise UsageError(f"{group.items[0].name} is already the keeper of its group")
    return keeper_effect(group, media_id)


def restore_change(lib: Library, media_id: int) -> KeeperChange:
    """What restoring ``media_id`` would do, in words (nothing is changed)."""
    with lib.unit() as uow:
        group = _group(uow, media_id)
    return restore_effect(group, media_id)


def restore_effect(group: DupGroupInfo, media_id: int) -> KeeperChange:
    """What restoring ``media_id`` will change, in words (a pure function, like ``keeper_effect``)."""
    me, keeper = group.member(media_id), group.items[0]
    if me is None or not me.set_aside:
        raise UsageError(f"{me.name if me else media_id} is not set aside")
    en = (f"Restore {me.name}: it goes back into the case and the report, and is no longer set aside as a copy "
          f"of {keeper.name}")
    nl = (f"{me.name} terugzetten: het gaat terug in de zaak en het dossier en staat niet langer apart als kopie "
          f"van {keeper.name}")
    return KeeperChange(media_id, me.name, keeper.media_id, keeper.name, en, nl)


def set_keeper(lib: Library, item: int | str, case_ref: str | None = None) -> int:
    """Make ``item`` (a media id, or a SHA-256 naming one group, in ``case_ref`` when given) the keeper of the
    group it is in; no other group changes. Journaled (undoable) and audited. Returns how many groups changed
    (0: it was the keeper already)."""
    with lib.unit(write=True) as uow:
        media_id = _resolve(uow, item, case_ref)
        group = _group(uow, media_id)
        if media_id == group.keeper_id:
            return 0
        change = keeper_effect(group, media_id)
        case_id = uow.media.cases_of([media_id])[media_id]
        with journal.track(uow, "keeper", case_id=case_id, name=change.name) as t:
            t.watch("media_item", group.member_ids, ["dup_keeper"])
            legacy = uow.duplicates.keeper_rulings(group.members)  # by original, from before per-item choices
            t.deleting("dup_decision", legacy)
            uow.duplicates.drop_rulings(legacy)
            uow.rows.set("media_item", [i for i in group.member_ids if i != media_id], {"dup_keeper": False})
            uow.rows.set("media_item", [media_id], {"dup_keeper": True})
            t.refresh([case_id])
            refresh(uow, [case_id], lib.team)
        uow.audit.record(AuditAction.KEEPER_CHOSEN, case_id, sha256=group.members[group.member_ids.index(media_id)],
                         media=media_id, previous=group.keeper_id)
    return 1


def resolve_item(lib: Library, item: int | str, case_ref: str | None = None) -> int:
    """The media id ``item`` names: an id, or the SHA-256 of a member of exactly one group (in ``case_ref``)."""
    with lib.unit() as uow:
        return _resolve(uow, item, case_ref)


def _resolve(uow: UnitOfWork, item: int | str, case_ref: str | None) -> int:
    """The media id ``item`` names: an id, or the SHA-256 of a member of exactly one group."""
    if isinstance(item, int) or (isinstance(item, str) and item.isdigit() and len(item) < 20):
        if not 0 < int(item) <= MAX_ID:
            raise NotFound(f"no media item {item}")
        return int(item)
    sha = str(item).lower()
    groups = uow.duplicates.groups(uow.cases.id_of(case_ref) if case_ref else None)
    hits = {(g.keeper_id, g.member_ids[g.members.index(sha)]) for g in groups if sha in g.members}
    keepers = {k for k, _ in hits}
    if not hits:
        raise NotFound(f"{sha[:12] if len(sha) == 64 else sha} is in no duplicate group")
    if len(keepers) > 1:
        raise UsageError(f"{sha[:12]} is in {len(keepers)} groups; name the case (--case) or the media id")
    return min(m for _, m in hits)


def restore(lib: Library, media_id: int) -> None:
    """Bring a set-aside item back (an exact copy too): it is never set aside again, in any later run.
    Journaled (undoable) and audited."""
    with lib.unit(write=True) as uow:
        case_id, sha, keeper_id, _keeper_sha = uow.duplicates.keeper_of(media_id)
        if keeper_id is None or sha is None:
            raise UsageError(f"item {media_id} is not set aside")
        name = uow.rows.names("media_item", [media_id]).get(media_id, sha[:12])
        with journal.track(uow, "restore", case_id=case_id, name=name) as t:
            t.watch("media_item", [media_id], ["dup_restored"])
            uow.rows.set("media_item", [media_id], {"dup_restored": True})
            t.refresh([case_id])
            refresh(uow, [case_id], lib.team)
        uow.audit.record(AuditAction.DUPLICATE_RESTORED, case_id, media=media_id, keeper=keeper_id)


def list_alerts(lib: Library, case_ref: str | None = None) -> list[AlertInfo]:
    with lib.unit() as uow:
        return uow.duplicates.alerts(uow.cases.id_of(case_ref) if case_ref else None)
