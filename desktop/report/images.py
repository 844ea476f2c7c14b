"""Pictures for print: made small enough (reduced decode, EXIF orientation, sRGB, JPEG ~80), then drawn.

A camera original of 12 megapixels is printed at about 10 × 7.5 cm; at ``PRINT_DPI`` that needs under one megapixel.
``print_jpeg`` asks the JPEG decoder for a reduced image first (Pillow's ``draft``: the DCT is scaled by 1/2, 1/4
or 1/8 while decoding), then resizes to the exact size, turns the picture upright and re-encodes it. The originals
are only read. ``prepare_all`` runs the jobs on a few threads: Pillow releases the GIL while decoding, resizing and
encoding, so this scales with the cores.

``PictureBox`` draws a prepared JPEG (embedded as is, never decoded again); ``PhotoGrid`` lays out one page of
photos, each a ``PhotoCell`` of heading, picture and caption.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from desktop.core.progress import CancelToken
from desktop.media.thumbs import apply_orientation
from desktop.report import layout as lay

try:  # HEIC/HEIF from iPhones; optional so that a missing wheel only loses that format
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - depends on the installation
    pillow_heif = None

log = logging.getLogger(__name__)

PRINT_DPI = 200
JPEG_QUALITY = 80
_ORIENTATION_TAG = 0x0112
_SRGB = ImageCms.createProfile("sRGB")
_ROTATE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}  # cw


@dataclass(frozen=True)
class PrintImage:
    """A JPEG ready to embed, with its pixel size (upright); ``faces``: how many were blurred in it."""

    data: bytes
    width: int
    height: int
    faces: int = 0


# A change made to the upright picture before it is encoded (faces blurred): the new picture and a count.
PostProcess = Callable[[Image.Image], tuple[Image.Image, int]]


@dataclass(frozen=True)
class ImageJob:
    """One picture to prepare: ``source`` is a path or JPEG bytes; ``box_pt`` the printed box in points."""

    key: object
    source: Path | bytes
    box_pt: tuple[float, float]
    rotation: int = 0  # degrees clockwise, after the EXIF orientation


def box_pixels(box_pt: tuple[float, float], dpi: int = PRINT_DPI) -> tuple[int, int]:
    """Pixels needed to print a box of ``box_pt`` points at ``dpi``."""
    return max(1, round(box_pt[0] / 72 * dpi)), max(1, round(box_pt[1] / 72 * dpi))


def fit(width: int, height: int, box_w: int, box_h: int) -> tuple[int, int]:
    """The size of ``width`` × ``height`` scaled down (never up) to fit the box, aspect kept."""
    scale = min(box_w / width, box_h / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def print_jpeg(source: Path | bytes, box_px: tuple[int, int], quality: int = JPEG_QUALITY,
               post: PostProcess | None = None, rotation: int = 0) -> PrintImage:
    """Decode ``source`` reduced, make it upright and sRGB, turn it ``rotation`` degrees clockwise (0, 90, 180,
    270), fit it in ``box_px`` and encode it as JPEG.

    Raises ``OSError``/``ValueError``/``Image.DecompressionBombError`` for files Pillow cannot read.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    with Image.open(stream) as im:
        orientation = _orientation(im)
        turned = (orientation >= 5) != (rotation % 180 == 90)
        box_w, box_h = (box_px[1], box_px[0]) if turned else box_px  # stored, not displayed, axes
        target = fit(im.width, im.height, box_w, box_h)
        if im.format == "JPEG":
            im.draft(im.mode, target)
        im.load()
        icc = im.info.get("icc_profile")
        out = _to_rgb(im)
        if out.size != target:
            out = out.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
        elif out is im:
            out = im.copy()  # the file is closed below
    out = _to_srgb(out, icc)
    out = apply_orientation(out, orientation)
    if rotation % 360 in _ROTATE:
        out = out.transpose(_ROTATE[rotation % 360])
    changed = 0
    if post is not None:
        out, changed = post(out)
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=quality, optimize=True)
    return PrintImage(buf.getvalue(), out.width, out.height, changed)


def prepare_all(
    jobs: Iterable[ImageJob],
    workers: int = 2,
    cancel: CancelToken | None = None,
    on_done: Callable[[int, int], None] | None = None,
    post: PostProcess | None = None,
) -> dict[object, PrintImage | None]:
    """Run ``print_jpeg`` (with ``post``) for every job on ``workers`` threads. Unreadable pictures map to ``None``.

    ``on_done(done, total)`` is called after each picture; ``cancel`` is checked between pictures and raises
    ``Cancelled`` (pending work is dropped).
    """
    jobs = list(jobs)
    results: dict[object, PrintImage | None] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="print-image") as pool:
        pending = {pool.submit(_safe_print_jpeg, job, post): job for job in jobs}
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if cancel is not None:
                    cancel.check()
                for future in finished:
                    results[pending.pop(future).key] = future.result()
                    if on_done is not None:
                        on_done(len(results), len(jobs))
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results


def _safe_print_jpeg(job: ImageJob, post: PostProcess | None = None) -> PrintImage | None:
    try:
        return print_jpeg(job.source, box_pixels(job.box_pt), post=post, rotation=job.rotation)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        where = job.source if isinstance(job.source, Path) else f"key frame of {job.key!r}"
        log.warning("cannot prepare %s for print: %s", where, err)
        return None


def _orientation(im: Image.Image) -> int:
    try:
        value = int(im.getexif().get(_ORIENTATION_TAG, 1))
    except (ValueError, TypeError, SyntaxError):  # broken EXIF: print as stored
        return 1
    return value if 1 <= value <= 8 else 1


def _to_rgb(im: Image.Image) -> Image.Image:
    """RGB on white: transparency flattened, 16-bit and palette images converted."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return im.convert("RGB") if im.mode != "RGB" else im


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert from an embedded profile (e.g. Display P3 from an iPhone) to sRGB, the report's output intent."""
    if not icc:
        return im
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "sRGB" in (ImageCms.getProfileDescription(source) or ""):
            return im
        return ImageCms.profileToProfile(im, source, _SRGB, outputMode="RGB") or im
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return im


# --- drawing ----------------------------------------------------------------------------------------------------


class PictureBox(Flowable):
    """A prepared JPEG scaled to fit ``width`` × ``height`` (centred, thin frame), or a grey box with a message."""

    def __init__(self, image: PrintImage | None, width: float, height: float, message: str) -> None:
        super().__init__()
        self.jpeg = _Jpeg(image) if image is not None else None
        self.size = (image.width, image.height) if image is not None else None
        self.width, self.height, self.message = width, height, message

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def fitted_height(self, width: float, max_height: float) -> float:
        """The height the picture takes at ``width`` when at most ``max_height`` high."""
        if self.jpeg is None or not self.size:
            return min(max_height, width * 0.5)
        return min(max_height, width * self.size[1] / self.size[0])

    def draw(self) -> None:
        canv = self.canv
        if self.jpeg is None or not self.size:
            canv.setFillColor(lay.SHADE)
            canv.setStrokeColor(lay.RULE)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
            canv.setFillColor(lay.MUTED)
            canv.setFont(lay.FONT, 8)
            canv.drawCentredString(self.width / 2, self.height / 2, lay.clean(self.message, 90))
            return
        scale = min(self.width / self.size[0], self.height / self.size[1])
        w, h = self.size[0] * scale, self.size[1] * scale
        x, y = (self.width - w) / 2, self.height - h
        canv.drawImage(self.jpeg, x, y, w, h)
        canv.setStrokeColor(lay.RULE)
        canv.setLineWidth(0.5)
        canv.rect(x, y, w, h, stroke=1, fill=0)


class _Jpeg(ImageReader):
    """A prepared JPEG for ``canvas.drawImage``: embedded as is (DCTDecode), never decoded again.

    reportlab names an image after its decoded pixels; ``getRGBData`` returns a digest of the JPEG instead.
    """

    def __init__(self, image: PrintImage) -> None:
        super().__init__(io.BytesIO(image.data))
        self._dataA = None
        self._digest = hashlib.sha1(image.data).digest()

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name
        return self._digest


class PhotoCell:
    """One photo on a photo page: heading, picture and caption, drawn into a cell of ``PhotoGrid``."""

    def __init__(self, heading: Paragraph, picture: PictureBox, caption: Table) -> None:
        self.heading, self.picture, self.caption = heading, picture, caption

    def draw_on(self, canv: Canvas, x: float, y: float, width: float, height: float) -> None:
        _, head_h = self.heading.wrap(width, height)
        _, cap_h = self.caption.wrap(width, height)
        pic_h = self.picture.fitted_height(width, max(20.0, height - head_h - cap_h - 8))
        self.picture.width, self.picture.height = width, pic_h
        top = y + height
        self.heading.drawOn(canv, x, top - head_h)
        self.picture.drawOn(canv, x, top - head_h - 3 - pic_h)
        self.caption.drawOn(canv, x, top - head_h - 3 - pic_h - 5 - cap_h)


class PhotoGrid(Flowable):
    """One page of photos: ``cols`` × ``rows`` cells filling the rest of the frame."""

    GAP = 5 * mm

    def __init__(self, cells: list[PhotoCell], cols: int, rows: int) -> None:
        super().__init__()
        self.cells, self.cols, self.rows = cells, cols, rows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self) -> None:
        cell_w = (self.width - (self.cols - 1) * self.GAP) / self.cols
        cell_h = (self.height - (self.rows - 1) * self.GAP) / self.rows
        for index, cell in enumerate(self.cells):
            row, col = divmod(index, self.cols)
            x = col * (cell_w + self.GAP)
            y = self.height - (row + 1) * cell_h - row * self.GAP
            cell.draw_on(self.canv, x, y, cell_w, cell_h)


def cell_size(per_page: int) -> tuple[float, float]:
    """The size of one photo cell (full frame, before the section heading) for 1, 2 or 4 photos per page."""
    cols, rows = {1: (1, 1), 2: (1, 2), 4: (2, 2)}[per_page]
    return (lay.FRAME_W - (cols - 1) * PhotoGrid.GAP) / cols, (
        lay.FRAME_H - (rows - 1) * PhotoGrid.GAP
    ) / rows
