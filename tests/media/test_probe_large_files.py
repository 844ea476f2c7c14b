"""A huge picture file is probed through a map of the file, not a copy in memory, and a damaged PNG or WebP is not
walked chunk by chunk to its end. Both files are real (sparse: a few kB on disk, 1 GB long): a JPEG followed by
zeros, and a PNG or WebP signature followed by zeros. Before, the JPEG's probe held 1.5 GB and a 1.5 GB PNG of
zeros kept exifread busy for minutes."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.gen import jpeg

ROOT = Path(__file__).resolve().parents[2]
GB = 1 << 30


def _sparse(path: Path, head: bytes, size: int = GB) -> Path:
    with path.open("wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def _probe_in_child(path: Path, cpu_seconds: int = 60) -> dict:
    """The probe's result (or rejection) and the child's peak memory, with a CPU limit far above what it needs."""
    code = textwrap.dedent(f"""
        import json, resource
        from pathlib import Path
        from desktop.core.errors import RejectedInput
        from desktop.media.probe import probe_path
        try:
            r = probe_path(Path({str(path)!r}))
            out = {{"kind": str(r.kind), "width": r.width}}
        except RejectedInput as e:
            out = {{"rejected": e.message}}
        # this process's own peak (VmHWM: ru_maxrss would count the pytest process it was forked from)
        hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]
        out["peak_mb"] = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out))
    """)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, preexec_fn=limit,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_a_jpeg_followed_by_a_gigabyte_of_zeros_is_probed_without_holding_it(tmp_path):
    photo = jpeg(tmp_path / "photo.jpg", size=(64, 48)).read_bytes()
    big = _sparse(tmp_path / "big.jpg", photo)
    out = _probe_in_child(big)
    assert out["kind"] == "image" and out["width"] == 64
    assert out["peak_mb"] < 300, out


@pytest.mark.parametrize("name, head", [
    ("zeros.png", b"\x89PNG\r\n\x1a\n"),
    ("zeros.webp", b"RIFF\x00\x00\x00\x40WEBP"),
])
def test_a_signature_followed_by_a_gigabyte_of_zeros_is_damaged_at_once(tmp_path, name, head):
    out = _probe_in_child(_sparse(tmp_path / name, head), cpu_seconds=30)
    assert out["rejected"].startswith(("damaged ", "truncated ")), out
    assert out["peak_mb"] < 300, out
