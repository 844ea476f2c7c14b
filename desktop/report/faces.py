"""Faces blurred in the pictures of a case file (``--redact-faces``); the originals are never touched.

Faces are found by OpenCV's bundled Haar cascades (``cv2.data.haarcascades``: the frontal-face detector, and the
profile detector on the picture and its mirror image), on the picture as it is prepared for print, upright. Each
face, with a margin, is pixelated to ``BLOCKS`` blocks across and then blurred: nothing of it can be read back.
A detector finds most faces, not all; the cover of the case file says how many were blurred, so a handler can
look before sending. OpenCV is imported only when faces are to be blurred.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image, ImageFilter

from desktop.core.errors import UsageError

BLOCKS = 8  # a face becomes at most 8 x 8 blocks of colour
MARGIN = 0.25  # of the face box, on every side: hair, ears and chin are covered too
MIN_FACE = 1 / 40  # of the shorter side of the picture: smaller "faces" are texture, not people
CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")


class FaceDetectorMissing(UsageError):
    """Faces cannot be blurred on this installation; nothing is exported without them blurred (exit 2)."""


_local = threading.local()  # a CascadeClassifier must not be used by two threads at once: one set per thread


def _detectors() -> tuple:
    """(cv2, [frontal, profile]) for this thread."""
    if not hasattr(_local, "detectors"):
        _local.detectors = _load()
    return _local.detectors


def _load() -> tuple:
    try:
        import cv2
    except ImportError as e:
        raise FaceDetectorMissing("faces cannot be blurred: OpenCV is not installed "
                                  "(pip install 'opencv-python-headless<5')") from e
    folder = Path(getattr(getattr(cv2, "data", None), "haarcascades", "") or "")
    if not hasattr(cv2, "CascadeClassifier") or not (folder / CASCADES[0]).is_file():
        raise FaceDetectorMissing(f"faces cannot be blurred: OpenCV {cv2.__version__} has no bundled face "
                                  "detector (cv2.data.haarcascades); install opencv-python-headless 4.x")
    out = []
    for name in CASCADES:
        classifier = cv2.CascadeClassifier(str(folder / name))
        if classifier.empty():
            raise FaceDetectorMissing(f"faces cannot be blurred: {folder / name} cannot be read")
        out.append(classifier)
    return cv2, out


def find_faces(im: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the faces in an upright picture."""
    import numpy as np

    cv2, (frontal, profile) = _detectors()
    gray = cv2.equalizeHist(np.asarray(im.convert("L")))
    side = max(20, int(min(gray.shape) * MIN_FACE))
    found = [tuple(int(v) for v in box) for box in frontal.detectMultiScale(gray, 1.1, 5, minSize=(side, side))]
    found += [tuple(int(v) for v in box) for box in profile.detectMultiScale(gray, 1.1, 5, minSize=(side, side))]
    width = gray.shape[1]
    mirrored = np.ascontiguousarray(gray[:, ::-1])
    for x, y, w, h in profile.detectMultiScale(mirrored, 1.1, 5, minSize=(side, side)):
        found.append((int(width - x - w), int(y), int(w), int(h)))
    return _merge(found)


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """One box per face: a box mostly inside a bigger one is dropped."""
    out: list[tuple[int, int, int, int]] = []
    for box in sorted(boxes, key=lambda b: -b[2] * b[3]):
        x, y, w, h = box
        inside = False
        for ox, oy, ow, oh in out:
            ix = max(0, min(x + w, ox + ow) - max(x, ox))
            iy = max(0, min(y + h, oy + oh) - max(y, oy))
            if ix * iy > 0.5 * w * h:
                inside = True
                break
        if not inside:
            out.append(box)
    return out


def blur_faces(im: Image.Image) -> tuple[Image.Image, int]:
    """``im`` with every face found pixelated and blurred (a copy); and how many there were."""
    faces = find_faces(im)
    if not faces:
        return im, 0
    out = im.copy()
    for x, y, w, h in faces:
        mx, my = int(w * MARGIN), int(h * MARGIN)
        box = (max(0, x - mx), max(0, y - my), min(im.width, x + w + mx), min(im.height, y + h + my))
        region = out.crop(box)
        blocks = region.resize((BLOCKS, max(1, round(BLOCKS * region.height / region.width))), Image.Resampling.BOX)
        region = blocks.resize(region.size, Image.Resampling.NEAREST)
        out.paste(region.filter(ImageFilter.GaussianBlur(radius=max(2.0, region.width / (2 * BLOCKS)))), box)
    return out, len(faces)
