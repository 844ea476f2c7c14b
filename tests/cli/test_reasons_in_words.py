"""A file the reader stops on without saying why is named in words, never by the exception the code met.

A JPEG whose header says 13,924 pixels wide while its data is 100 wide and 75 high (a damaged byte in its frame
header) decodes, but its fingerprint had nothing to measure: the import said 'cannot be read (ValueError: box
can't be empty)'. It is kept, the reason says what the file is and that its picture data cannot be read, and the
rest of the folder is imported.
"""

from __future__ import annotations

import io
import json
import re

from PIL import Image

from tests.cli.test_faults import casedesk, clean_terminal, shown_name
from tests.gen import jpeg

TECHNICAL = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception|File)\b|Errno|Traceback")


def wide_jpeg() -> bytes:
    """A real plain JPEG of 100 x 75 whose frame header (SOF0) says it is 13,924 pixels wide."""
    buf = io.BytesIO()
    Image.new("RGB", (100, 75), (200, 40, 40)).save(buf, "JPEG", quality=85)
    data = bytearray(buf.getvalue())
    sof = data.find(b"\xff\xc0")
    assert sof > 0 and int.from_bytes(data[sof + 7:sof + 9], "big") == 100
    data[sof + 7:sof + 9] = (13924).to_bytes(2, "big")
    return bytes(data)


def test_a_picture_the_reader_stops_on_is_named_in_words(tmp_path):
    src = tmp_path / "in"
    jpeg(src / "good.jpg", seed=1)
    (src / "wide.jpg").write_bytes(wide_jpeg())
    data = tmp_path / "lib"
    proc = casedesk(data, "import", str(src), "--json")
    clean_terminal(proc.stderr)
    assert proc.returncode == 1, proc.stderr  # done, with a problem
    out = json.loads(proc.stdout)
    assert out["imported"] == 2
    reasons = {shown_name(r["path"]): r for r in out["rejected"]}
    assert reasons["wide.jpg"] == {"path": reasons["wide.jpg"]["path"], "kept": True,
                                   "reason": "damaged JPEG picture (its picture data cannot be read)"}
    assert not any(TECHNICAL.search(r["reason"]) for r in out["rejected"]), out["rejected"]
    log = "".join(f.read_text() for f in (data / "logs").glob("*.log*"))
    assert "ValueError" in log  # the technical detail is kept for whoever reads the log

    again = casedesk(tmp_path / "lib2", "import", str(src))  # the terminal report says the same
    assert "wide.jpg: damaged JPEG picture (its picture data cannot be read)" in again.stdout, again.stdout
    assert not TECHNICAL.search(again.stdout + again.stderr), again.stdout
