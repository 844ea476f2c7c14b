"""Safe ZIP reading: no entry is written by its own path, and bombs are refused.

Entries are validated (no absolute paths, no ``..``, no drive letters), then written under a folder the caller
owns, by sanitised names. Declared sizes, the real number of bytes written, the compression ratio and the total
are all bounded; a ZIP that breaks a bound is rejected whole. ZIPs inside a ZIP are opened one level deep.
"""

from __future__ import annotations

import lzma
import os
import re
import shutil
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.core.errors import DiskFull, UnsafeArchive, is_disk_full
from desktop.core.model import Problem

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]')


# what reading one entry raises when its bytes are damaged: a bad deflate stream, a bad CRC, a cut LZMA stream, an
# unknown compression method (bz2's "invalid data stream" is an OSError: named as not extractable); with OSError
# and ValueError, what opening or reading a ZIP raises when it is not a readable one ("version 14.8" included)
_DAMAGED_ENTRY = (zlib.error, lzma.LZMAError, zipfile.BadZipFile, EOFError, NotImplementedError)
_UNREADABLE = (*_DAMAGED_ENTRY, OSError, ValueError)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 20_000
    max_entry_bytes: int = 4 << 30  # one video may be large
    max_total_bytes: int = 16 << 30
    max_ratio: float = 200.0  # uncompressed / compressed, for entries over 1 MiB and for the whole ZIP ...
    bomb_floor: int = 64 << 20  # ... when it unpacks to more than this
    nested_depth: int = 1


@dataclass(frozen=True)
class ExtractedFile:
    path: Path  # on disk, inside the destination folder
    name: str  # sanitised name inside the archive (posix, relative)
    display: str  # for messages: "export.zip › folder/photo.jpg"


def is_zip(head: bytes) -> bool:
    return head[:4] in ZIP_MAGIC


def safe_parts(entry_name: str) -> list[str] | None:
    """Sanitised path components of an entry, or None when the name tries to leave the archive."""
    name = entry_name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    clean = []
    for p in parts:
        q = _UNSAFE_CHARS.sub("_", unicodedata.normalize("NFC", p)).strip()
        q = _cut_utf8(q, 180) or "_"
        if q in (".", ".."):
            q = "_"
        clean.append(q)
    return clean or None


def _cut_utf8(name: str, limit: int) -> str:
    """At most ``limit`` bytes in UTF-8 (file systems count bytes), keeping the extension."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    keep = stem.encode("utf-8")[: limit - len(ext.encode("utf-8")) - 1].decode("utf-8", "ignore")
    return f"{keep}.{ext}" if ext else keep


def extract_zip(
    zip_path: Path,
    dest: Path,
    *,
    display: str | None = None,
    limits: ZipLimits = ZipLimits(),
    problems: list[Problem] | None = None,
    depth: int = 0,
) -> list[ExtractedFile]:
    """Extract regular files of ``zip_path`` under ``dest``. Unsafe entries are skipped and reported.

    Raises ``UnsafeArchive`` when the archive as a whole cannot be read safely (bomb, unreadable, too many
    entries); ``dest`` is then emptied again.
    """
    problems = problems if problems is not None else []
    label = display or zip_path.name
    dest.mkdir(parents=True, exist_ok=True)
    try:
        zf = zipfile.ZipFile(zip_path)
    except _UNREADABLE as e:
        raise UnsafeArchive(f"not a readable ZIP archive ({_unopened(zip_path, e)})", label) from None
    out: list[ExtractedFile] = []
    try:
        with zf:
            infos = zf.infolist()
            if len(infos) > limits.max_entries:
                raise UnsafeArchive(f"ZIP has {len(infos)} entries, more than {limits.max_entries}", label)
            declared = sum(i.file_size for i in infos)
            if declared > limits.max_total_bytes:
                raise UnsafeArchive("ZIP bomb: it would unpack to more than the allowed total size", label)
            packed = sum(i.compress_size for i in infos)
            if declared > limits.bomb_floor and declared > limits.max_ratio * max(packed, 1):
                # many entries each under the one-entry floor (a thousand MiB of zeros in 1 MB) are one bomb
                raise UnsafeArchive(f"ZIP bomb: it would unpack {declared // max(packed, 1)}x its size", label)
            free = shutil.disk_usage(dest).free
            if declared > free:  # unpacked next to the library: refuse before writing anything
                raise DiskFull(declared, free)
            used: set[str] = set()
            taken: dict[str, int] = {}  # a name met again -> the next number to try (20,000 'a.txt' stay linear)
            written = 0
            for info in infos:
                if info.is_dir():
                    continue
                mode = (info.external_attr >> 16) & 0o170000
                if mode and not stat.S_ISREG(mode):
                    problems.append(Problem(f"{label} › {info.filename}", "skipped: not a regular file (link or device)"))
                    continue
                parts = safe_parts(info.filename)
                if parts is None:
                    nameless = not [q for q in PurePosixPath(info.filename.replace("\\", "/")).parts if q not in ("", ".", "/")]
                    problems.append(Problem(f"{label} › {info.filename}", "ZIP entry without a name; not extracted"
                                            if nameless else "ZIP entry escapes the archive; not extracted"))
                    continue
                if info.flag_bits & 0x1:
                    problems.append(Problem(f"{label} › {info.filename}", "encrypted ZIP entry; cannot be read"))
                    continue
                if info.file_size > limits.max_entry_bytes:
                    raise UnsafeArchive(f"ZIP bomb: entry {info.filename!r} is too large", label)
                if info.file_size > (1 << 20) and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                    raise UnsafeArchive(
                        f"ZIP bomb: entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}x",
                        label,
                    )
                rel = "/".join(parts)
                key = first = rel.casefold()
                n = taken.get(first, 1)
                while key in used:
                    stem, dot, ext = parts[-1].rpartition(".")
                    alt = f"{stem or ext} ({n}){dot}{ext if stem else ''}"
                    rel = "/".join([*parts[:-1], alt])
                    key = rel.casefold()
                    n += 1
                taken[first] = n
                used.add(key)
                target = dest.joinpath(*rel.split("/"))
                if not target.resolve().is_relative_to(dest.resolve()):
                    problems.append(Problem(f"{label} › {info.filename}", "ZIP entry escapes the archive; not extracted"))
                    continue
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    written += _copy_bounded(zf, info, target, limits, label,
                                             budget=limits.max_total_bytes - written)
                except _DAMAGED_ENTRY as e:  # one damaged entry does not sink the ZIP (which is kept whole)
                    target.unlink(missing_ok=True)
                    why = "compressed in a way that cannot be read" if isinstance(e, NotImplementedError) else "damaged"
                    problems.append(Problem(f"{label} › {info.filename}",
                                            f"{why} inside the ZIP; not extracted (the ZIP is kept as it came)", kept=True))
                    continue
                except OSError as e:  # one unwritable name (a clash with a folder, ...) does not sink the ZIP
                    if is_disk_full(e):  # ... but a full disk stops the import
                        raise
                    problems.append(Problem(f"{label} › {info.filename}",
                                            f"cannot be extracted ({e.strerror or type(e).__name__})"))
                    continue
                shown = f"{label} › {rel}"
                if depth < limits.nested_depth and _looks_zip(target):
                    inner = target.with_name(target.name + ".contents")
                    try:
                        out.extend(extract_zip(target, inner, display=shown, limits=limits, problems=problems, depth=depth + 1))
                        target.unlink()
                        continue
                    except UnsafeArchive as e:
                        problems.append(Problem(shown, e.message))
                        target.unlink(missing_ok=True)
                        continue
                out.append(ExtractedFile(target, rel, shown))
    except (UnsafeArchive, DiskFull):
        shutil.rmtree(dest, ignore_errors=True)
        raise
    except _UNREADABLE as e:
        shutil.rmtree(dest, ignore_errors=True)
        if is_disk_full(e):
            raise
        detail = e.strerror if isinstance(e, OSError) and e.strerror else "its contents cannot be read"
        raise UnsafeArchive(f"damaged ZIP archive ({detail})", label) from None
    return out


def _unopened(zip_path: Path, e: BaseException) -> str:
    """Why ``zipfile`` did not open a ZIP, in words: a file that starts as a ZIP but has no table of contents at
    its end (zipfile: "File is not a zip file") was cut short."""
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    if isinstance(e, zipfile.BadZipFile) and str(e) == "File is not a zip file":
        try:
            with zip_path.open("rb") as f:
                starts_as_zip = f.read(4) == b"PK\x03\x04"
        except OSError:
            starts_as_zip = False
        if starts_as_zip:
            return "its end, the list of what it holds, is missing: it was probably cut short"
        return "the file is not a ZIP"
    return str(e) or "its contents cannot be read"


def _looks_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return is_zip(f.read(4))
    except OSError:
        return False


def _copy_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: ZipLimits, label: str, budget: int) -> int:
    """Copy one entry, counting real bytes: declared sizes can lie."""
    cap = min(info.file_size, limits.max_entry_bytes, budget)
    n = 0
    with zf.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            n += len(chunk)
            if n > cap:
                dst.close()
                target.unlink(missing_ok=True)
                raise UnsafeArchive(f"ZIP bomb: entry {info.filename!r} unpacks beyond its declared size", label)
            dst.write(chunk)
    os.utime(target, (info_mtime(info),) * 2)
    return n


def info_mtime(info: zipfile.ZipInfo) -> float:
    import time

    try:
        return time.mktime((*info.date_time, 0, 0, -1))
    except (OverflowError, ValueError):
        return 0.0
