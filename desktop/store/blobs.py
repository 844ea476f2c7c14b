"""Content-addressed store of originals: ``originals/ab/<sha256>``, written once, never modified (0400: read-only,
the owner's alone), removed only when a customer is erased.

A file is copied to a temporary name in the store, fsynced, then renamed to its SHA-256: a crash leaves
either no file or a complete one, never a half-written original under its final name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


def sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    missing: list[str]
    modified: list[str]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.modified


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_bytes(self, data: bytes, sha256: str | None = None) -> str:
        """Store ``data``; returns its SHA-256. Storing the same content twice writes nothing."""
        digest = sha256 or hashlib.sha256(data).hexdigest()
        final = self.path_for(digest)
        if final.is_file():
            return digest
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=final.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o400)
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(final.parent)
        return digest

    def put_file(self, src: Path) -> tuple[str, int]:
        """Copy ``src`` in by streaming (for large videos); returns (sha256, size)."""
        h = hashlib.sha256()
        size = 0
        tmp_dir = self.root / ".incoming"
        tmp_dir.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="in-", dir=tmp_dir)
        try:
            with os.fdopen(fd, "wb") as out, open(src, "rb") as f:
                while chunk := f.read(CHUNK):
                    h.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            final = self.path_for(digest)
            if final.is_file():
                Path(tmp).unlink()
                return digest, size
            final.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(tmp, 0o400)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
            return digest, size
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self, sha256: str) -> bool:
        """Delete an original (an erasure: the only way an original ever leaves the store); False when it was
        not there. The caller has made sure no media item refers to it any more."""
        path = self.path_for(sha256)
        try:
            os.chmod(path, 0o600)  # Windows refuses to delete a read-only file
            path.unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(path.parent)
        return True

    def iter_stored(self) -> Iterator[str]:
        for sub in sorted(self.root.glob("[0-9a-f][0-9a-f]")):
            for f in sorted(sub.iterdir()):
                if len(f.name) == 64 and not f.name.startswith("."):
                    yield f.name

    def verify(self, expected: dict[str, int], progress=None, cancel=None) -> VerifyResult:
        """Re-hash every original the database knows (sha256 -> size)."""
        missing: list[str] = []
        modified: list[str] = []
        total = len(expected)
        for i, (sha, size) in enumerate(sorted(expected.items())):
            if cancel is not None:
                cancel.check()
            p = self.path_for(sha)
            if not p.is_file():
                missing.append(sha)
            else:
                digest, actual = sha256_file(p)
                if digest != sha or actual != size:
                    modified.append(sha)
            if progress is not None:
                progress(i + 1, total, sha[:12])
        return VerifyResult(total, missing, modified)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
