"""Proof of "the same picture": candidates from a cheap global signal, then registration and a tile comparison.

``group_pictures`` is what the duplicates service calls for one case: it finds candidate pairs, proves them and
lets ``desktop.core.dedup.group_duplicates`` form keeper-centred groups from the verdicts.

**Candidates.** A format-2 fingerprint (``desktop.media.fingerprint``) holds the phash of the picture's content box
(screenshot chrome and letterbox trimmed) turned by 0/90/180/270 degrees. Two pictures are a candidate pair when
the smallest Hamming distance between one's unturned hash and the other's four turned ones, or the hashes of its
central 85 % and 70 % (a crop), or of its whole frame (a screenshot's box holds the whole picture where the
picture's own box is an object trimmed out of a dark wall), is within ``CANDIDATE_BITS``; the caller may add its
own candidates (the service's thumbnail search for old fingerprints). Everything else is never compared.

**Proof** (``prove``), on the small grey content boxes stored in the fingerprints (no second decode):

1. local features (ORB: on 256-pixel greys it matched as many positive pairs as SIFT and AKAZE in
   bench/dedup, at a fraction of the time; see RESULTS.md) matched with Lowe's ratio test; a point found on a
   coarser pyramid level is moved to where it lies (ORB leaves it off by half that level's pixel less half a
   pixel, the same way in each picture's frame: between a picture and its turned copy that does not cancel);
2. a RANSAC fit of a similarity transform (scale, any rotation, shift): a 90-degree turn, a crop and the photo
   inside a screenshot are all one such transform; too few consistent matches means no proof;
3. the finer of the two is warped onto the coarser (anti-aliased), both are blurred by ``BLUR`` pixels, a global
   tone curve (binned medians: brightness, contrast, gamma, filters) is fitted over the overlap;
4. tile by tile (``GRID`` x ``GRID`` over the overlap) a local gain/offset fit leaves a residual. Its expected size
   is the images' own noise (estimated from the flattest tiles of this very pair: JPEG and resampling noise,
   floored at ``NOISE_FLOOR``) plus what a registration error of ``REG_ERROR`` pixels makes of the tile's own
   gradient. A tile disagrees when its residual is more than ``K_SIGMA`` times that, or its mean moved by more
   than ``TONE_SHIFT`` grey levels against the global curve, or its texture is well beyond the noise
   (``GAIN_TEXTURE``) and its local gain is more than ``GAIN_OFF`` times off the global curve's (the other way
   round, a plain area predicted from a patch pasted over it takes a gain near zero and no residual). A pixel
   at a clipped level is a bound, not a measurement (``CLIP_SLACK``). When tiles disagree the comparison is tried
   once more with the copy's grey predicted from the keeper's colours (``_colour_predicted``: one affine map of R, G
   and B, clipped per channel, as brightness, contrast, saturation and white balance make it; and that map
   followed by a tone curve per channel, as an edit after one that clipped makes it: brighter, then less
   contrast leaves what was clipped flat below 255).

   Each tile also gets its local shift against the fitted transform (one Lucas-Kanade step on the residual): a
   copy sits where one similarity puts it everywhere (the shifts, less the small similarity that best explains
   them all: the feature fit of a turned copy is a fraction of a pixel off); two captures do not (parallax
   between near and far, the perspective of a turned camera, things that moved). More than ``LOCAL_SHIFT``
   pixels: ``similar``. The noise level is the pair's: the lower of the two ways round holds for both.

5. a picture whose tiles all agree is checked for perspective once more over the whole overlap
   (``_perspective``: one Gauss-Newton step of a homography from the registration found): a camera turned by a
   degree or two between two captures of a smooth picture leaves its few textured tiles within ``LOCAL_SHIFT``
   but shows ``PERSPECTIVE_PX`` or more of perspective across the frame; a copy shows none. The keeper's colour
   takes part of the photometric model there (a colour edit moves the grey by hue, not by geometry).

6. two pictures of one frame size (whole frames, no content box trimmed) that the fit neither turns nor scales
   (``_pixel_aligned``) and that come out ``same`` are laid one on the other as they are, unregistered
   (``_unregistered_shift``): a copy at its own size (a re-save, a colour edit, an EXIF turn made upright) keeps
   every textured patch in its place; in two exposures of a camera held still, what moved (a hand holding a cup
   against a plain wall, whose features the fit followed) sits ``ALIGNED_SHIFT`` pixels or more away: ``similar``.

Verdict: no disagreeing tile and no perspective: ``same`` (unless the colours show an edit the grey cannot:
``_colour_edit``, compared both ways round, one compact patch of off colours that a colour matrix with a tone
curve per channel does not explain either); disagreeing tiles forming one compact region (one 8-connected
component covering at most ``EDIT_SHARE`` of the tiles) with no perspective in the rest of the frame (the region's
tiles and their neighbours left out: a camera turned between two captures leaves only a corner beyond noise):
``edited``, with the region; otherwise (spread over the frame: motion, parallax, another capture): ``similar``.
Roll is reported, never decisive. Two pictures that both have features to register and no registration that holds
are ``unrelated`` (``Prover``): the core's thumbnail rule only decides for pictures too plain to register.
"""

from __future__ import annotations

import hashlib
import logging
import math
import multiprocessing
import multiprocessing.context
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np

from desktop.core.dedup import (
    DEFAULT,
    DupCandidate,
    DupGroup,
    Thresholds,
    _colour_pairs,
    decode,
    group_duplicates,
    other_captures,
)
from desktop.core.sameness import EDITED, SAME, SIMILAR, UNRELATED, Transform, Verdict
from desktop.media.fingerprint import FLAT_BAND, THUMB_SCALE, Proof, read_proof
from desktop.media.fingerprint import ZOOMS as ZOOM_KEEPS
from desktop.media.hashindex import popcount64

log = logging.getLogger(__name__)

CANDIDATE_BITS = 20  # phash bits (of 64) within which a pair is worth proving
ORB_SCALE = 1.2  # ORB's pyramid: each level this much smaller than the one below
MIN_INLIERS = 12  # consistent feature matches needed for a registration
RATIO = 0.8  # Lowe's ratio test
RANSAC_PX = 2.5  # reprojection tolerance, pixels of the stored grey
BLUR = 1.0  # Gaussian sigma (pixels) applied to both before comparing: JPEG blocks and resampling
GRID = 8  # tiles per side of the compared overlap
MIN_GREY_SIDE = 2 * GRID  # a stored grey narrower than this (one pixel, a line) is not registered: two pixels a tile
EDGE = 3  # pixels along the coarse frame's own edges left out of the comparison
MIN_COVER = 0.6  # share of a tile that must lie inside the overlap
REG_ERROR = 0.35  # pixels of registration error allowed (sub-pixel fit of the similarity)
ALIGNED_SCALE = 0.02  # a registration within 2 % of the same scale ...
ALIGNED_TURN = 1.0  # ... and a degree of no turn may be a copy at its own size (``_pixel_aligned``)
ALIGNED_SHIFT = 0.4  # pixels (stored grey): a patch of a copy at its own size this far from its place has moved
#                      (bench/dedup's tuning part: copies 0.34 at most, after a colour edit; bursts from 0.45)
CLIP_EDIT_SHARE = 0.01  # of the frame: this many more clipped pixels in one picture than in the other is an edit
K_SIGMA = 4.0  # a tile disagrees beyond this many expected residuals
NOISE_FLOOR = 1.0  # grey levels: the stored JPEG q90 alone leaves about this much after the blur
Z_PIXEL = 6.0  # a pixel is beyond noise at this many expected residuals
OUTLIER_SHARE = 0.07  # a tile disagrees when more of its pixels than this are beyond noise (a thin stroke)
TONE_SAMPLE = 20000  # overlap pixels beyond which the tone curve is fitted on every fourth
GAIN_OFF = 2.0  # a tile's local gain beyond this factor of the tone curve's (either way) is other content
GAIN_TEXTURE = 3.0  # noise levels of a tile's contrast above which its local gain is measured at all
TONE_SHIFT = 24.0  # grey levels a tile's mean may move against the global tone curve (white balance, saturation)
EDIT_SHARE = 0.30  # an edited region covers at most this share of the tiles
VIGNETTE_MIN = 0.03  # a smooth gain over the frame (a vignette filter) this far from 1 somewhere is tried as
# part of the global edit (``_gain_field``): what an editor's vignette or a lens's fall-off does
VIGNETTE_EXPLAINS = 3.0  # ... when what it explains of the local means beyond one gain is this many times (in
# standard deviation) what it leaves: nine tenths explained
VIGNETTE_DEEPEST = 0.3  # ... and when its darkest part keeps this share of its brightest's light: 1.7 stops, more
# than a lens's fall-off or an editor's vignette (bench/dedup's: 0.5-0.7) take; a gain that turns one smooth picture
# into another (a dark gradient into faint stripes) fell to 0.24 and below
BAND_CHANGE = 0.5  # of the frame's RMS contrast: a band cell of the 16x16 thumbnail this far off is changed
OFF_BAND_SHARE = 0.005  # share of a picture a patch off a band must cover to be an edit (a stroke, a sticker)
MIN_COVERED = 0.02  # share of a picture that trimmed chrome must cover to count as a caption over it
LOCAL_SHIFT = 0.45  # pixels: tiles further than this from one similarity make another view (motion, perspective)
PERSPECTIVE_PX = 0.5  # pixels of perspective beyond any affine map: the camera turned (a copy has none)
PERSPECTIVE_EXPLAINS = 1.0  # noise variances per sample the perspective must explain to be measured at all
LK_MIN_GRAD = 4.0  # mean squared gradient (along its weaker direction) a tile needs for a local shift
ECC_BLUR = 1.5  # Gaussian sigma (pixels) of the greys ECC aligns
ECC_START_MIN = 0.5  # correlation at the hashes' guess below which ECC is not tried (bench/dedup's tuning part:
# 0.78 or more for every pair ECC registered, median 0.26 for the other pictures it was tried on)
ECC_EARLY_STEPS = 8  # coarse ECC steps after which a pair must correlate by ECC_EARLY_MIN to go on
ECC_EARLY_MIN = 0.75  # (copies in bench/dedup's tuning part: 0.95 or more after 5 steps)
ECC_COARSE_MIN = 0.9  # correlation after the coarse pass below which the fine pass is not tried
ECC_OUTLIER = 4.0  # pixels further off than this many times the median difference under the first guess are left out
ECC_MIN = 0.9  # correlation of the aligned greys needed to try the tile comparison on an ECC registration
ECC_SIMILARITY_LOSS = 0.002  # correlation the nearest similarity may lose against ECC's affine
SAME_SHAPE = 0.01  # relative difference of two frames' aspect ratios within which they are one frame's shape
ECC_SCALE_DIFF = 0.02  # largest difference of the x and y scales (and shear) of an ECC fit that is a similarity
FEW_FEATURES = 150  # a picture with fewer ORB features than this may be aligned by ECC instead
COLOUR_BLUR = 0.7  # Gaussian sigma (pixels of the stored colour) before comparing colours
COLOUR_LEVELS = 12.0  # Cb/Cr levels (0-255) a pixel must be off by to count: a clearly visible colour change
COLOUR_NOISE = 1.5  # Cb/Cr levels: floor of the colour noise a q90 store of a reduction leaves
CLIPPED = 8.0  # an R, G or B level within this of 0 or 255 is clipped: its colour says nothing of an edit
CLIP_SLACK = 32.0  # grey levels below 255 (above 0) a prediction may lie where the other picture is clipped
CLIP_LEVELS = 36.0  # Cb/Cr levels a pixel clipped in one picture only must be off by to count
COLOUR_SHARE = 0.05  # a tile's colour is off when more of its pixels than this are
TRIM = 0.03  # a content box this much smaller than its frame on some side: the copy is a screenshot


@dataclass
class _Features:
    grey: np.ndarray
    pts: np.ndarray
    desc: np.ndarray | None
    proof: Proof

    @cached_property
    def chroma(self) -> np.ndarray | None:
        """The proof's stored Cb and Cr (``_planes``), decoded once per picture: several checks of a pair use it."""
        planes = _planes(self.proof)
        if planes is not None:
            planes.flags.writeable = False  # shared by every proof of this picture, on several threads
        return planes

    @cached_property
    def ecc_grey(self) -> tuple[np.ndarray, float]:
        """The grey ECC aligns (blurred by ``ECC_BLUR``) and its spread: the same for every pair of this picture
        that goes to ECC (a plain picture meets dozens of candidates), so made once."""
        blurred = cv2.GaussianBlur(self.grey.astype(np.float32), (0, 0), ECC_BLUR)
        blurred.flags.writeable = False  # shared, on several threads
        return blurred, float(blurred.std())

    @cached_property
    def ecc_half(self) -> np.ndarray:
        """``ecc_grey`` at half size (only for a grey with some spread: a flat one, or one pixel, has none)."""
        half = cv2.resize(self.ecc_grey[0], None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        half.flags.writeable = False
        return half


_LOCAL = threading.local()  # one ORB detector per thread (an OpenCV algorithm object is not shared)


def _orb():
    if getattr(_LOCAL, "orb", None) is None:
        _LOCAL.orb = cv2.ORB_create(nfeatures=500, scaleFactor=ORB_SCALE, nlevels=6, edgeThreshold=15, patchSize=15,
                                    fastThreshold=8)
    return _LOCAL.orb


def features(proof: Proof) -> _Features | None:
    """ORB features of the proof's grey picture; ``None`` when it cannot be decoded or is too small to register
    (a stored fingerprint is customer-derived data: never trusted to be well formed)."""
    grey = cv2.imdecode(np.frombuffer(proof.grey_jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    if grey is None:
        return None
    try:
        kps, desc = _orb().detectAndCompute(grey, None)
    except cv2.error:  # a grey too small for the feature pyramid (a few pixels): nothing to register
        kps, desc = (), None
    # ORB finds a point on a pyramid level scaled by ``scaleFactor ** octave`` and multiplies its coordinates by
    # that scale, but the level's pixel centres sit half a pixel in: the point lies 0.5 * (scale - 1) further
    # right and down (0.7 px on the top level). The offset is the same in each picture's own frame, so it does
    # not cancel between a picture and a turned copy (180 degrees: twice the offset between them).
    pts = np.array([(k.pt[0] + 0.5 * (ORB_SCALE ** k.octave - 1), k.pt[1] + 0.5 * (ORB_SCALE ** k.octave - 1))
                    for k in kps], np.float32).reshape(-1, 2)
    return _Features(grey, pts, desc, proof)


def _match(fa: _Features, fb: _Features) -> tuple[np.ndarray, np.ndarray]:
    if fa.desc is None or fb.desc is None or len(fa.desc) < 2 or len(fb.desc) < 2:
        return np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32)
    # the two nearest of a's descriptors for each of b's: what BFMatcher.knnMatch(k=2) computes (it calls
    # batchDistance), as arrays instead of a thousand DMatch objects
    dist, nearest = cv2.batchDistance(fb.desc, fa.desc, cv2.CV_32S, normType=cv2.NORM_HAMMING, K=2)
    ib = np.flatnonzero(dist[:, 0] < RATIO * dist[:, 1].astype(np.float64))
    return fa.pts[nearest[ib, 0]], fb.pts[ib]


def _median(v: np.ndarray) -> float:
    """``float(np.median(v))`` of a non-empty 1-d array of finite values (grey levels), bit for bit (the middle
    value, or the two middle ones' sum in ``v``'s dtype halved, as ``np.median`` takes their mean), without its
    per-call overhead: the tone curves take thousands of small medians per import."""
    n = len(v)
    k = n // 2
    if n % 2:
        part = np.partition(v, k)
        mid = part[k]
    else:
        part = np.partition(v, (k - 1, k))
        mid = (part[k - 1] + part[k]) / 2
    return float(mid)


def _tone_curve(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Lookup table mapping the copy's grey ``y`` (0-255) to the keeper's ``x``: binned medians, monotone (from
    every fourth pixel of a large overlap: the medians of tens of thousands of pixels barely move)."""
    if len(x) > TONE_SAMPLE:
        x, y = x[::4], y[::4]
    bins = np.clip((y / 16).astype(int), 0, 15).astype(np.uint8)
    centres, values = [], []
    # each bin's pixels made contiguous by one stable sort of the bin numbers (a median ignores the order; of
    # bytes, NumPy's stable sort is a radix sort: a sixteenth of its time on 64-bit integers)
    order = np.argsort(bins, kind="stable")
    ends = np.cumsum(np.bincount(bins, minlength=16))
    ys, xs = y[order], x[order]
    for k in range(16):
        start = int(ends[k - 1]) if k else 0
        if ends[k] - start >= 20:
            centres.append(_median(ys[start:ends[k]]))
            values.append(_median(xs[start:ends[k]]))
    if len(centres) < 2:
        g, o = 1.0, float(np.median(x - y)) if len(x) else 0.0
        return np.arange(256, dtype=np.float32) * g + o
    values = np.maximum.accumulate(np.array(values))
    lut = np.interp(np.arange(256), centres, values)
    # beyond the measured range: extend linearly with the overall slope
    slope = (values[-1] - values[0]) / max(1e-6, centres[-1] - centres[0])
    lo, hi = centres[0], centres[-1]
    r = np.arange(256)
    lut = np.where(r < lo, values[0] + (r - lo) * slope, lut)
    lut = np.where(r > hi, values[-1] + (r - hi) * slope, lut)
    return lut.astype(np.float32)


def _components(mask: np.ndarray) -> list[list[tuple[int, int]]]:
    seen = np.zeros_like(mask, bool)
    out = []
    h, w = mask.shape
    for y in range(h):
        for x in range(w):
            if mask[y, x] and not seen[y, x]:
                stack, comp = [(y, x)], []
                seen[y, x] = True
                while stack:
                    cy, cx = stack.pop()
                    comp.append((cy, cx))
                    for dy in (-1, 0, 1):
                        for dx in (-1, 0, 1):
                            ny, nx = cy + dy, cx + dx
                            if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                                seen[ny, nx] = True
                                stack.append((ny, nx))
                out.append(comp)
    return out


def _similarity(m: np.ndarray) -> tuple[float, float]:
    """Scale and angle (degrees, clockwise in image coordinates) of a 2x3 similarity matrix."""
    return float(math.hypot(m[0, 0], m[1, 0])), float(math.degrees(math.atan2(m[1, 0], m[0, 0])))


def _register_features(fa: _Features, fb: _Features) -> tuple[np.ndarray, int] | None:
    """Similarity ``b -> a`` from matched ORB features (RANSAC), with its number of inliers."""
    pa, pb = _match(fa, fb)
    if len(pa) < MIN_INLIERS:
        return None
    m, inl = cv2.estimateAffinePartial2D(pb, pa, method=cv2.RANSAC, ransacReprojThreshold=RANSAC_PX,
                                         maxIters=3000, confidence=0.995)
    if m is None or inl is None or int(inl.sum()) < MIN_INLIERS or not 0.2 < _similarity(m)[0] < 5.0:
        return None  # degenerate: the matches sit on one small thing (a sticker's rim), not on the picture
    return m, int(inl.sum())


def _turn_guess(fa: _Features, fb: _Features) -> np.ndarray | None:
    """First guess of ``b -> a`` for pictures without features, from the hashes: of every quarter turn of ``b``'s
    content box, each also against ``a``'s zoomed centres, and ``b``'s zoomed centres against ``a``'s own (a crop
    either way), the nearest; ``b``'s box so turned is laid over ``a``'s whole box or over the central part that
    hash was of. When even the nearest is further than ``CANDIDATE_BITS``: ``b``'s whole box over ``a``'s, if the two
    frames have one shape, else ``None``."""
    pa, pb = fa.proof, fb.proof
    # (distance, turn, keep of a, keep of b), the nearest first; the first found wins a tie
    options = [(popcount64(np.uint64(pa.turned_phashes[0] ^ h)), k, 1.0, 1.0)
               for k, h in enumerate(pb.turned_phashes)]
    for k, hb in enumerate(pb.turned_phashes):  # b (turned) shows the central part of a
        options += [(popcount64(np.uint64(h ^ hb)), k, keep, 1.0)
                    for keep, h in zip(ZOOM_KEEPS, pa.zoomed_phashes, strict=True)]
    # a shows the central part of b (b's zoomed hashes are of its own, unturned box)
    options += [(popcount64(np.uint64(h ^ pa.turned_phashes[0])), 0, 1.0, keep)
                for keep, h in zip(ZOOM_KEEPS, pb.zoomed_phashes, strict=True)]
    best, k, keep_a, keep_b = min(options, key=lambda o: o[0])
    if best > CANDIDATE_BITS:
        # no hash is near: an edit over a smooth picture (a sticker, a caption) changes every hash, and ORB finds
        # its corners in the edit only. A copy that keeps its frame's shape is tried where it lies; ECC's own
        # correlations and the tiles decide, as for any guess
        (ha_, wa_), (hb_, wb_) = fa.grey.shape, fb.grey.shape
        if abs(wa_ / ha_ - wb_ / hb_) > SAME_SHAPE * wa_ / ha_:
            return None
        k, keep_a, keep_b = 0, 1.0, 1.0
    hb, wb = fb.grey.shape
    ha, wa = fa.grey.shape
    # b's pixel (x, y) -> turned clockwise k quarter turns -> the turned frame (tw x th)
    turn = {0: np.array([[1, 0, 0], [0, 1, 0]], np.float64),
            1: np.array([[0, -1, hb], [1, 0, 0]], np.float64),
            2: np.array([[-1, 0, wb], [0, -1, hb]], np.float64),
            3: np.array([[0, 1, 0], [-1, 0, wb]], np.float64)}[k]
    tw, th = (hb, wb) if k % 2 else (wb, hb)
    # the central keep_b of the turned b covers the central keep_a of a
    sx, sy = wa * keep_a / (tw * keep_b), ha * keep_a / (th * keep_b)
    ox, oy = wa * (1 - keep_a) / 2 - tw * (1 - keep_b) / 2 * sx, ha * (1 - keep_a) / 2 - th * (1 - keep_b) / 2 * sy
    fit = np.array([[sx, 0, ox], [0, sy, oy]], np.float64)
    return np.hstack([fit[:, :2] @ turn[:, :2], fit[:, :2] @ turn[:, 2:] + fit[:, 2:]])


def _seen_in(a: np.ndarray, b: np.ndarray, w_ab: np.ndarray) -> np.ndarray:
    """``a`` where ``w_ab`` puts it in ``b``'s frame (NaN where it does not reach)."""
    return cv2.warpAffine(a, w_ab.astype(np.float32), (b.shape[1], b.shape[0]), flags=cv2.INTER_LINEAR,
                          borderValue=float("nan"))


def _correlation(seen: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float:
    """Correlation coefficient of ``b`` and ``seen`` (``_seen_in``: another picture in ``b``'s frame) over
    ``mask``."""
    ok = np.isfinite(seen) & (mask > 0)
    if ok.sum() < 16:
        return -1.0
    x, y = seen[ok] - seen[ok].mean(), b[ok] - b[ok].mean()
    return float((x * y).sum() / max(1e-9, math.sqrt(float((x * x).sum()) * float((y * y).sum()))))


def _ecc_pass(a: np.ndarray, b: np.ndarray, w: np.ndarray, cc: float, criteria, mask: np.ndarray
              ) -> tuple[np.ndarray, float]:
    """One ECC refinement of ``w`` (correlation ``cc`` by ``_correlation``): its result when that correlates
    better by the same measure (ECC's own figure is over other pixels), else ``w``."""
    try:
        _, w2 = cv2.findTransformECC(a, b, w.astype(np.float32), cv2.MOTION_AFFINE, criteria, mask, 1)
    except cv2.error:  # did not converge
        return w, cc
    got = _correlation(_seen_in(a, b, w2), b, mask)
    return (w2, got) if got > cc else (w, cc)


def _register_ecc(fa: _Features, fb: _Features) -> tuple[np.ndarray, int] | None:
    """Similarity ``b -> a`` for pictures ORB finds too little in (gradients, skies, walls): from the turn and
    crop the hashes suggest, refined by maximising the correlation of the two greys (ECC, affine), kept only when
    the result is a similarity (equal scales, no shear) and the aligned greys correlate by ``ECC_MIN`` (a local edit
    lowers the correlation: the tile comparison, not this figure, tells a copy from another picture).

    ECC allows one gain and offset between the two; a vignette filter's gain falls towards the corners, which on a
    smooth picture the affine takes up as a stretch or a shear (a 20 % stretch correlated better than the copy laid
    where it lies). When that fails and the two differ at the guess by a smooth gain over the frame
    (``_gain_field``), the copy's grey is tried again with that gain taken out."""
    guess = _turn_guess(fa, fb)
    if guess is None:
        return None
    if fa.ecc_grey[1] < 1.0 or fb.ecc_grey[1] < 1.0:  # flat: nothing to align
        return None
    fit = _ecc_from(fa, fb, guess)
    (ha, wa), (hb, wb) = fa.grey.shape, fb.grey.shape
    whole = np.array([[wa / wb, 0, 0], [0, ha / hb, 0]], np.float64)  # b's whole frame over a's
    if fit is None and abs(wa / ha - wb / hb) <= SAME_SHAPE * wa / ha and not (
            np.allclose(guess[:, :2], whole[:, :2], atol=0.01) and np.allclose(guess[:, 2], 0, atol=0.5)):
        # a caption over a smooth picture changes its hashes enough that a crop's zoomed hash may be the nearest:
        # a copy that keeps its frame's shape is tried where it lies too
        fit = _ecc_from(fa, fb, whole, start_min=ECC_EARLY_MIN)
    return fit


def _ecc_from(fa: _Features, fb: _Features, guess: np.ndarray, start_min: float = ECC_START_MIN
              ) -> tuple[np.ndarray, int] | None:
    """``_register_ecc`` from one first guess of ``b -> a``, tried when the two correlate by ``start_min`` there.
    Tried again with the copy's smooth gain taken out only when the gain is a vignette's: the centre brighter
    than every corner."""
    (a, _), (b, _) = fa.ecc_grey, fb.ecc_grey
    a2, b2 = fa.ecc_half, fb.ecc_half
    w_ab = cv2.invertAffineTransform(guess).astype(np.float32)  # ECC's warp maps the template (a) into b
    seen = _seen_in(a2, b2, w_ab * _HALF)  # a, where the guess puts it in b's frame
    inside = np.isfinite(seen)
    if inside.sum() < 0.25 * inside.size:
        return None
    fit, settled = _ecc_fit(a, b, a2, b2, w_ab, seen, inside, fb.grey.shape, start_min)
    if fit is not None or not settled:
        return fit
    found = _gain_field(np.where(inside, seen, 0).astype(np.float32), b2, inside)
    if found is None:
        return None
    field = found[0]
    h, w = field.shape
    if float(field[h // 2, w // 2]) <= max(field[0, 0], field[0, -1], field[-1, 0], field[-1, -1]):
        return None
    b2 = b2 / field
    b = b / cv2.resize(field, (b.shape[1], b.shape[0]), interpolation=cv2.INTER_LINEAR)
    return _ecc_fit(a, b, a2, b2, w_ab, seen, inside, fb.grey.shape, start_min)[0]


_HALF = np.array([[1, 1, 0.5], [1, 1, 0.5]], np.float32)  # an affine warp of full-size greys, at half size


def _ecc_fit(a: np.ndarray, b: np.ndarray, a2: np.ndarray, b2: np.ndarray, w_ab: np.ndarray, seen: np.ndarray,
             inside: np.ndarray, shape: tuple[int, int], start_min: float
             ) -> tuple[tuple[np.ndarray, int] | None, bool]:
    """``_register_ecc``'s refinement of the guess ``w_ab`` (``a`` into ``b``; ``seen``: ``a2`` so warped into
    ``b2``'s frame, ``inside`` where it reaches), on the greys ``a``, ``b`` and their halves ``a2``, ``b2``: the
    registration or ``None``, and whether the two correlated by ``ECC_EARLY_MIN`` after the first steps (what
    failed then was the rest: a correlation short of a copy's, or an affine that is no similarity)."""
    # coarse to fine: at a quarter of the pixels first (most of the iterations), then a few at full size.
    # ECC is least squares: a sticker or caption would drag it away. Leave out of the input (b) what the first
    # guess already shows far beyond the rest (a local edit; at a crop's guess, the margins it moves most).
    zb = (b2 - b2[inside].mean()) / max(1e-6, float(b2[inside].std()))
    za = (seen - seen[inside].mean()) / max(1e-6, float(seen[inside].std()))
    off = np.where(inside, np.abs(za - zb), np.inf)
    keep2 = (off <= max(ECC_OUTLIER * float(np.median(off[inside])), 0.25)).astype(np.uint8)
    keep = cv2.resize(keep2, (b.shape[1], b.shape[0]), interpolation=cv2.INTER_NEAREST)
    # ECC only refines: on a smooth picture its affine steps can wander off a guess that was already right (a
    # PNG re-save of a gradient), so every pass is kept only if it correlates better than where it started
    c0 = _correlation(seen, b2, keep2)
    if c0 < start_min:  # where the hashes put it, a copy correlates at once; another picture seldom does
        return None, False
    crit = cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS
    w2, cc = _ecc_pass(a2, b2, w_ab * _HALF, c0, (crit, ECC_EARLY_STEPS, 1e-4), keep2)
    # a few steps first: from the hashes' guess a copy correlates well at once, another picture does not
    if cc < ECC_EARLY_MIN:
        return None, False
    w2, cc = _ecc_pass(a2, b2, w2, cc, (crit, 40 - ECC_EARLY_STEPS, 1e-4), keep2)
    if cc < ECC_COARSE_MIN:  # far from a copy: not worth the fine pass
        return None, True
    start = w2 / _HALF
    w_ab, cc = _ecc_pass(a, b, start, _correlation(_seen_in(a, b, start), b, keep), (crit, 8, 1e-5), keep)
    m = cv2.invertAffineTransform(w_ab).astype(np.float64)
    sx, sy = math.hypot(m[0, 0], m[1, 0]), math.hypot(m[0, 1], m[1, 1])
    shear = abs(m[0, 0] * m[0, 1] + m[1, 0] * m[1, 1]) / max(1e-9, sx * sy)
    if cc < ECC_MIN:
        return None, True
    if abs(sx - sy) > ECC_SCALE_DIFF * max(sx, sy) or shear > ECC_SCALE_DIFF:
        # on a smooth picture the affine's stretch and shear are barely constrained (OpenCV releases differ in
        # where they stop): the nearest similarity, about b's centre, must correlate as well
        m = _nearest_similarity(m, shape)
        w_sim = cv2.invertAffineTransform(m)
        if _correlation(_seen_in(a, b, w_sim), b, keep) < max(ECC_MIN, cc - ECC_SIMILARITY_LOSS):
            return None, True
    return (m, 0), True


def _nearest_similarity(m: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """The similarity (scale, roll, shift) nearest the affine ``m`` that maps the centre of a ``shape`` frame
    where ``m`` does."""
    a, b = (m[0, 0] + m[1, 1]) / 2, (m[1, 0] - m[0, 1]) / 2  # the rotation-and-scale part of the linear map
    h, w = shape
    centre = np.array([w / 2, h / 2])
    lin = np.array([[a, -b], [b, a]])
    shift = m[:, :2] @ centre + m[:, 2] - lin @ centre
    return np.hstack([lin, shift[:, None]])


def register(fa: _Features, fb: _Features) -> tuple[np.ndarray, int] | None:
    """Similarity ``b -> a`` with its number of inliers: from ORB features, else, for a picture with fewer than
    ``FEW_FEATURES`` of them, by ECC from the hashes' guess; ``None`` when neither holds, or when either grey is
    narrower than ``MIN_GREY_SIDE`` (a picture of one pixel, a line: nothing to align, the core's rule decides)."""
    if min(*fa.grey.shape, *fb.grey.shape) < MIN_GREY_SIDE:
        return None
    fit = _register_features(fa, fb)
    if fit is None and min(len(fa.pts), len(fb.pts)) < FEW_FEATURES:
        fit = _register_ecc(fa, fb)
    return fit


def prove(a: DupCandidate, b: DupCandidate, fa: _Features, fb: _Features, *,
          similar_only: bool = False) -> Verdict | None:
    """Verdict of copy ``b`` against keeper ``a``, or ``None`` when the two cannot be registered.

    ``similar_only``: the two are known to be two captures (``desktop.core.dedup.other_captures``: the camera's
    clock), so nothing the tiles could say changes what they are: a registration that holds makes them
    ``similar``, with the transform, and the comparison is skipped (nine tenths of a proof's time)."""
    fit = register(fa, fb)
    if fit is None:
        return None
    verdict = _compare(a, b, fa, fb, *fit, similar_only=similar_only)
    if verdict is not None and verdict.moved and fit[1] > 0:
        # the tiles sit off one transform: a feature fit on a repeating texture can be a pixel or two off (RANSAC's
        # tolerance), beyond what one Lucas-Kanade step per tile measures. Refined by ECC from it, once
        refined = _refined(fa, fb, fit[0])
        if refined is not None:
            again = _compare(a, b, fa, fb, refined, fit[1], similar_only=similar_only)
            if again is not None and (not again.moved or again.spread < verdict.spread):
                verdict = again
    if verdict is not None and verdict.kind == SAME and _pixel_aligned(fa, fb, fit[0]):
        # Two pictures of one frame size, neither turned nor scaled against the other: a copy of one capture at
        # its own size keeps every pixel where it was (a re-save, an edit of colours, an EXIF turn made upright),
        # so laid one on the other as they are, each textured patch is in its place. Two exposures of a camera
        # held still are not: what moved between them (a hand holding a cup against a plain wall) is off by a
        # fraction of a pixel that the fitted transform took up (the features were on what moved) and the
        # registration error allowed for.
        off = _unregistered_shift(fa, fb)
        if off > ALIGNED_SHIFT:
            return replace(verdict, kind=SIMILAR, spread=off, moved=True)
    return verdict


def _refined(fa: _Features, fb: _Features, m: np.ndarray) -> np.ndarray | None:
    """The similarity ``m`` (``b -> a``) refined by ECC on the two greys (a few affine steps, then the nearest
    similarity), or ``None`` when that does not correlate better than ``m`` itself."""
    (a, _), (b, _) = fa.ecc_grey, fb.ecc_grey
    w = cv2.invertAffineTransform(m).astype(np.float32)
    mask = np.ones(b.shape, np.uint8)
    start = _correlation(_seen_in(a, b, w), b, mask)
    crit = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 20, 1e-5)
    w2, cc = _ecc_pass(a, b, w, start, crit, mask)
    if cc <= start:
        return None
    near = _nearest_similarity(cv2.invertAffineTransform(w2).astype(np.float64), fb.grey.shape)
    if _correlation(_seen_in(a, b, cv2.invertAffineTransform(near)), b, mask) <= start:
        return None
    return near


def _unregistered_shift(fa: _Features, fb: _Features) -> float:
    """Pixels (stored grey): how far the textured tiles of ``fb`` sit from the same place in ``fa``, the two laid
    one on the other as they are (one Lucas-Kanade step per tile, as ``_tiles``; the second largest, as there).
    Tiles the tone curve cannot predict (an edit, a clipped colour) say nothing of the geometry and are left out."""
    h, w = fa.grey.shape
    # a clipped level is a bound, not a measurement: after an edit that clipped (a brightening that went white:
    # one picture has clearly more clipped pixels than the other), where one of the two is clipped and the other
    # not, and as far as the blur carries it, an edge says nothing of where it lies. Two exposures clip alike.
    ca = (fa.grey <= CLIPPED) | (fa.grey >= 255 - CLIPPED)
    cb = (fb.grey <= CLIPPED) | (fb.grey >= 255 - CLIPPED)
    mask = np.ones((h, w), bool)
    if abs(float(ca.mean()) - float(cb.mean())) > CLIP_EDIT_SHARE:
        mask = cv2.dilate((ca != cb).astype(np.uint8), np.ones((7, 7), np.uint8)) == 0
    mask[:EDGE], mask[-EDGE:], mask[:, :EDGE], mask[:, -EDGE:] = False, False, False, False
    if mask.sum() < 0.25 * h * w:
        return 0.0
    kx = cv2.GaussianBlur(fa.grey.astype(np.float32), (0, 0), BLUR)
    cy = cv2.GaussianBlur(fb.grey.astype(np.float32), (0, 0), BLUR)
    geom = (0, 0, h / GRID, w / GRID)
    tiles = _tiles(kx, cy, mask, geom, absolute=True)
    if tiles is None:
        return 0.0
    if tiles[5] > ALIGNED_SHIFT:  # unless a vignette's gain slope reads as a shift of every tile on it
        flat = _flattened(kx, cy, mask, _tone_curve(cy[mask], kx[mask]))
        again = _tiles(kx, flat[0], mask, geom, lut=flat[1], absolute=True) if flat is not None else None
        if again is not None:
            return min(tiles[5], again[5])
    return tiles[5]


def _pixel_aligned(fa: _Features, fb: _Features, m: np.ndarray) -> bool:
    """Both stored greys show a whole frame of one size (no content box trimmed: no screenshot, no border), and
    the registration neither turns nor scales one against the other (``ALIGNED_TURN``, ``ALIGNED_SCALE``)."""
    if fa.grey.shape != fb.grey.shape or tuple(fa.proof.frame) != tuple(fb.proof.frame):
        return False
    if fa.proof.box != (0.0, 0.0, 1.0, 1.0) or fb.proof.box != (0.0, 0.0, 1.0, 1.0):
        return False
    scale, angle = _similarity(m)
    return abs(scale - 1.0) <= ALIGNED_SCALE and abs(angle) <= ALIGNED_TURN


def _compare(a: DupCandidate, b: DupCandidate, fa: _Features, fb: _Features, m: np.ndarray, inliers: int, *,
             similar_only: bool = False) -> Verdict | None:
    """The verdict of copy ``b`` against keeper ``a`` registered by ``m`` (``prove``)."""
    s, angle = _similarity(m)  # b -> a
    if not 0.2 < s < 5.0:
        return None
    ga, gb = fa.grey, fb.grey
    # warp the finer onto the coarser
    if s < 1.0:  # b is finer: a pixel of b covers less than one of a
        fine, coarse, t, r = gb, ga, m, 1.0 / s
    else:
        fine, coarse, t, r = ga, gb, cv2.invertAffineTransform(m), s
    if r > 1.05:
        fine = cv2.GaussianBlur(fine, (0, 0), 0.5 * math.sqrt(r * r - 1))
    h, w = coarse.shape
    warped = cv2.warpAffine(fine.astype(np.float32), t, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpAffine(np.ones(fine.shape, np.uint8), t, (w, h), flags=cv2.INTER_NEAREST)
    mask = cv2.erode(mask, np.ones((5, 5), np.uint8)) > 0
    mask[:EDGE], mask[-EDGE:], mask[:, :EDGE], mask[:, -EDGE:] = False, False, False, False  # chrome bleed, JPEG edges
    if mask.sum() < 0.1 * h * w:
        return None
    xc = cv2.GaussianBlur(coarse.astype(np.float32), (0, 0), BLUR)
    yw = cv2.GaussianBlur(warped, (0, 0), BLUR)
    keeper_is_coarse = coarse is ga
    kx, cy = (xc, yw) if keeper_is_coarse else (yw, xc)  # keeper's grey, copy's grey, in the coarse frame
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    th, tw = (y1 - y0) / GRID, (x1 - x0) / GRID
    # Each way round (either may be the edited one): predict one from the other's tones, keep the better.
    # The second way round only when the first finds a tile beyond noise (every tile within it is the answer).
    geom = (y0, x0, th, tw)
    if similar_only:
        if int(_tile_grid(mask, geom)[3].sum()) < GRID * GRID // 4:  # as ``_tiles``: too little overlap
            return None
        return Verdict(SIMILAR, _transform(a, b, fa, fb, m, kx[mask], cy[mask], s, angle), inliers=inliers)
    lut = _tone_curve(cy[mask], kx[mask])  # the keeper's grey -> the copy's, for the tiles and the perspective
    grey_lut = lut
    compared = cy  # the copy's grey as the tiles compared it (a vignette taken out)
    ref = kx  # what the copy's grey is predicted from: the keeper's grey, or its colours (below)
    first = _tiles(kx, cy, mask, geom, lut=lut)
    tiles = first
    if first is None or first[1].any():
        second = _tiles(cy, kx, mask, geom, first[4] if first is not None else None)
        if first is not None and second is not None and second[4] < first[4]:  # one noise for the pair
            first = _tiles(kx, cy, mask, geom, second[4], fit=first[6])  # the same fit, the pair's noise
        tiles = min((first, second), key=lambda r: (r is None, r and (int(r[1].sum()), float(r[2].mean()))))
        if tiles is not None and tiles[1].any() and _colours_edited(fa, fb, lut, kx[mask]):
            # a colour edit that clips: the grey alone cannot predict it
            # an affine map of the colours with clipping, and that map with a tone curve per channel after it
            for predicted in _colour_predicted(fa, fb, t, keeper_is_coarse, kx, cy, mask):
                lut_c = _tone_curve(cy[mask], predicted[mask])
                third = _tiles(predicted, cy, mask, geom, tiles[4], lut=lut_c)
                if third is not None and int(third[1].sum()) < int(tiles[1].sum()):
                    tiles, ref, lut = third, predicted, lut_c
    if tiles is not None and (tiles[1].any() or tiles[5] > LOCAL_SHIFT):
        # a vignette: the copy's gain falls off towards the edges, which no tone curve of the grey follows (tiles
        # beyond it), and whose slope across a tile reads as a shift of the tile (the local shifts off one transform)
        flat = _flattened(ref, cy, mask, lut)
        if flat is not None:
            fourth = _tiles(ref, flat[0], mask, geom, tiles[4], lut=flat[1])
            if fourth is not None and (int(fourth[1].sum()), fourth[5]) < (int(tiles[1].sum()), tiles[5]):
                tiles, (compared, lut) = fourth, flat
    if tiles is None:
        return None
    stats, bad, ratio, outliers, noise, local, _ = tiles
    if _predicts_little(tiles[6]):
        return None  # registered, but the one picture's texture does not predict the other's: other content
    grid = np.zeros((GRID, GRID), bool)
    for (i, j, *_), bd in zip(stats, bad, strict=True):
        grid[i, j] = bd
    share = float(bad.mean())
    transform = _transform(a, b, fa, fb, m, kx[mask], cy[mask], s, angle)
    region, moved = None, False
    coarse_features = fa if keeper_is_coarse else fb  # its colour takes part in the perspective's photometry
    covered = (_chrome_over_picture(fb, m, fa, lut=grey_lut)
               or _chrome_over_picture(fa, cv2.invertAffineTransform(m), fb, m)
               or _band_edit(a, b, fa, fb, m))
    if local > LOCAL_SHIFT:  # no single transform explains the frame: parallax, perspective, motion
        kind, moved = SIMILAR, True
    elif covered is not None:
        kind, region = EDITED, covered
    elif not bad.any():
        turned = _perspective(ref, compared, mask, noise, lut, coarse_features.chroma, compared is not cy)
        if turned > PERSPECTIVE_PX and compared is cy:  # unless what seemed perspective is a vignette's gain
            flat = _flattened(ref, cy, mask, lut)
            if flat is not None:
                compared, lut = flat
                turned = _perspective(ref, compared, mask, noise, lut, coarse_features.chroma, True)
        if turned > PERSPECTIVE_PX:  # the camera turned
            kind, moved = SIMILAR, True
        else:
            # what the grey cannot see: a red line on a dark picture
            region = _colour_edit(fa, fb, m, vignette=compared is not cy)
            kind = SAME if region is None else EDITED
    else:
        comps = _components(grid)
        big = max(comps, key=len)
        bbox_tiles = (max(c[0] for c in big) - min(c[0] for c in big) + 1) * (
            max(c[1] for c in big) - min(c[1] for c in big) + 1)
        if len(comps) == 1 and share <= EDIT_SHARE and bbox_tiles <= EDIT_SHARE * GRID * GRID * 1.5:
            # A compact region that disagrees is an edit, unless the rest of the frame shows the camera turned: the
            # perspective of another capture grows towards the frame's corners, where it leaves a corner's tiles
            # beyond noise and the others within (a 2-degree pan against a copy of the photo).
            # The region's tiles and their neighbours are left out (an edit's edge reaches into the next tile).
            fit = tiles[6]
            near = cv2.dilate(grid.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
            rest = mask.copy()
            for i, j in zip(*np.nonzero(near), strict=True):
                rest[fit.rows[i]:fit.rows[i + 1], fit.cols[j]:fit.cols[j + 1]] = False
            if _perspective(ref, compared, rest, noise, lut, coarse_features.chroma, compared is not cy) > PERSPECTIVE_PX:
                kind, moved = SIMILAR, True
            else:
                kind = EDITED
                region = _region(big, (y0, x0, th, tw), keeper_is_coarse, m, fa)
        else:
            kind = SIMILAR
    if kind in (SAME, EDITED):
        named = _filters_seen(fa, fb, m, vignette=compared is not cy)
        if named:
            transform = replace(transform, filters=named)
    return Verdict(kind, transform, region, share, len(stats), noise, inliers, float(ratio.max()),
                   float(outliers.max()), local, moved)


def _filters_seen(fa: _Features, fb: _Features, m: np.ndarray, *, vignette: bool) -> tuple[str, ...]:
    """The filters of the whole picture the copy ``fb`` shows against its keeper ``fa``, for the transform's words:
    its colour a function of its grey where the keeper's is not (``_one_hue_per_level``): "black-and-white" when it
    has no colour at all (Cb and Cr within ``COLOUR_NOISE`` of grey on 99 % of it), else "toned" (sepia); and
    "vignette" when a smooth gain was taken out of it for the comparison (``_gain_field``). The keeper is looked
    at where the copy shows it (``m``: the copy's grey -> the keeper's): a crop that leaves out the one colourful
    corner of a grey picture is not toned."""
    named = []
    if fa.chroma is not None and fb.chroma is not None:
        planes = []
        for f in (fa, fb):
            h, w = f.chroma.shape[1:]
            luma = cv2.resize(f.grey.astype(np.float32), (w, h), interpolation=cv2.INTER_AREA).ravel()
            chroma = np.stack([c.ravel() for c in f.chroma], -1).astype(np.float64)
            if f is fa:
                (ha, wa), (hb, wb) = fa.grey.shape, fb.grey.shape
                seen = cv2.warpAffine(np.ones((hb, wb), np.uint8), m.astype(np.float32), (wa, ha),
                                      flags=cv2.INTER_NEAREST)
                inside = cv2.resize(seen, (w, h), interpolation=cv2.INTER_NEAREST).ravel() > 0
                if inside.sum() >= 16:
                    chroma, luma = chroma[inside], luma[inside]
            planes.append((chroma, luma))
        if _one_hue_per_level(*planes[1]) and not _one_hue_per_level(*planes[0]):
            grey = np.percentile(np.abs(planes[1][0] - 128).max(axis=1), 99) <= COLOUR_NOISE
            named.append("black-and-white" if grey else "toned")
    if vignette:
        named.append("vignette")
    return tuple(named)


def _planes(proof: Proof) -> np.ndarray | None:
    """The stored Cb and Cr of a proof as a (2, h, w) float array; ``None`` for older fingerprints or bad bytes."""
    if not proof.chroma_jpeg:
        return None
    both = cv2.imdecode(np.frombuffer(proof.chroma_jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    if both is None or both.shape[1] < 2 or both.shape[1] % 2:
        return None
    w = both.shape[1] // 2
    return np.stack([both[:, :w], both[:, w:]]).astype(np.float32)


def _colour_edit(fa: _Features, fb: _Features, m: np.ndarray, *, vignette: bool = False
                 ) -> tuple[float, float, float, float] | None:
    """A compact region where the colours of two registered pictures differ beyond a global colour change, as a
    box in % of the keeper (``a``); ``None`` when the colours agree, cannot be compared, or differ all over.

    ``b``'s Cb and Cr are laid over ``a``'s by the registration ``m`` (b -> a, in proof pixels); a global affine
    map of (Y, Cb, Cr) to (Cb, Cr) absorbs saturation, white balance and colour filters (any linear change of R, G, B). A pixel is off when its colour is more than
    ``COLOUR_LEVELS`` away and beyond ``Z_PIXEL`` times what JPEG noise and the registration error make of the
    local colour gradient (present in both); a tile is off when more than ``COLOUR_SHARE`` of it is. ``vignette``:
    the greys showed a gain that changes over the frame (``_gain_field``); it scales the copy's colours as it does
    its grey (a vignette darkens R, G and B alike), so it is taken out of the copy's grey and colours first."""
    ca, cb = fa.chroma, fb.chroma
    if ca is None or cb is None:
        return None
    (ha, wa), (hb, wb) = ca.shape[1:], cb.shape[1:]
    ga, gb = fa.grey.shape, fb.grey.shape
    sa = np.diag([wa / ga[1], ha / ga[0], 1.0])
    sb_inv = np.diag([gb[1] / wb, gb[0] / hb, 1.0])
    mc = (sa @ np.vstack([m, [0, 0, 1]]) @ sb_inv)[:2]  # b's chroma pixels -> a's chroma pixels
    warped = np.stack([cv2.warpAffine(p, mc, (wa, ha), flags=cv2.INTER_LINEAR) for p in cb])
    mask = cv2.warpAffine(np.ones((hb, wb), np.uint8), mc, (wa, ha), flags=cv2.INTER_NEAREST)
    mask = cv2.erode(mask, np.ones((7, 7), np.uint8)) > 0  # the copy's own edges: resampling and blur bleed
    mask[:3], mask[-3:], mask[:, :3], mask[:, -3:] = False, False, False, False
    # where a channel is (nearly) clipped in a picture a brightness or saturation edit moves its colour
    # non-linearly: the fit leaves such pixels out. A pixel clipped in one picture only is still compared, against
    # a wider limit (a pure red stroke is clipped in every channel; a global edit that clips a colour moves it by
    # what it pushed beyond the range, not by ``CLIP_LEVELS``)
    luma_a = cv2.resize(fa.grey.astype(np.float32), (wa, ha), interpolation=cv2.INTER_AREA)
    luma_b = cv2.warpAffine(fb.grey.astype(np.float32), (sa @ np.vstack([m, [0, 0, 1]]))[:2], (wa, ha),
                            flags=cv2.INTER_LINEAR)
    if vignette:
        inside = mask & (luma_b > 0)
        found = _gain_field(luma_a, luma_b, inside)
        if found is not None:
            field = found[0]
            luma_b = luma_b / field
            warped = (warped - 128) / field + 128
    inside_range = []
    for luma, (pb, pr) in ((luma_a, ca), (luma_b, warped)):
        inside_range.append(np.all(_unclipped(_rgb(luma, pb, pr)), axis=0))
    unclipped = inside_range[0] & inside_range[1]
    one_side = inside_range[0] ^ inside_range[1]
    fit_px = mask & unclipped
    if fit_px.sum() < 0.1 * ha * wa:
        return None
    mask &= unclipped | one_side
    x = np.stack([cv2.GaussianBlur(p, (0, 0), COLOUR_BLUR) for p in ca])
    y = np.stack([cv2.GaussianBlur(p, (0, 0), COLOUR_BLUR) for p in warped])
    xs, ys = x[:, mask].T.astype(np.float64), y[:, mask].T.astype(np.float64)
    # any linear change of R, G and B (white balance, a colour matrix, saturation) is affine in (Y, Cb, Cr)
    yl = cv2.GaussianBlur(luma_b, (0, 0), COLOUR_BLUR)[mask].astype(np.float64)[:, None]
    xl = cv2.GaussianBlur(luma_a, (0, 0), COLOUR_BLUR)[mask].astype(np.float64)[:, None]
    in_fit = unclipped[mask]
    grad = np.zeros_like(mask, np.float64)
    for p, q in zip(x, y, strict=True):  # colour edges in both: where a registration error shows
        gy, gx = np.gradient(p)
        hy, hx = np.gradient(q)
        grad += np.minimum(gy * gy + gx * gx, hy * hy + hx * hx)
    ys_, xs_ = np.nonzero(mask)
    y0, y1, x0, x1 = ys_.min(), ys_.max() + 1, xs_.min(), xs_.max() + 1
    th, tw = (y1 - y0) / GRID, (x1 - x0) / GRID
    # per tile, from integral images: pixels in the overlap, and of those the ones off
    er = np.array([int(y0 + i * th) for i in range(GRID + 1)])  # tile edges
    ec = np.array([int(x0 + j * tw) for j in range(GRID + 1)])

    def box_sums(v: np.ndarray) -> np.ndarray:
        s = cv2.integral(v.astype(np.uint8))  # (h + 1, w + 1), int32
        return (s[er[1:, None], ec[None, 1:]] - s[er[:-1, None], ec[None, 1:]] - s[er[1:, None], ec[None, :-1]]
                + s[er[:-1, None], ec[None, :-1]])

    inside = box_sums(mask)
    size = np.diff(er)[:, None] * np.diff(ec)[None, :]
    covered = inside >= MIN_COVER * np.maximum(1, size)

    def off_tiles(target: np.ndarray, chroma: np.ndarray, luma: np.ndarray, target_luma: np.ndarray
                  ) -> tuple[np.ndarray, Callable[[], np.ndarray]]:
        """Tiles whose colours are off when ``target`` is predicted from the other picture's colours by the affine
        map, and (called when needed) of those the tiles still off when a pixel must also be off a colour matrix
        with a tone curve per channel (``_graded``: what an edit that clipped a channel and then moved it makes)."""
        design = np.hstack([chroma, luma, np.ones((len(chroma), 1))])
        keep = in_fit
        for refit in (False, True):  # refit without the pixels far off the first fit (the edit itself)
            # least squares by the normal equations (four columns, 0-255 and 1): the same fit at a 4x4 solve;
            # their minimum-norm solution when a grey picture makes the colour columns constant
            d = design[keep]
            coef = np.linalg.lstsq(d.T @ d, d.T @ target[keep], rcond=None)[0]
            res = np.hypot(*(design @ coef - target).T)
            typical = _median(res[in_fit])
            if not refit:
                keep = in_fit & (res <= max(3 * typical, 1.0))
        noise = max(COLOUR_NOISE, typical * 1.5)
        limit = np.maximum(np.where(in_fit, COLOUR_LEVELS, CLIP_LEVELS),
                           Z_PIXEL * np.sqrt(noise * noise + REG_ERROR * REG_ERROR * grad[mask]))

        def tiles_of(beyond: np.ndarray) -> np.ndarray:
            off = np.zeros_like(mask)
            off[mask] = beyond
            return covered & (box_sums(off & mask) > COLOUR_SHARE * np.maximum(inside, 1))

        def graded() -> np.ndarray:
            made = _graded(_rgb(luma[:, 0], chroma[:, 0], chroma[:, 1]),
                           _rgb(target_luma[:, 0], target[:, 0], target[:, 1]), in_fit)
            return tiles_of((res > limit) & (np.hypot(*(_chroma_of(made) - target.T)) > limit))

        return tiles_of(res > limit), graded

    # Each way round: colours an edit added are predicted by nothing in the other picture, but a fit that
    # predicts the unedited picture from the edited one may give the added colour no weight (a red stroke over a
    # sky of one colour). A global change has one map each way; colours off all over one way are no edit.
    if _one_hue_per_level(ys, yl[:, 0]):
        # the copy's colour is a function of its grey (black and white, sepia, a duotone filter): it has no colour
        # of its own to compare, and the greys were compared already (a sticker in colour would have made more
        # than OFF_BAND_SHARE of it off its level's colour)
        return None
    found = None
    ways = [(xs, ys, yl, xl), (ys, xs, xl, yl)]
    for grid, graded in (off_tiles(*way) for way in ways):
        if not grid.any():
            continue
        comps = _components(grid)
        if len(comps) != 1 or len(comps[0]) > EDIT_SHARE * GRID * GRID:
            continue  # colours differ all over: a colour change of the whole picture, not an edit
        if not graded().any():
            continue  # a global edit explains them: a channel clipped, then moved (a sunset's sun, brightened)
        if found is None or len(comps[0]) > len(found):
            found = comps[0]
    if found is None:
        return None
    rows, cols = [c[0] for c in found], [c[1] for c in found]
    clip = lambda v: float(min(100.0, max(0.0, v)))  # noqa: E731
    return (clip(100 * (x0 + min(cols) * tw) / wa), clip(100 * (y0 + min(rows) * th) / ha),
            clip(100 * (x0 + (max(cols) + 1) * tw) / wa), clip(100 * (y0 + (max(rows) + 1) * th) / ha))


def _one_hue_per_level(chroma: np.ndarray, luma: np.ndarray) -> bool:
    """Fewer than ``OFF_BAND_SHARE`` of the pixels (``chroma``: (n, 2) Cb, Cr; ``luma``: (n,) grey) are more than
    ``COLOUR_LEVELS`` off the mean colour of their grey level (4 levels a bin): the picture's colour is a function
    of its grey (black and white, sepia), so it carries no hue that could predict another picture's."""
    if len(luma) == 0:
        return False
    bins = np.clip(luma, 0, 255).astype(np.intp) >> 2
    n = np.maximum(np.bincount(bins, minlength=64), 1)
    mean = np.stack([np.bincount(bins, weights=c, minlength=64) / n for c in chroma.T], -1)
    off = np.hypot(*(chroma - mean[bins]).T) > COLOUR_LEVELS
    return float(off.mean()) < OFF_BAND_SHARE


def _rgb(y: np.ndarray, cb: np.ndarray, cr: np.ndarray) -> np.ndarray:
    """R, G, B (stacked on a first axis of 3) of grey ``y`` and stored Cb, Cr (JPEG's full-range YCbCr)."""
    return np.stack([y + 1.402 * (cr - 128), y - 0.344 * (cb - 128) - 0.714 * (cr - 128), y + 1.772 * (cb - 128)])


def _unclipped(rgb: np.ndarray) -> np.ndarray:
    """Per channel: not within ``CLIPPED`` of 0 or 255 (a clipped channel's level says nothing of an edit)."""
    return (rgb > CLIPPED) & (rgb < 255 - CLIPPED)


def _colours_edited(fa: _Features, fb: _Features, lut: np.ndarray, keeper_grey: np.ndarray) -> bool:
    """The copy's colours or tones were changed as a whole: its mean Cb or Cr moved by more than twice the colour
    noise (white balance, a filter), their spread by more than a tenth (saturation), or the tone curve moves a
    grey level of the keeper's middle 90 % by more than ``FLAT_BAND`` (brightness, contrast). Other pairs (bursts,
    local edits, plain copies) are not retried with predicted colours: it changes nothing for them."""
    pa, pb = fa.chroma, fb.chroma
    if pa is None or pb is None:
        return False
    ma, mb = pa.reshape(2, -1).mean(1), pb.reshape(2, -1).mean(1)
    sa, sb = pa.reshape(2, -1).std(1), pb.reshape(2, -1).std(1)
    spread_change = np.abs(np.log(np.maximum(sb, 1.0) / np.maximum(sa, 1.0)))
    if np.abs(ma - mb).max() > 2 * COLOUR_NOISE or (spread_change > 0.1).any():
        return True
    lo, hi = np.percentile(keeper_grey, [5, 95]).astype(int)
    levels = np.arange(max(0, lo), min(255, hi) + 1)
    return bool(len(levels) and np.abs(lut[levels] - levels).max() > FLAT_BAND)


def _colour_predicted(fa: _Features, fb: _Features, t: np.ndarray, keeper_is_coarse: bool, kx: np.ndarray,
                      cy: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
    """The copy's grey as a global colour edit makes it of the keeper's colours, in the compared (coarse) frame,
    twice: by the affine map below, and by that map followed by a tone curve per channel (``_channel_curves``: an
    edit after one that clipped); none without stored colour. Brightness, contrast, saturation, white balance and
    colour filters are each one affine map of R, G and B; what it pushes beyond 0 or 255 is clipped per channel, which moves the grey by
    hue (a bright red clips where a grey of the same level does not) and no tone curve of the grey can follow.
    The map is fitted on pixels unclipped in both pictures, twice (the second time without the pixels far off
    the first fit: an edit), from the greys compared (``kx``: the keeper's, ``cy``: the copy's) and the stored
    Cb and Cr laid over them as the greys were (``t``: the finer picture's grey -> the coarse one's)."""
    planes = []
    h, w = mask.shape
    for f, coarse in ((fa, keeper_is_coarse), (fb, not keeper_is_coarse)):
        p = f.chroma
        if p is None:
            return []
        gh, gw = f.grey.shape
        up = [cv2.resize(c, (gw, gh), interpolation=cv2.INTER_LINEAR) for c in p]
        if not coarse:
            up = [cv2.warpAffine(c, t, (w, h), flags=cv2.INTER_LINEAR) for c in up]
        planes.append([cv2.GaussianBlur(c, (0, 0), BLUR) for c in up])

    keeper, copy = _rgb(kx, *planes[0]), _rgb(cy, *planes[1])
    unclipped = mask & np.all(_unclipped(keeper) & _unclipped(copy), axis=0)
    sel = unclipped.copy()
    sel[1::2, :] = False
    sel[:, 1::2] = False
    if int(sel.sum()) < 200:
        return []
    design = np.vstack([keeper[:, sel], np.ones(int(sel.sum()))]).T.astype(np.float64)
    target = copy[:, sel].T.astype(np.float64)
    coef = np.linalg.lstsq(design, target, rcond=None)[0]  # (4, 3)
    err = np.abs(design @ coef - target).max(axis=1)
    keep = err <= max(3 * _median(err), 2.0)
    coef = np.linalg.lstsq(design[keep], target[keep], rcond=None)[0]  # again without the pixels far off the first
    made = np.tensordot(coef[:3].T, keeper, axes=1) + coef[3][:, None, None]
    return [(0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2]).astype(np.float32)
            for v in (np.clip(made, 0, 255), _channel_curves(made, copy, mask))]


def _channel_curves(made: np.ndarray, target: np.ndarray, sel: np.ndarray) -> np.ndarray:
    """``made`` (R, G, B on a first axis of 3), clipped to 0-255, through one monotone tone curve per channel
    fitted to ``target`` over ``sel``: an editor's brightness, contrast, gamma or curves act on each channel and clip
    it, and a second edit after a first moves what the first clipped to a level below 255 (a brightened sunset
    whose contrast was then lowered: its sun's red is flat at 230), which no affine map with clipping at 0 and 255
    follows."""
    out = np.empty(made.shape, np.float32)
    for c in range(3):
        m = np.clip(made[c], 0, 255)
        out[c] = np.clip(_through(_tone_curve(target[c][sel], m[sel]), m), 0, 255)
    return out


def _graded(src: np.ndarray, dst: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """``dst`` (R, G, B, (3, n)) predicted from ``src`` by a global colour edit: one affine map of R, G, B (white
    balance, saturation, a colour filter) fitted on the pixels ``fit`` (unclipped in both), then a tone curve per
    channel fitted on all (``_channel_curves``)."""
    design = np.vstack([src, np.ones(src.shape[1])]).T.astype(np.float64)
    d, y = design[fit], dst.T[fit].astype(np.float64)
    coef = np.linalg.lstsq(d.T @ d, d.T @ y, rcond=None)[0]  # (4, 3), by the normal equations
    return _channel_curves((design @ coef).T, dst, np.ones(src.shape[1], bool))


def _chroma_of(rgb: np.ndarray) -> np.ndarray:
    """Cb and Cr (JPEG's full range, stacked on a first axis of 2) of R, G, B on a first axis of 3."""
    r, g, b = rgb
    return np.stack([128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 128 + 0.5 * r - 0.418688 * g - 0.081312 * b])


def _through(lut: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """``grey`` (0-255, fractional) through the 256-entry ``lut``, linearly between entries: what
    ``np.interp(grey, np.arange(256), lut)`` gives, in float32, at a seventh of its time."""
    i = np.clip(grey, 0, 254).astype(np.intp)  # the entry below: clipped before or after the cut, the same
    lut = lut.astype(np.float64)
    return (lut.take(i) + (grey.astype(np.float64) - i) * np.diff(lut).take(i)).astype(np.float32)


def _bounds(start: float, step: float, size: int) -> list[int]:
    """The ``GRID + 1`` bounds of the tiles along one side, clipped to the frame's ``size``."""
    return [min(size, max(0, int(start + i * step))) for i in range(GRID + 1)]


def _tile_grid(mask: np.ndarray, geom) -> tuple[list[int], list[int], np.ndarray, np.ndarray]:
    """The ``GRID`` x ``GRID`` tiles of ``geom`` (top, left, tile height, tile width) over the overlap ``mask``:
    ``(row bounds, column bounds, overlap pixels per tile, tiles covered by at least MIN_COVER)``, the tiles
    ``_tiles`` compares; a tile spans its bounds, clipped to the frame."""
    y0, x0, th, tw = geom
    h, w = mask.shape
    rows, cols = _bounds(y0, th, h), _bounds(x0, tw, w)
    area = cv2.integral(mask.view(np.uint8) if mask.dtype == bool else mask.astype(np.uint8))  # (h + 1, w + 1)
    r, c = np.array(rows), np.array(cols)
    corner = area[r[:, None], c[None, :]].astype(np.float64)  # overlap pixels above and left of each bound
    count = (corner[1:, 1:] - corner[:-1, 1:] - corner[1:, :-1] + corner[:-1, :-1]).ravel()
    size = np.outer(np.diff(r), np.diff(c)).ravel().astype(np.float64)
    keep = (size > 0) & ~(count / np.maximum(size, 1) < MIN_COVER)  # the share of the tile in the overlap
    return rows, cols, count, keep


@dataclass
class _TileFit:
    """What ``_tiles`` finds before it knows the noise: per-tile sums, and per pixel the residual, the grey
    predicted and the prediction's squared gradient that it compares against the noise."""

    rows: list[int]
    cols: list[int]
    count: np.ndarray  # overlap pixels per tile
    keep: np.ndarray  # tiles compared
    stats: list  # (row, column, residual, mean shift, gradient, the larger gradient of the two) per kept tile
    var: np.ndarray  # per tile: the prediction's variance
    gain: np.ndarray  # per tile: the local gain
    res: np.ndarray  # per pixel: the residual after the local gain/offset fit
    xv: np.ndarray  # per pixel: the grey predicted
    g2: np.ndarray  # per pixel: the squared gradient of the prediction
    inside: np.ndarray | None  # per pixel: in the overlap (``None``: all are)
    tsum: Callable[[np.ndarray], np.ndarray]  # per-pixel values -> their sums per tile
    shifts: list  # (stats index, local shift) of the tiles with gradient enough for one


def _gain_field(ref: np.ndarray, other: np.ndarray, mask: np.ndarray, lut: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """The smooth gain over the frame (``_gain_terms``) by which ``other`` differs from ``ref`` seen through a tone
    curve, with that tone curve: ``(gain, lut)``, ``other ~ gain * lut(ref)``. Fitted to the two greys' local means
    (in cells of about a 24th of the frame, over the unclipped overlap; each fit twice, the second time without the
    cells far off the first: an edit, something that moved), the tone curve and the gain in turn: a tone curve
    fitted to a copy whose corners are darker mixes several gains and bends, so it is fitted again to the copy with
    the first gain taken out, and the gain again against it (``lut``: the first tone curve, fitted here if not
    given). That is what a vignette filter or a lens's fall-off does: a gain that changes slowly over the frame.
    Detail at the scale of a tile (a sticker, a caption, motion) is not in it. ``None`` when the gain stays within
    ``VIGNETTE_MIN`` of 1 over the overlap, or when the gain and its tone curve explain too little of how the
    local means differ from what the first tone curve alone predicts (``VIGNETTE_EXPLAINS``: other content)."""
    if lut is None:
        lut = _tone_curve(other[mask], ref[mask])
    first = _gain_fit(_through(lut, ref), other, mask)
    if first is None:
        return None
    gain, left, left_by_one = first
    if left * (1 + VIGNETTE_EXPLAINS ** 2) > left_by_one:
        lut = _tone_curve((other / gain)[mask], ref[mask])
        second = _gain_fit(_through(lut, ref), other, mask)
        if second is None:
            return None
        gain, left = second[0], min(left, second[1])
        if left * (1 + VIGNETTE_EXPLAINS ** 2) > left_by_one:
            return None  # the local means scatter about the model as much as it varies: no smooth gain
    inside = gain[mask]
    if float(np.abs(inside - 1).max()) < VIGNETTE_MIN or float(inside.min()) < VIGNETTE_DEEPEST * float(inside.max()):
        return None
    return gain, lut


def _gain_fit(pred: np.ndarray, other: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, float, float] | None:
    """``_gain_field``'s fit of ``other / pred``: the gain (its median over ``mask`` 1: the level is the tone
    curve's), the squared residual of the cells' means about it, and about one gain for the whole frame."""
    h, w = mask.shape
    sel = mask & (pred > 16) & (pred < 255 - CLIPPED) & (other > CLIPPED) & (other < 255 - CLIPPED)
    if int(sel.sum()) < 0.25 * h * w:
        return None
    wt = sel.astype(np.float32)
    gw, gh = max(4, round(24 * w / max(h, w))), max(4, round(24 * h / max(h, w)))
    cells = [cv2.resize(v, (gw, gh), interpolation=cv2.INTER_AREA)
             for v in (wt, pred.astype(np.float32) * wt, other.astype(np.float32) * wt)]
    ok = cells[0] > 0.5
    if int(ok.sum()) < 24:
        return None
    cy_, cx_ = np.nonzero(ok)
    xs, ys = (cx_ + 0.5) * w / gw - 0.5, (cy_ + 0.5) * h / gh - 0.5  # the cells' centres, in pixels
    level = (cells[1][ok] / cells[0][ok]).astype(np.float64)  # the cells' mean levels, predicted and the other's
    seen = (cells[2][ok] / cells[0][ok]).astype(np.float64)
    terms = _gain_terms(xs, ys, w, h) * level[:, None]  # other = gain * predicted, in grey levels
    keep = np.ones(len(ys), bool)
    for _ in range(2):
        coef = np.linalg.lstsq(terms[keep], seen[keep], rcond=None)[0]
        res = np.abs(terms @ coef - seen)
        keep = res <= max(3 * _median(res), 0.5)
    # against one gain for the whole frame: the smooth gain must explain nine tenths of what that leaves
    one = float(seen[keep] @ level[keep]) / max(1e-6, float(level[keep] @ level[keep]))
    left_by_one = float(np.sum((seen[keep] - one * level[keep]) ** 2))
    left = float(np.sum((terms[keep] @ coef - seen[keep]) ** 2))
    u = ((np.arange(w, dtype=np.float32) - w / 2) / (w / 2))[None, :]
    v = ((np.arange(h, dtype=np.float32) - h / 2) / (h / 2))[:, None]
    r2 = (u * u + v * v) / 2
    c = coef.astype(np.float32)
    gain = c[0] + c[1] * u + c[2] * v + c[3] * u * u + c[4] * u * v + c[5] * v * v + (c[6] + c[7] * r2) * r2 * r2
    gain /= max(1e-3, float(np.median(gain[mask])))
    return gain.astype(np.float32), left, left_by_one


def _flattened(ref: np.ndarray, other: np.ndarray, mask: np.ndarray, lut: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray] | None:
    """``other`` (the copy's grey) with the smooth gain over the frame taken out (``_gain_field``: a vignette), and
    the tone curve ``ref`` -> it fitted again; ``None`` when there is no such gain."""
    found = _gain_field(ref, other, mask, lut)
    if found is None:
        return None
    flat = other / found[0]
    return flat, _tone_curve(flat[mask], ref[mask])


def _gain_terms(xs: np.ndarray, ys: np.ndarray, w: int, h: int) -> np.ndarray:
    """The terms of ``_gain_field``'s model at pixels ``xs, ys``: a quadratic in x and y (a fall-off towards a side,
    off-centre) and the fourth and sixth powers of the distance from the centre (a vignette's steeper corners)."""
    u, v = (xs - w / 2) / (w / 2), (ys - h / 2) / (h / 2)
    r2 = (u * u + v * v) / 2
    return np.stack([np.ones_like(u), u, v, u * u, u * v, v * v, r2 * r2, r2 * r2 * r2], -1)


def _predicts_little(fit: _TileFit) -> bool:
    """Over the tiles with texture (a contrast of more than twice the ``NOISE_FLOOR`` in the prediction), the
    median local gain is under ``1 / GAIN_OFF``: what the one picture's structure predicts of the other's is mostly
    not there, as for a single tile that shows other content (``_tiles``' ``off_gain``), but over the frame. Two
    smooth pictures that ECC laid one on the other (a wallpaper of stripes and a faded pattern) pass every tile when
    the noise estimate itself is what nothing predicts; copies of one picture keep a median gain near 1 (0.58 at
    the least on bench/dedup's tuning part, an ECC-aligned crop of wood grain), an edit covers too few tiles to move it."""
    idx = np.flatnonzero(fit.keep)
    textured = np.sqrt(fit.var[idx]) > 2 * NOISE_FLOOR
    if int(textured.sum()) < GRID * GRID // 4:
        return False
    return float(np.median(fit.gain[idx][textured])) < 1 / GAIN_OFF


def _tile_fit(ref: np.ndarray, other: np.ndarray, mask: np.ndarray, geom, lut: np.ndarray | None) -> _TileFit | None:
    """``_tiles``' part that does not depend on the noise; ``None`` with too few tiles.

    All tiles at once, over the grid's crop of the frame with the pixels outside the overlap weighted 0: the sums
    over each tile are two products with 0/1 matrices of which tile row each row is in and which tile column each
    column (BLAS; the same statistics as one tile at a time, without 64 rounds of small numpy calls). A grid with
    an empty row or column of tiles (one bound for two) is summed by bincounts of each overlap pixel's tile number
    instead."""
    if lut is None:  # ref's grey -> other's grey (the caller's when it has it)
        lut = _tone_curve(other[mask], ref[mask])
    rows, cols, count, keep = _tile_grid(mask, geom)
    if int(keep.sum()) < GRID * GRID // 4:
        return None
    mapped = _through(lut, ref)
    gy, gx = np.gradient(mapped)
    oy, ox = np.gradient(other)
    rn, cn = np.diff(rows), np.diff(cols)
    if rn.all() and cn.all():
        crop = np.s_[rows[0]:rows[-1], cols[0]:cols[-1]]
        inside = mask[crop]
        wt = inside.astype(np.float64)
        # which tile row each row of the crop is in, which tile column each column (a quarter of the time of
        # np.add.reduceat down the rows)
        in_row = np.repeat(np.eye(GRID), rn, axis=1)  # (GRID, crop height)
        in_col = np.repeat(np.eye(GRID), cn, axis=0)  # (crop width, GRID)

        def tsum(v: np.ndarray) -> np.ndarray:  # per tile, in row order
            return (in_row @ (v @ in_col)).ravel()

        def spread(v: np.ndarray) -> np.ndarray:  # per pixel: its tile's value
            return np.repeat(np.repeat(v.reshape(GRID, GRID), rn, axis=0), cn, axis=1)

        def pick(a: np.ndarray) -> np.ndarray:
            return a[crop].astype(np.float64)
    else:
        h, w = mask.shape
        row_of, col_of = np.full(h, -1, np.int64), np.full(w, -1, np.int64)
        for i in range(GRID):
            row_of[rows[i]:rows[i + 1]] = i
            col_of[cols[i]:cols[i + 1]] = i
        tile_of = np.where((row_of[:, None] >= 0) & (col_of[None, :] >= 0), row_of[:, None] * GRID + col_of[None, :], -1)
        sel = mask & (tile_of >= 0)
        lab = tile_of[sel]
        inside, wt = None, 1.0

        def tsum(v: np.ndarray) -> np.ndarray:
            return np.bincount(lab, weights=v, minlength=GRID * GRID)

        def spread(v: np.ndarray) -> np.ndarray:
            return v[lab]

        def pick(a: np.ndarray) -> np.ndarray:
            return a[sel].astype(np.float64)

    n = np.maximum(count, 1)
    xv, yv, gxs, gys = pick(other), pick(mapped), pick(gx), pick(gy)
    g2 = gys * gys + gxs * gxs
    mx, my = tsum(xv * wt) / n, tsum(yv * wt) / n
    xc, yc = xv - spread(mx), yv - spread(my)
    ycw = yc * wt
    var = tsum(yc * ycw) / n
    gain = np.where(var > 1e-6, tsum(xc * ycw) / n / np.where(var > 1e-6, var, 1.0), 0.0)
    gains = spread(gain)
    res = xc - gains * yc
    resw = res * wt
    rms = np.sqrt(tsum(res * resw) / n)
    shift = np.abs(tsum((xv - yv) * wt) / n)
    g2m = tsum(g2 * wt) / n
    grad = np.sqrt(g2m)
    oys, oxs = pick(oy), pick(ox)
    either = np.sqrt(np.maximum(g2m, tsum((oys * oys + oxs * oxs) * wt) / n))
    # local shift (one Lucas-Kanade step per tile): how far each tile sits from where the transform puts it
    tx, ty = gxs * gains, gys * gains
    txw, tyw = tx * wt, ty * wt
    sxx, sxy, syy = tsum(tx * txw), tsum(tx * tyw), tsum(ty * tyw)
    a2 = np.stack([np.stack([sxx, sxy], -1), np.stack([sxy, syy], -1)], -2)  # (tiles, 2, 2)
    low = np.linalg.eigvalsh(a2)[:, 0] / np.maximum(1, count)
    lk = keep & (low > LK_MIN_GRAD)
    idx = np.flatnonzero(keep)  # tile numbers in row order, as the stats list
    order = np.full(GRID * GRID, -1, np.int64)
    order[idx] = np.arange(len(idx))
    stats = [(int(k) // GRID, int(k) % GRID, float(rms[k]), float(shift[k]), float(grad[k]), float(either[k]))
             for k in idx]
    shifts = []
    if lk.any():
        solved = np.linalg.solve(a2[lk], np.stack([tsum(txw * res), tsum(tyw * res)], -1)[lk][..., None])[..., 0]
        shifts = list(zip(order[lk].tolist(), solved, strict=True))
    return _TileFit(rows, cols, count, keep, stats, var, gain, res, xv, g2, inside, tsum, shifts)


def _tiles(ref: np.ndarray, other: np.ndarray, mask: np.ndarray, geom, noise_of_pair: float | None = None,
           lut: np.ndarray | None = None, *, absolute: bool = False, fit: _TileFit | None = None) -> tuple | None:
    """Tile statistics of ``other`` predicted from ``ref`` through a global tone curve and a local gain/offset:
    ``(tile positions, disagreeing, residual ratio, outlier share, noise, local shift, fit)``; ``None`` with too
    few tiles. ``noise_of_pair``: the noise found the other way round, when lower than this way's estimate. The
    noise is the pair's (JPEG, resampling); an edit can only inflate an estimate (a caption band predicts nothing
    of the texture under it), so the lower of the two holds for both. ``fit``: the ``_tile_fit`` of these two
    greys made before (by a call with another ``noise_of_pair``): only what depends on the noise is done again."""
    if fit is None:
        fit = _tile_fit(ref, other, mask, geom, lut)
        if fit is None:
            return None
    stats = fit.stats
    _, _, rms, shift, grad, either = (np.array(v, np.float64) for v in zip(*stats, strict=True))
    flat = np.argsort(either)[: max(3, len(grad) // 4)]  # flat in both (a caption band is flat in one only)
    # the residual of the flattest tiles, less what the registration error makes of their gradient
    noise = max(NOISE_FLOOR, float(np.sqrt(np.median(np.maximum(0.0, rms[flat] ** 2 - (REG_ERROR * grad[flat]) ** 2)))))
    if noise_of_pair is not None:
        noise = max(NOISE_FLOOR, min(noise, noise_of_pair))
    expected = np.sqrt(noise * noise + (REG_ERROR * grad) ** 2)
    ratio = rms / expected
    # per pixel: residual beyond noise and what the registration error makes of the local gradient
    res, xv = fit.res, fit.xv
    beyond = np.abs(res) > Z_PIXEL * np.sqrt(noise * noise + REG_ERROR * REG_ERROR * fit.g2)
    # a clipped level is a bound, not a measurement: a pixel of ``other`` within CLIPPED of 255 says "this much or
    # more". A prediction below it but within CLIP_SLACK of the top is consistent with it (a brightening whose
    # channels clipped by hue: the grey of a pink petal gone white); the same at 0
    pred = xv - res
    beyond &= ~(((xv >= 255 - CLIPPED) & (pred < xv) & (pred >= 255 - CLIP_SLACK))
                | ((xv <= CLIPPED) & (pred > xv) & (pred <= CLIP_SLACK)))
    if fit.inside is not None:
        beyond &= fit.inside
    idx = np.flatnonzero(fit.keep)
    outliers = (fit.tsum(beyond.astype(np.float64)) / np.maximum(fit.count, 1))[idx]
    # a tile with texture well beyond the noise that predicts the other at a gain far from the tone curve's:
    # not the same content (a flat area predicted from a patch pasted over it takes a gain near 0 and no residual)
    textured = np.sqrt(fit.var[idx]) > GAIN_TEXTURE * noise
    off_gain = textured & ((fit.gain[idx] < 1 / GAIN_OFF) | (fit.gain[idx] > GAIN_OFF))
    bad = (ratio > K_SIGMA) | (shift > TONE_SHIFT) | (outliers > OUTLIER_SHARE) | off_gain
    good = [(k, v) for k, v in fit.shifts if not bad[k]]  # tiles that hold an edit say nothing about the geometry
    if absolute:  # how far from where they are: the second largest shift
        local = float(np.sort(np.hypot(*np.array([v for _, v in good]).T))[-2]) if len(good) >= 4 else 0.0
    else:
        local = _off_similarity(good, stats, fit.rows, fit.cols) if len(good) >= 4 else 0.0
    return stats, bad, ratio, outliers, noise, local, fit


def _perspective(kx: np.ndarray, cy: np.ndarray, mask: np.ndarray, noise: float, lut: np.ndarray,
                 chroma: np.ndarray | None = None, vignette: bool = False) -> float:
    """How far (pixels of the stored grey) one picture sits from the other beyond any affine map: the
    perspective part of a homography fitted to the whole registered overlap, as the 90th percentile of its
    displacement over the frame less the affine map that best explains it.

    A copy (resize, crop, turn, screenshot) is one similarity; a camera turned by 1.5 degrees between two
    captures shows about a pixel of perspective here, even on a smooth picture whose few tiles with texture
    give the local shifts nothing to measure. One Gauss-Newton step from the registration found, on every
    other pixel in each direction: the homography's increment (shift, scale, roll, the affine remainder and the
    two perspective terms) with a global gain and offset, from the image gradients of the keeper's grey mapped
    through the tone curve; ``vignette``: the copy's gain was found to change over the frame (``_gain_field``), and
    what its model leaves of that change is fitted as gains that vary smoothly over the frame too. Only a perspective that explains the residual counts (``PERSPECTIVE_EXPLAINS``):
    on a smooth picture the two terms are barely constrained and take any value at no gain."""
    mapped = _through(lut, kx).astype(np.float64)
    gy, gx = np.gradient(mapped)
    inner = cv2.erode(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    inner[1::2, :] = False
    inner[:, 1::2] = False
    ys, xs = np.nonzero(inner)
    if len(ys) < 200:
        return 0.0
    my, mx = ys.mean(), xs.mean()
    x, y = (xs - mx) / 100.0, (ys - my) / 100.0  # centred, in hundreds of pixels: a well-conditioned fit
    ex, ey = gx[ys, xs], gy[ys, xs]
    residual = cy[ys, xs].astype(np.float64) - mapped[ys, xs]
    photometric = [np.ones_like(x), mapped[ys, xs] / 100.0]
    if chroma is not None:  # a colour edit moves the grey by hue: an affine map of (Y, Cb, Cr) absorbs it
        h, w = mask.shape
        photometric += [cv2.resize(p, (w, h), interpolation=cv2.INTER_LINEAR)[ys, xs].astype(np.float64) / 100.0
                        for p in chroma]
    if vignette:
        h, w = mask.shape
        photometric += list((_gain_terms(xs, ys, w, h)[:, 1:] * (mapped[ys, xs] / 100.0)[:, None]).T)
    jac = np.stack([ex, ey, ex * x + ey * y, ey * x - ex * y, ex * x - ey * y, ex * y + ey * x, *photometric,
                    ex * x * x + ey * x * y, ex * x * y + ey * y * y], 1)
    jtj, jtr = jac.T @ jac, jac.T @ residual
    coef = np.linalg.lstsq(jtj, jtr, rcond=None)[0]
    k = jac.shape[1] - 2
    affine_only = np.linalg.lstsq(jtj[:k, :k], jtr[:k], rcond=None)[0]
    # what the two perspective terms explain, in noise variances per independent sample (a quarter of these
    # pixels: the blur makes neighbours alike); a term that explains less is the fit wandering in a smooth picture
    explained = float(coef @ jtr - affine_only @ jtr[:k]) / (noise * noise) / (len(ys) / 4.0)
    if explained < PERSPECTIVE_EXPLAINS:
        return 0.0
    p1, p2 = coef[k], coef[k + 1]
    gy_, gx_ = np.mgrid[0:mask.shape[0]:8, 0:mask.shape[1]:8]
    on = inner[gy_, gx_] | mask[gy_, gx_]
    x, y = (gx_[on] - mx) / 100.0, (gy_[on] - my) / 100.0
    if len(x) < 6:
        return 0.0
    d = np.concatenate([p1 * x * x + p2 * x * y, p1 * x * y + p2 * y * y])
    one, zero = np.ones_like(x), np.zeros_like(x)
    affine = np.vstack([np.stack([one, zero, x, y, zero, zero], 1), np.stack([zero, one, zero, zero, x, y], 1)])
    left = d - affine @ np.linalg.lstsq(affine, d, rcond=None)[0]
    return float(np.percentile(np.hypot(*left.reshape(2, -1)), 90))


def _off_similarity(good: list, stats: list, rows: list[int], cols: list[int]) -> float:
    """How far the tiles sit from one similarity, in pixels: the tiles' local shifts (``good``: (stats index,
    shift)) less the small similarity (shift, scale, roll) that best explains them all. The feature fit leaves a
    copy's tiles a fraction of a pixel off one such transform (a turned copy: its roll and scale a little off),
    which is still one transform; perspective, parallax and motion are not. The second largest deviation: one
    tile may be off by chance."""
    sh = np.array([v for _, v in good], np.float64)
    if len(good) < 6:  # too few tiles to fit a correction: deviations from the median shift
        return float(np.sort(np.hypot(*(sh - np.median(sh, axis=0)).T))[-2])
    cy = np.array([(rows[stats[k][0]] + rows[stats[k][0] + 1]) / 2 for k, _ in good], np.float64)
    cx = np.array([(cols[stats[k][1]] + cols[stats[k][1] + 1]) / 2 for k, _ in good], np.float64)
    cx, cy = cx - cx.mean(), cy - cy.mean()
    one, zero = np.ones_like(cx), np.zeros_like(cx)
    design = np.vstack([np.stack([one, zero, cx, -cy], 1), np.stack([zero, one, cy, cx], 1)])
    target = np.concatenate([sh[:, 0], sh[:, 1]])
    coef, *_ = np.linalg.lstsq(design, target, rcond=None)
    res = (target - design @ coef).reshape(2, -1)
    return float(np.sort(np.hypot(res[0], res[1]))[-2])


def _chrome_over_picture(fx: _Features, m: np.ndarray, fy: _Features, back: np.ndarray | None = None,
                         lut: np.ndarray | None = None) -> tuple[float, float, float, float] | None:
    """Where the uniform bands trimmed off ``x``'s frame lie over ``y``'s picture (``m``: x -> y) and ``y`` shows
    something there (``_off_band``), as a box in % of the keeper's whole frame, or ``None`` when they lie outside
    it (a screenshot's chrome around the photo). A caption band across the photo's edge is trimmed like chrome;
    this tells the two apart. ``back`` (y -> keeper) is given when
    ``y`` is the copy. ``lut`` (y's grey -> x's), when given, is applied to ``y`` first: a brightened copy whose sky
    clipped flat (and was trimmed like chrome) has nothing over the keeper's clouds; they map to its flat level."""
    if not _trimmed(fx.proof.box):
        return None
    frame = _grey_point(fx, _CORNERS)  # the whole frame in content pixels
    content = _content_corners(fx)
    hy, wy = fy.grey.shape
    masks = []
    for poly in (frame, content):
        q = poly @ m[:, :2].T + m[:, 2]
        mk = np.zeros((hy, wy), np.uint8)
        cv2.fillConvexPoly(mk, np.round(q).astype(np.int32), 1)
        masks.append(mk)
    diff = (masks[0] > 0) & ~(cv2.dilate(masks[1], np.ones((5, 5), np.uint8)) > 0)
    if diff.sum() < MIN_COVERED * hy * wy:
        return None
    off = _off_band(fy.grey if lut is None else np.clip(_through(lut, fy.grey), 0, 255), diff, fy.chroma)
    if off is None:
        return None
    ys, xs = off
    box = np.array([[xs.min(), ys.min()], [xs.max() + 1, ys.min()], [xs.min(), ys.max() + 1],
                    [xs.max() + 1, ys.max() + 1]], np.float32)
    ref = fy
    if back is not None:  # y is the copy: into the keeper's frame
        box = box @ back[:, :2].T + back[:, 2]
        ref = fx
    # in % of the keeper's whole frame: the patch may lie in a band trimmed off the keeper's content box
    lo, hi = _frame_point(ref, box.min(0).astype(np.float64)), _frame_point(ref, box.max(0).astype(np.float64))
    clip = lambda v: float(min(100.0, max(0.0, 100 * v)))  # noqa: E731
    return (clip(lo[0]), clip(lo[1]), clip(hi[0]), clip(hi[1]))


_CORNERS = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], np.float64)  # a frame's corners, in fractions of it


def _content_corners(f: _Features) -> np.ndarray:
    """The corners of ``f``'s content box in its proof-grey pixels, in ``_CORNERS``' order."""
    h, w = f.grey.shape
    return _CORNERS * np.array([w, h], np.float64)


def _trimmed(box: tuple[float, float, float, float]) -> bool:
    """A content box smaller than its frame by more than ``TRIM`` on some side: chrome or a border trimmed."""
    return max(box[0], box[1], 1 - box[2], 1 - box[3]) > TRIM


def _frame_point(f: _Features, xy: np.ndarray) -> np.ndarray:
    """Proof-grey pixels of ``f`` -> fractions of its whole (upright) frame."""
    left, top, right, bottom = f.proof.box
    h, w = f.grey.shape
    return np.stack([left + xy[..., 0] / w * (right - left), top + xy[..., 1] / h * (bottom - top)], -1)


def _grey_point(f: _Features, uv: np.ndarray) -> np.ndarray:
    """Fractions of ``f``'s whole frame -> its proof-grey pixels."""
    left, top, right, bottom = f.proof.box
    h, w = f.grey.shape
    return np.stack([(uv[..., 0] - left) / max(1e-6, right - left) * w,
                     (uv[..., 1] - top) / max(1e-6, bottom - top) * h], -1)


def _band_edit(a: DupCandidate, b: DupCandidate, fa: _Features, fb: _Features,
               m: np.ndarray) -> tuple[float, float, float, float] | None:
    """A change in a border band trimmed off either content box (a caption band or sticker over a plain wall,
    or a caption the copy's box trims with the sky around it while the keeper's box shows that sky), which the
    compared greys do not show: told from the frames' 16x16 thumbnails, when the two frames are one (the
    copy's whole frame lands on the keeper's: no crop, no screenshot). The thumbnails' cells inside both boxes
    (the proven same picture) give the pair's thumbnail noise; a band cell further off than ``K_SIGMA`` times
    that, and than ``BAND_CHANGE`` of the frame's contrast, is changed; where the keeper's cell is beyond the
    levels the proven part shows, the copy's may lie anywhere between the extrapolated level and the end of its
    own levels (a global edit clipped it). Region in % of the keeper's frame."""
    boxes = (fa.proof.box, fb.proof.box)
    if not any(map(_trimmed, boxes)):
        return None
    frames = decode(a.fingerprint), decode(b.fingerprint)
    if not frames[0] or not frames[1]:
        return None
    back = cv2.invertAffineTransform(m)  # a's grey -> b's grey

    def to_b(uv: np.ndarray) -> np.ndarray:  # fractions of a's frame -> fractions of b's
        return _frame_point(fb, _grey_point(fa, uv) @ back[:, :2].T + back[:, 2])

    seen = to_b(_CORNERS)  # a's frame corners in b's
    if np.abs(np.sort(seen, axis=0) - np.array([[0, 0], [0, 0], [1, 1], [1, 1]])).max() > 2 * TRIM:
        return None  # the frames are not one
    n = int(round(len(frames[0][0].thumb) ** 0.5))
    ta = np.array(frames[0][0].thumb, np.float64).reshape(n, n)
    tb = np.array(frames[1][0].thumb, np.float64).reshape(n, n)
    centres = (np.stack(np.meshgrid(np.arange(n), np.arange(n)), -1) + 0.5) / n  # (row, col) -> (u, v) of a
    at_b = to_b(centres)
    cols = np.clip((at_b[..., 0] * n).astype(int), 0, n - 1)
    rows = np.clip((at_b[..., 1] * n).astype(int), 0, n - 1)
    tb_at = tb[rows, cols]
    # The frames may be a few percent apart (a crop; a registration extrapolated from a small box): b's cell then
    # lies up to a cell's worth off a's, and shows a stripe of the picture further in. A cell of a that b does not
    # hold whole has no counterpart; for the others a change must also exceed what that offset makes of a's own
    # thumbnail there (its steeper one-sided step to the next cell, each way, times the offset in cells).
    ends = [to_b(centres + np.array([du, dv]) / (2 * n)) for du in (-1, 1) for dv in (-1, 1)]
    held = np.all([(e >= -0.25 / n) & (e <= 1 + 0.25 / n) for e in ends], axis=(0, 3))
    off = np.abs(at_b * n - np.stack([cols, rows], -1) - 0.5)  # (row, col) -> (|du|, |dv|) in cells

    def steep(t: np.ndarray, axis: int) -> np.ndarray:
        step = np.abs(np.diff(t, axis=axis))
        pad = np.zeros_like(np.take(t, [0], axis=axis))
        return np.maximum(np.concatenate([pad, step], axis=axis), np.concatenate([step, pad], axis=axis))

    offset_change = off[..., 0] * steep(ta, 1) + off[..., 1] * steep(ta, 0)

    def inside(uv, bx):
        return (uv[..., 0] > bx[0]) & (uv[..., 0] < bx[2]) & (uv[..., 1] > bx[1]) & (uv[..., 1] < bx[3])

    in_a, in_b = inside(centres, boxes[0]), inside(at_b, boxes[1])
    band = ~(in_a & in_b) & held
    both = in_a & in_b
    if not band.any() or both.sum() < 16:
        return None
    design = np.stack([ta[both], np.ones(int(both.sum()))], 1)
    coef = np.linalg.lstsq(design, tb_at[both], rcond=None)[0]
    pred = coef[0] * ta + coef[1]
    res = tb_at - pred
    noise = float(np.sqrt(np.mean(res[both] ** 2)))
    limit = max(K_SIGMA * noise, BAND_CHANGE * THUMB_SCALE)
    # beyond the levels the proven part shows, a global edit may have clipped: the copy's band may sit anywhere
    # from the extrapolated level to where the copy's own levels end (a brightened sky, flat at its white)
    lo, hi = pred.copy(), pred.copy()
    above, below = ta > ta[both].max(), ta < ta[both].min()
    top, bottom = tb_at[both].max(), tb_at[both].min()
    if coef[0] < 0:  # the copy's levels run the other way (a negative)
        top, bottom = bottom, top
    lo[above] = np.minimum(pred[above], top)
    hi[above] = np.maximum(pred[above], top)
    lo[below] = np.minimum(pred[below], bottom)
    hi[below] = np.maximum(pred[below], bottom)
    allowed = limit + abs(coef[0]) * offset_change
    changed = band & ((tb_at < lo - allowed) | (tb_at > hi + allowed))
    if not changed.any():
        return None
    comps = _components(changed)
    big = max(comps, key=len)
    if len(comps) > 1 and len(big) < 2:
        return None  # single cells here and there: thumbnail noise
    rs, cs = [c[0] for c in big], [c[1] for c in big]
    return (100.0 * min(cs) / n, 100.0 * min(rs) / n, 100.0 * (max(cs) + 1) / n, 100.0 * (max(rs) + 1) / n)


def _off_band(grey: np.ndarray, band: np.ndarray, chroma: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray] | None:
    """Pixels of ``grey`` under ``band`` (where the other picture had a uniform border band) that are not the
    colour of their row or column there (``FLAT_BAND`` grey levels, as the band was trimmed; with ``chroma``, the
    picture's stored Cb and Cr, also ``COLOUR_LEVELS`` off in colour: a red line on a blue wall of its grey), as
    (ys, xs); ``None`` when they are too few or too scattered to be an edit. The band's uniformity is per row or
    column: a gradient along the band is still a band. Evidence of an edit is a compact patch off it: a drawing
    or sticker on a plain wall."""
    rows, cols = np.nonzero(band)
    h, w = grey.shape
    planes = [(grey.astype(np.float32), FLAT_BAND)]
    if chroma is not None:
        planes += [(cv2.resize(c, (w, h), interpolation=cv2.INTER_LINEAR), COLOUR_LEVELS) for c in chroma]
    off = np.zeros((h, w), np.uint8)
    lines = band.any(axis=1), band.any(axis=0)
    for plane, limit in planes:
        g = cv2.GaussianBlur(plane, (0, 0), BLUR)
        under = np.where(band, g, np.nan)
        with np.errstate(all="ignore"):  # rows and columns without band pixels have no median (never read)
            row_med = np.zeros(h, np.float32)
            row_med[lines[0]] = np.nanmedian(under[lines[0]], axis=1)
            col_med = np.zeros(w, np.float32)
            col_med[lines[1]] = np.nanmedian(under[:, lines[1]], axis=0)
        v = g[rows, cols]
        dev = np.minimum(np.abs(v - row_med[rows]), np.abs(v - col_med[cols]))
        off[rows[dev > limit], cols[dev > limit]] = 1  # as far off as the band's own trimming allows
    off = cv2.morphologyEx(off, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))  # JPEG speckle is no patch
    n, labels, stats, _ = cv2.connectedComponentsWithStats(off, connectivity=8)
    if n < 2:
        return None
    big = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[big, cv2.CC_STAT_AREA] < OFF_BAND_SHARE * h * w:
        return None
    ys, xs = np.nonzero(labels == big)
    return ys, xs


def _region(comp, geom, keeper_is_coarse: bool, m: np.ndarray, fa: _Features) -> tuple[float, float, float, float]:
    """Bounding box of a tile component, in % of the keeper's content box."""
    y0, x0, th, tw = geom
    rows = [c[0] for c in comp]
    cols = [c[1] for c in comp]
    corners = np.array([[x0 + min(cols) * tw, y0 + min(rows) * th], [x0 + (max(cols) + 1) * tw, y0 + (max(rows) + 1) * th]],
                       np.float32)
    if not keeper_is_coarse:  # coarse frame is the copy's: map into the keeper's by m (b -> a)
        pts = np.array([[corners[0, 0], corners[0, 1]], [corners[1, 0], corners[0, 1]],
                        [corners[0, 0], corners[1, 1]], [corners[1, 0], corners[1, 1]]], np.float32)
        mapped = pts @ m[:, :2].T + m[:, 2]
        corners = np.array([mapped.min(0), mapped.max(0)])
    h, w = fa.grey.shape
    left, top = corners[0]
    right, bottom = corners[1]
    clip = lambda v: float(min(100.0, max(0.0, v)))  # noqa: E731
    return (clip(100 * left / w), clip(100 * top / h), clip(100 * right / w), clip(100 * bottom / h))


def _transform(a: DupCandidate, b: DupCandidate, fa: _Features, fb: _Features, m: np.ndarray, kx: np.ndarray,
               cy: np.ndarray, s: float, angle: float) -> Transform:
    ha, wa = fa.grey.shape
    hb, wb = fb.grey.shape
    # Each picture's own extent: its whole frame, or its content box when the band trimmed off it is chrome
    # (``_chrome_beyond``: a screenshot's bars). A band both boxes trim (a flat sky at the top of the photo itself)
    # is part of the picture.
    copy_shot = _chrome_beyond(fb, fa, m)
    keeper_shot = _chrome_beyond(fa, fb, cv2.invertAffineTransform(m))
    corners = (_content_corners(fb) if copy_shot else _grey_point(fb, _CORNERS)) @ m[:, :2].T + m[:, 2]
    lo, hi = corners.min(0), corners.max(0)
    # a screenshot's box may also have trimmed a plain band of the picture next to its chrome: measured against
    # the keeper's box then, which trims that band alike
    boxed = keeper_shot or copy_shot
    (x0, y0), (x1, y1) = (_content_corners(fa) if boxed else _grey_point(fa, _CORNERS))[[0, 2]]
    crop = (100 * (lo[0] - x0) / (x1 - x0), 100 * (lo[1] - y0) / (y1 - y0), 100 * (x1 - hi[0]) / (x1 - x0),
            100 * (y1 - hi[1]) / (y1 - y0))
    crop = tuple(round(min(v, 100.0), 1) for v in crop)  # negative: the copy shows more than the keeper there
    turn = round(-angle / 90.0) % 4 * 90  # b turned clockwise against a: its matrix to a turns the other way
    roll = round(-angle - (round(-angle / 90.0) * 90), 2)
    # pixel scale at full resolution: copy content pixels per keeper content pixel
    pa_px = _content_px(a, fa.proof)
    pb_px = _content_px(b, fb.proof)
    scale = (pb_px[0] / wb) / (pa_px[0] / wa) / s if pa_px[0] and pb_px[0] else 1.0
    mk, mc = float(kx.mean()), float(cy.mean())
    brightness = (mc - mk) / mk if mk > 1 else 0.0
    contrast = float(cy.std() / kx.std()) if kx.std() > 1e-3 else 1.0
    shot = None
    box = fb.proof.box
    if b.width and b.height and copy_shot:
        shot = (round((box[2] - box[0]) * b.width), round((box[3] - box[1]) * b.height), b.width, b.height)
    return Transform(crop=crop, scale=round(scale, 3), rotation=int(turn), roll=float(roll),
                     brightness=round(brightness, 3), contrast=round(contrast, 3), screenshot=shot)


def _chrome_beyond(fx: _Features, fy: _Features, m: np.ndarray) -> bool:
    """The band trimmed off ``x``'s content box is chrome: laid on ``y`` by ``m`` (``x``'s grey -> ``y``'s),
    ``x``'s whole frame reaches more than ``TRIM`` beyond ``y``'s whole frame on some side while its content box
    does not (a screenshot's bars around the photo). A fuller view of ``y`` whose own plain band was trimmed (a
    flat sky) shows picture beyond ``y`` too: its content box reaches beyond as well."""
    if not _trimmed(fx.proof.box):
        return False

    def beyond(points: np.ndarray) -> float:
        frame = _frame_point(fy, points @ m[:, :2].T + m[:, 2])
        return max(-frame[:, 0].min(), -frame[:, 1].min(), frame[:, 0].max() - 1, frame[:, 1].max() - 1)

    return beyond(_grey_point(fx, _CORNERS)) > TRIM and beyond(_content_corners(fx)) <= TRIM


def _content_px(c: DupCandidate, proof: Proof) -> tuple[float, float]:
    if not c.width or not c.height:
        return (0.0, 0.0)
    return ((proof.box[2] - proof.box[0]) * c.width, (proof.box[3] - proof.box[1]) * c.height)


# Worker processes are opt-in (CASEDESK_PROOFS=processes): on the 2-core bench machine they matched the threads'
# wall clock (5.75 s against 5.72 s for the 360-photo case, idle) at 3-15 % more CPU (each worker computes the
# features of the items it meets: 685 ORB runs instead of 360) and fell behind them when other work held a core
# (bench/proofs_bench.py). The threads already reach ~1.7 of 2 cores: OpenCV and NumPy release the GIL.
PROCESSES = os.environ.get("CASEDESK_PROOFS", "threads") == "processes"
MIN_PROCESS_PAIRS = 24  # candidate pairs a case needs before its proofs are worth worker processes
CHUNKS_PER_WORKER = 4  # a batch of keepers goes to the workers in this many pieces per worker (load balance)
FAILED = (cv2.error, ValueError, ZeroDivisionError, np.linalg.LinAlgError)  # a proof that fails: no proof


_ENGINE: list[bytes] = []


def _engine() -> bytes:
    """Digest of what a verdict is computed by: this module, the fingerprint's reader, the core's verdict and clock
    rules (their source; in a frozen build without it, the version) and the OpenCV and NumPy releases (another
    release may register or stop differently)."""
    if not _ENGINE:
        import desktop
        from desktop.core import dedup as core_dedup
        from desktop.core import sameness
        from desktop.media import fingerprint

        h = hashlib.sha256()
        try:
            for mod in (sys.modules[__name__], fingerprint, sameness, core_dedup):
                h.update(Path(mod.__file__ or "").read_bytes())
        except OSError:
            h.update(f"casedesk {desktop.__version__}".encode())
        h.update(f"\0{cv2.__version__}\0{np.__version__}".encode())
        _ENGINE.append(h.digest())
    return _ENGINE[0]


def proof_inputs(c: DupCandidate) -> bytes:
    """Digest of what a proof reads of a picture: its kind, fingerprint, pixel size and capture time (the
    camera's clock)."""
    h = hashlib.blake2b(digest_size=16)
    taken = c.taken.isoformat() if c.taken is not None else ""
    h.update(f"{c.kind}\0{c.width or 0}\0{c.height or 0}\0{taken}\0".encode())
    h.update(c.fingerprint or b"")
    return h.digest()


def proof_key(keeper_inputs: bytes, copy_inputs: bytes) -> str:
    """The key a kept verdict of a keeper against a copy (``proof_inputs`` of each) must carry to be used: it
    changes with either picture's inputs and with the engine (``_engine``), so a kept verdict is valid by
    construction, never invalidated."""
    h = hashlib.blake2b(_engine(), digest_size=16)
    h.update(keeper_inputs)
    h.update(copy_inputs)
    return h.hexdigest()


def _verdict_of(a: DupCandidate, b: DupCandidate, fa: _Features | None, fb: _Features | None) -> Verdict | None:
    """``prove``'s verdict, ``None`` when a picture has too little to register (the core's thumbnail rule
    decides), and ``UNRELATED`` when both have features and no registration holds: the thumbnails' likeness is no
    evidence then (in bench/dedup's tuning part every pair the thumbnail rule set aside this way was an edit or
    another capture). Raises what ``FAILED`` names when a proof fails."""
    if fa is None or fb is None:
        return None
    v = prove(a, b, fa, fb, similar_only=other_captures(a, b))
    return v if v is not None else Verdict(UNRELATED)


def _own_features(c: DupCandidate) -> _Features | None:
    proof = read_proof(c.fingerprint) if c.kind == "image" else None
    return features(proof) if proof else None


def _process_context() -> multiprocessing.context.BaseContext | None:
    """How proof workers are started here, or ``None`` where the proofs stay on threads.

    Threads in a frozen app (it cannot start itself as a worker the usual way) and off Linux (spawn: a new
    interpreter importing NumPy and OpenCV per pool costs more than the pool saves). ``fork`` when the caller is
    the main thread and the only Python thread (the command line: the import's analysis pools have finished and
    joined by its duplicates step): nothing else in the process can hold a lock the child needs. The native
    threads left are OpenCV's own pool (stopped for the fork, ``_start_pool``) and OpenBLAS's (it handles fork
    itself). Any other caller (the window's task threads, next to the GUI thread and the thumbnail pool) uses
    ``forkserver``: one fresh single-threaded server per process, started like a subprocess (fork and exec) with
    this module loaded, from which the workers fork."""
    if getattr(sys, "frozen", False) or sys.platform != "linux":
        return None
    if threading.current_thread() is threading.main_thread() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def _start_pool(workers: int) -> tuple[ProcessPoolExecutor, str] | None:
    """A pool of ``workers`` proof processes with its start method, or ``None`` where there are none."""
    ctx = _process_context()
    if ctx is None:
        return None
    method = ctx.get_start_method()
    cv_threads = cv2.getNumThreads()
    # With fork, OpenCV's worker threads are joined first (one thread: none of its own) and the children inherit
    # that: a child of a process whose OpenCV pool has threads holds a copy of the pool without them, and hangs
    # for good when it reconfigures that pool (seen: cv2.setNumThreads(1) in such a child never returns).
    if method == "fork":
        cv2.setNumThreads(1)
    try:
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_start, initargs=(method != "fork",))
        pool.submit(int)  # with fork, every worker is forked here, at the first task
    finally:
        cv2.setNumThreads(cv_threads)
    return pool, method


_WORKER_FEATURES: dict[str, _Features | None] = {}  # in a proof worker: the features of the items it has seen


def _worker_start(own_process: bool) -> None:
    """In a new proof worker: one OpenCV thread (the pool is as wide as the cores). A forked worker has it from
    ``_start_pool``; ``own_process`` (forkserver) sets it, in a process whose OpenCV never started threads."""
    _WORKER_FEATURES.clear()
    if own_process:
        cv2.setNumThreads(1)


def _prove_chunk(items: dict[str, DupCandidate], pairs: list[tuple[str, str]]) -> list[tuple[Verdict | None, str]]:
    """In a proof worker: the verdict of each ``(keeper, copy)`` of ``pairs`` (keys of ``items``), with the
    traceback of a proof that failed (the caller logs it) or ``""``. Features from the fingerprints, each once."""
    out = []
    for ka, kb in pairs:
        a, b = items[ka], items[kb]
        for c in (a, b):
            if c.key not in _WORKER_FEATURES:
                _WORKER_FEATURES[c.key] = _own_features(c)
        fa, fb = _WORKER_FEATURES[ka], _WORKER_FEATURES[kb]
        try:
            out.append((_verdict_of(a, b, fa, fb), ""))
        except FAILED:
            out.append((None, traceback.format_exc()))
    return out


class Prover:
    """Features once per item, verdicts once per pair (both directions answered from one proof).

    ``prefetch`` proves a batch of pairs on every core: in worker processes (``_process_context``) when the case
    has at least ``MIN_PROCESS_PAIRS`` candidate pairs (``expected_pairs``; or the batch alone has), else, or when
    the workers cannot start or break (a worker killed), on threads: the same verdicts either way. ``processes``:
    ``True`` workers whenever the platform allows them, ``False`` threads only, ``None`` the rule above when
    ``PROCESSES`` (env ``CASEDESK_PROOFS=processes``; off by default), else threads. ``counts``: proofs run, and
    of them in workers."""

    def __init__(self, items: Iterable[DupCandidate], *, processes: bool | None = None,
                 expected_pairs: int = 0, known: dict[tuple[str, str], Verdict | None] | None = None) -> None:
        self.items = {c.key: c for c in items}
        self._feat: dict[str, _Features | None] = {}
        self._verdicts: dict[tuple[str, str], Verdict | None] = dict(known or {})
        self._known = set(self._verdicts)  # verdicts given, not proven here
        self._failed: set[tuple[str, str]] = set()  # proofs that failed (logged): not worth keeping
        self.workers = min(4, os.cpu_count() or 1)
        self.processes = PROCESSES if processes is None else processes
        self.min_pairs = MIN_PROCESS_PAIRS if processes is None else 0
        self.expected_pairs = expected_pairs
        self.counts = {"proofs": 0, "in_processes": 0}
        self.started = ""  # start method of the worker processes, once started
        self._pool: ThreadPoolExecutor | None = None
        self._procs: ProcessPoolExecutor | None = None

    def _features(self, c: DupCandidate) -> _Features | None:
        if c.key not in self._feat:
            self._feat[c.key] = _own_features(c)
        return self._feat[c.key]

    def can_prove(self, c: DupCandidate) -> bool:
        return c.kind == "image" and read_proof(c.fingerprint) is not None

    def is_screenshot(self, c: DupCandidate) -> bool:
        """The picture sits inside trimmed chrome (letterbox, status bar, window)."""
        p = read_proof(c.fingerprint) if c.kind == "image" else None
        return p is not None and _trimmed(p.box)

    def __call__(self, a: DupCandidate, b: DupCandidate) -> Verdict | None:
        """Verdict of ``b`` against keeper ``a``; ``None`` when no proof is possible (the core's rule applies)."""
        key = (a.key, b.key)
        if key not in self._verdicts:
            self._verdicts[key] = self._prove(a, b)
            self.counts["proofs"] += 1
        return self._verdicts[key]

    def _prove(self, a: DupCandidate, b: DupCandidate) -> Verdict | None:
        """``_verdict_of`` the pair, ``None`` when its proof fails (logged)."""
        fa, fb = self._features(a), self._features(b)
        try:
            return _verdict_of(a, b, fa, fb)
        except FAILED:
            log.warning("no proof for %s against %s: the registration failed", b.key, a.key, exc_info=True)
            self._failed.add((a.key, b.key))
            return None  # the core's thumbnail rule decides, as for a picture without proof

    def made(self) -> dict[tuple[str, str], Verdict | None]:
        """The verdicts proven here (not given as ``known``, not failed): ``(keeper key, copy key) -> verdict``."""
        return {k: v for k, v in self._verdicts.items() if k not in self._known and k not in self._failed}

    def prefetch(self, batch: list[tuple[DupCandidate, list[DupCandidate]]]) -> None:
        """Prove each keeper of ``batch`` against its items now, all pairs at once on every core (class
        docstring); the same verdicts as one at a time."""
        todo = [(k, c) for k, items in batch for c in items if (k.key, c.key) not in self._verdicts]
        if len(todo) < 2 or self.workers < 2:
            return
        if self.processes and max(self.expected_pairs, len(todo)) >= self.min_pairs:
            self._in_processes(todo)
            todo = [(k, c) for k, c in todo if (k.key, c.key) not in self._verdicts]
            if not todo:
                return
        pool = self._pool or ThreadPoolExecutor(self.workers, thread_name_prefix="proof")
        self._pool = pool
        missing = list({c.key: c for pair in todo for c in pair if c.key not in self._feat}.values())
        list(pool.map(self._features, missing))  # features first, each once (one dict write per key)
        for (k, c), v in zip(todo, pool.map(lambda kc: self._prove(*kc), todo), strict=True):
            self._verdicts[(k.key, c.key)] = v
        self.counts["proofs"] += len(todo)

    def _in_processes(self, todo: list[tuple[DupCandidate, DupCandidate]]) -> None:
        """Verdicts of ``todo`` from the worker processes, as many as they give: none when they cannot start,
        those before the break when they break (then the threads prove the rest, from now on all)."""
        try:
            if self._procs is None:
                started = _start_pool(self.workers)
                if started is None:
                    self.processes = False
                    return
                self._procs, self.started = started
            n = min(len(todo), self.workers * CHUNKS_PER_WORKER)
            cuts = [len(todo) * i // n for i in range(n + 1)]
            chunks = [todo[i:j] for i, j in pairwise(cuts)]
            # each piece carries what its proofs need: the two candidates of each pair (key, fingerprint, size)
            futures = [self._procs.submit(_prove_chunk, {c.key: c for pair in chunk for c in pair},
                                          [(k.key, c.key) for k, c in chunk]) for chunk in chunks]
            for chunk, future in zip(chunks, futures, strict=True):
                for (k, c), (v, failed) in zip(chunk, future.result(), strict=True):
                    if failed:
                        log.warning("no proof for %s against %s: the registration failed\n%s", c.key, k.key, failed)
                        self._failed.add((k.key, c.key))
                    self._verdicts[(k.key, c.key)] = v
                self.counts["proofs"] += len(chunk)
                self.counts["in_processes"] += len(chunk)
        except (BrokenProcessPool, OSError, pickle.PicklingError) as exc:
            log.warning("proof workers failed (%s: %s): the proofs go on on threads", type(exc).__name__, exc)
            self.processes = False
            self._stop_processes()

    def _stop_processes(self) -> None:
        if self._procs is not None:
            self._procs.shutdown(cancel_futures=True)
            self._procs = None

    def close(self) -> None:
        self._stop_processes()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def candidate_pairs(items: list[DupCandidate]) -> dict[str, list[str]]:
    """For pictures with a format-2 fingerprint: ``{key: [keys]}`` worth proving (each pair once): the smallest
    distance between one's content phash and the other's four turned and two zoomed ones or its whole frame's is
    within ``CANDIDATE_BITS``."""
    pics = [(c, p) for c in items if c.kind == "image" and (p := read_proof(c.fingerprint)) is not None]
    n = len(pics)
    if n < 2:
        return {}
    own = np.array([p.turned_phashes[0] for _, p in pics], np.uint64)
    # (n, 7): the content box turned four ways, its two zoomed centres, and the whole frame (a screenshot's box
    # holds the whole picture where the picture's own box is trimmed to what stands out of a dark wall)
    turned = np.array([(*p.turned_phashes, *p.zoomed_phashes, c.phash if c.phash is not None else p.turned_phashes[0])
                       for c, p in pics], np.uint64)
    out: dict[str, list[str]] = {}
    for r0 in range(0, n, 256):
        r1 = min(n, r0 + 256)
        d = popcount64(turned[None, :, :] ^ own[r0:r1, None, None]).min(axis=2)  # (rows, n): a's own vs b's turns
        d = np.minimum(d, popcount64(turned[r0:r1, None, :] ^ own[None, :, None]).min(axis=2))
        i, j = np.nonzero(d <= CANDIDATE_BITS)
        for x, y in zip((i + r0).tolist(), j.tolist(), strict=True):
            if x < y:
                out.setdefault(pics[x][0].key, []).append(pics[y][0].key)
    return out


def proof_candidates(items: list[DupCandidate], thresholds: Thresholds = DEFAULT,
                     candidates: dict[str, list[str]] | None = None) -> dict[str, set[str]]:
    """What ``group_pictures`` proves: ``candidate_pairs`` merged with the caller's ``candidates``, or without them
    the pairs of the core's own lossless colour index (what the thumbnail rule decides)."""
    near: dict[str, set[str]] = {}
    for src in (candidates or {}, candidate_pairs(items)):
        for k, vs in src.items():
            near.setdefault(k, set()).update(vs)
    if candidates is None:
        frames = {c.key: fs[0] for c in items if c.kind == "image" and (fs := decode(c.fingerprint)) and len(fs) == 1}
        for k, k2 in _colour_pairs(frames, thresholds):
            near.setdefault(k, set()).add(k2)
    return near


def group_pictures(
    items: list[DupCandidate],
    *,
    not_duplicates: Iterable[frozenset[str]] = frozenset(),
    keeper_overrides: dict[str, str] | None = None,
    thresholds: Thresholds = DEFAULT,
    candidates: dict[str, list[str]] | None = None,
    workers: int | None = None,
    processes: bool | None = None,
    stats: dict | None = None,
    known: dict[tuple[str, str], Verdict | None] | None = None,
    made: dict[tuple[str, str], Verdict | None] | None = None,
) -> list[DupGroup]:
    """``group_duplicates`` with proof: format-2 pictures are registered and compared; ``candidates`` (the caller's
    superset for format-1 pictures, e.g. the service's numpy search) is merged with this module's own. Without
    it the core's colour index adds the pairs its thumbnail rule needs (old fingerprints, unprovable pictures).
    ``workers``: threads or processes proving a batch of keepers' candidates at once (default: the cores, at most
    4; 1: one by one, here); ``processes``: ``Prover``'s (``None``: worker processes for a case with enough
    candidate pairs where the platform allows them, when ``PROCESSES``; else threads). ``stats``, when given, receives the number of proofs run,
    of them in worker processes, and how the workers were started. ``known``: verdicts already proven
    (``(keeper key, copy key) -> verdict``, as kept by the caller), used instead of proving those pairs again;
    ``made``, when given, receives the verdicts proven here (for the caller to keep)."""
    near = proof_candidates(items, thresholds, candidates)
    prover = Prover(items, processes=processes, expected_pairs=sum(map(len, near.values())), known=known)
    if workers is not None:
        prover.workers = workers
    try:
        return group_duplicates(items, not_duplicates=not_duplicates, keeper_overrides=keeper_overrides,
                                thresholds=thresholds, candidates=lambda c: near.get(c.key, ()), verify=prover,
                                derived=prover.is_screenshot)
    finally:
        prover.close()
        if made is not None:
            made.update(prover.made())
        if stats is not None:
            stats.update(prover.counts, workers=prover.started or ("threads" if prover.workers > 1 else "none"))
