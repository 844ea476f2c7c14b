"""Faults in plain words, through the command line as a user meets them: a full disk, a file that cannot be read,
pipes and devices in a folder, links, libraries' warnings, a killed import's scratch folder.

The full disk is real: a tmpfs of a few MB mounted for the test (root only; otherwise the test says why it is
skipped), filled by the test while an import runs. Without root, a write failure is injected by a real mechanism
too: the file-size limit (RLIMIT_FSIZE) of the importing process.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_read_only import _drop_root_overrides
from tests.gen import jpeg, zip_of

ROOT = Path(__file__).resolve().parents[2]


def casedesk(data: Path, *args: str, preexec=None, timeout: float = 300) -> subprocess.CompletedProcess:  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)


def clean_terminal(stderr: str) -> None:
    for word in ("Traceback", "Logging error", "Warning", "warnings.warn"):
        assert word not in stderr, stderr


@pytest.fixture
def small_disk(tmp_path):
    """A real filesystem of a few MB: a tmpfs mounted for the test."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    mounted = []

    def mount(mb: int) -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a small tmpfs needs root (the RLIMIT_FSIZE test covers write failures)")
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mb}m", "tmpfs", str(mnt)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
        mounted.append(mnt)
        return mnt

    yield mount
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], check=False)


def fill(disk: Path, name: str = "filler") -> Path:
    """Take every free byte of ``disk`` (while an import may be writing to it too)."""
    filler = disk / name
    with open(filler, "wb", buffering=0) as f:
        for block in (1 << 20, 4096, 512):
            try:
                while True:
                    f.write(b"\0" * block)
            except OSError:
                continue
    return filler


def shown_name(path: str) -> str:
    """The file's own name in a problem's path ("folder › sub/name.jpg" or a plain path)."""
    return re.split(r"[/›]", path)[-1].strip()


def originals(data: Path) -> list[Path]:
    return [p for p in (data / "originals").rglob("*") if p.is_file()]


def test_disk_too_small_is_refused_before_anything_is_written(small_disk, tmp_path):
    disk = small_disk(5)
    src = tmp_path / "in"
    for i in range(12):
        jpeg(src / f"p{i:02d}.jpg", seed=i, size=(1600, 1200), quality=95)
    assert sum(p.stat().st_size for p in src.iterdir()) > 5_000_000
    data = disk / "lib"
    proc = casedesk(data, "import", str(src))
    assert proc.returncode == 2
    assert "casedesk: the disk holding the library is full:" in proc.stderr
    assert " MB needed, " in proc.stderr and " MB free" in proc.stderr
    clean_terminal(proc.stderr)
    assert originals(data) == [] and not list((data / "tmp").iterdir())
    assert json.loads(casedesk(data, "cases", "--json").stdout) == []
    archive = zip_of(tmp_path / "export.zip", [(p.name, p.read_bytes()) for p in sorted(src.iterdir())])
    proc = casedesk(data, "import", str(archive))  # unpacked into the library's scratch first: refused before
    assert proc.returncode == 2 and "is full:" in proc.stderr and " MB needed, " in proc.stderr
    clean_terminal(proc.stderr)
    assert not list((data / "tmp").iterdir())


@pytest.mark.slow
def test_disk_filling_up_during_an_import(small_disk, tmp_path):
    """The disk fills while the import runs: one sentence, nothing left behind, the library still readable on the
    full disk, and the same import works once there is room."""
    disk = small_disk(64)
    src = tmp_path / "many"
    for i in range(120):
        jpeg(src / f"p{i:03d}.jpg", seed=i, size=(1600, 1200), taken=f"2024:03:14 10:{i // 60:02d}:{i % 60:02d}")
    data = disk / "lib"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), "import", str(src)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(originals(data)) < 10 and proc.poll() is None:
        time.sleep(0.01)
    filler = fill(disk)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, (out, err)
    assert "casedesk: the disk holding the library is full:" in err and " MB needed, " in err
    clean_terminal(err)
    assert originals(data) == []  # what the failed import wrote is gone again
    assert not list((data / "tmp").iterdir())
    # the failed import's originals made room again; take it too: on a full disk, reading works and writing
    # says why it cannot
    more = fill(disk, "more")
    assert json.loads(casedesk(data, "cases", "--json").stdout) == []
    assert casedesk(data, "verify").returncode == 0
    again = casedesk(data, "import", str(src / "p000.jpg"))
    assert again.returncode == 2 and "is full" in again.stderr
    clean_terminal(again.stderr)
    filler.unlink()
    more.unlink()
    done = casedesk(data, "import", str(src), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 120
    assert casedesk(data, "verify").returncode == 0


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of a signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_write_failure_undoes_the_import(tmp_path):
    data = tmp_path / "lib"
    assert casedesk(data, "cases").returncode == 0  # the library exists before the limit applies
    src = tmp_path / "in"
    small = jpeg(src / "small.jpg", seed=1)
    big = jpeg(src / "big.jpg", seed=2, size=(3000, 2000), quality=98)
    assert big.stat().st_size > 1_000_000 > small.stat().st_size
    proc = casedesk(data, "import", str(src), preexec=_file_size_limit)
    assert proc.returncode == 2, proc.stderr
    assert "the disk holding the library does not take a file this large" in proc.stderr
    clean_terminal(proc.stderr)
    assert originals(data) == []  # the small one was stored before the failure, and removed again
    assert not [p for p in (data / "originals").rglob("*") if p.name.startswith((".incoming", "in-"))
                and p.is_file()]
    assert json.loads(casedesk(data, "media", "--json").stdout) == []
    assert json.loads(casedesk(data, "import", str(src), "--json").stdout)["imported"] == 2


def test_pipes_sockets_devices_and_unreadable_files_are_named(tmp_path):
    src = tmp_path / "in"
    jpeg(src / "good.jpg", seed=1)
    os.mkfifo(src / "pipe.jpg")  # opening it for reading would block for ever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "sock"))
    if os.geteuid() == 0:
        os.mknod(src / "device", stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    secret = jpeg(src / "secret.jpg", seed=2)
    secret.chmod(0)
    data = tmp_path / "lib"
    try:
        proc = casedesk(data, "import", str(src), "--json", timeout=120, preexec=_drop_root_overrides)
    finally:
        sock.close()
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    reasons = {shown_name(r["path"]): r["reason"] for r in out["rejected"]}
    assert reasons["pipe.jpg"] == "skipped: a named pipe (FIFO), not a file"
    assert reasons["sock"] == "skipped: a socket, not a file"
    if os.geteuid() == 0:
        assert reasons["device"] == "skipped: a device, not a file"
    assert reasons["secret.jpg"] == "cannot be read (Permission denied)"
    assert out["imported"] == 1
    fifo = casedesk(data, "import", str(src / "pipe.jpg"), "--json", timeout=60)  # named directly: same
    assert json.loads(fifo.stdout)["rejected"] == [{"path": str(src / "pipe.jpg"),
                                                   "reason": "skipped: a named pipe (FIFO), not a file",
                                                       "kept": False}]


def test_links_are_handled_deliberately(tmp_path):
    outside = jpeg(tmp_path / "elsewhere" / "private.jpg", seed=9)
    src = tmp_path / "in"
    inner = jpeg(src / "photo.jpg", seed=1)
    (src / "again.jpg").symlink_to(inner)
    (src / "private.jpg").symlink_to(outside)
    (src / "gone.jpg").symlink_to(tmp_path / "nothing.jpg")
    (src / "more").symlink_to(outside.parent, target_is_directory=True)
    (src / "loop.jpg").symlink_to(src / "loop.jpg")
    data = tmp_path / "lib"
    out = json.loads(casedesk(data, "import", str(src), "--json").stdout)
    reasons = {shown_name(r["path"]): r["reason"] for r in out["rejected"]}
    assert reasons["again.jpg"].startswith("skipped: symbolic link to a file inside the same folder")
    assert reasons["private.jpg"].startswith(f"skipped: symbolic link pointing outside the folder (to {outside})")
    assert reasons["gone.jpg"] == "skipped: broken symbolic link (its target does not exist)"
    assert reasons["more"].startswith("skipped: symbolic link pointing outside the folder")
    assert reasons["loop.jpg"] == "skipped: symbolic link that leads back to itself (a loop)"
    assert out["imported"] == 1
    named = json.loads(casedesk(data, "import", str(src / "private.jpg"), "--json").stdout)
    assert named["imported"] == 1 and named["rejected"] == []  # a link the user names is followed


def test_a_file_name_that_is_not_utf8_is_imported_listed_and_exported(tmp_path):
    """Linux names are bytes: one from an old Windows PC (cp1252) reached the database as surrogate escapes and
    the whole import stopped with "unexpected error: UnicodeEncodeError"."""
    src = tmp_path / "in"
    jpeg(src / "good.jpg", seed=1, taken="2024:03:14 10:12:33")
    raw = os.fsencode(src) + b"/caf\xe9 \xff.jpg"  # "café ÿ.jpg" in cp1252
    shutil.copy(src / "good.jpg", raw)
    with open(os.fsencode(src) + b"/cut \xe9.jpg", "wb") as f:  # unreadable as well: named in the problems
        f.write((src / "good.jpg").read_bytes()[:3000])
    data = tmp_path / "lib"
    proc = casedesk(data, "import", str(src), "--json")
    clean_terminal(proc.stderr)
    out = json.loads(proc.stdout)
    assert out["imported"] == 3 and out["already_present"] == 0, proc.stderr
    assert [(shown_name(r["path"]), r["reason"]) for r in out["rejected"]] == [("cut é.jpg", "truncated JPEG")]
    media = casedesk(data, "media", "--json")
    assert sorted(m["name"] for m in json.loads(media.stdout)) == ["café ÿ.jpg", "cut é.jpg", "good.jpg"]
    table = casedesk(data, "media")
    assert table.returncode == 0 and "café ÿ.jpg" in table.stdout, table.stderr
    [case] = out["cases"]
    pdf = casedesk(data, "export", case, "-o", str(tmp_path / "case.pdf"))
    assert pdf.returncode == 0 and (tmp_path / "case.pdf").stat().st_size > 0, pdf.stderr


def test_library_warnings_go_to_the_log_not_the_terminal(tmp_path):
    from PIL import Image, TiffImagePlugin

    src = tmp_path / "in"
    src.mkdir()
    Image.new("L", (10000, 9500)).save(src / "huge.png")  # over Pillow's pixel limit: DecompressionBombWarning
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[270] = "a description long enough to be stored outside its directory entry"
    Image.new("RGB", (300, 200), (120, 30, 200)).save(src / "tags.tif", tiffinfo=info)
    raw = bytearray((src / "tags.tif").read_bytes())
    ifd = int.from_bytes(raw[4:8], "little")
    for i in range(int.from_bytes(raw[ifd:ifd + 2], "little")):
        entry = ifd + 2 + 12 * i
        if int.from_bytes(raw[entry:entry + 2], "little") == 270:
            raw[entry + 4:entry + 8] = (10_000_000).to_bytes(4, "little")  # a tag longer than the file
    (src / "tags.tif").write_bytes(raw)
    data = tmp_path / "lib"
    proc = casedesk(data, "import", str(src))
    assert proc.returncode == 1
    assert "Kept, with a problem: " in proc.stdout and "decompression bomb" in proc.stdout  # kept, never dropped
    assert proc.stderr == ""
    log = (data / "logs" / "casedesk.log").read_text()
    assert "DecompressionBombWarning" in log and "Skipping tag 270" in log


KEEP_SCRATCH = """
import os, sys, time
from desktop.services.library import open_library
lib = open_library(sys.argv[1])
with lib.workspace() as scratch:
    (scratch / "chat.txt").write_text("customer data")
    print(scratch, flush=True)
    time.sleep(120)
"""


def test_scratch_of_a_killed_import_is_removed_at_the_next_start(tmp_path):
    from desktop.services.library import open_library

    data = tmp_path / "lib"
    killed = subprocess.Popen([sys.executable, "-c", KEEP_SCRATCH, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    dead_scratch = Path(killed.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert (dead_scratch / "chat.txt").read_text() == "customer data"
    alive = subprocess.Popen([sys.executable, "-c", KEEP_SCRATCH, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    try:
        live_scratch = Path(alive.stdout.readline().strip())
        assert not dead_scratch.exists()  # the next start removed it at once, not hours later
        with open_library(data):
            pass
        assert (live_scratch / "chat.txt").exists()  # another process is still working in this one
    finally:
        alive.kill()
        alive.wait()
    with open_library(data):
        pass
    assert not live_scratch.exists()


WRITE_ORIGINAL = """
import sys
from pathlib import Path
from desktop.services.library import open_library
lib = open_library(sys.argv[1])
print("open", flush=True)
lib.blobs.put_file(Path(sys.argv[2]))  # waits on the pipe: the original stays half-written
print("stored", flush=True)
"""


def _half_written(data: Path) -> set[Path]:
    # ``in-*``: a temporary locked by its writer. It is born ``new-<pid>-*`` and renamed once locked; the name
    # seen before the rename would be gone a moment later
    return {p for p in (data / "originals" / ".incoming").glob("in-*") if p.is_file()}


def _writing(data: Path, fifo: Path) -> tuple[subprocess.Popen, Path]:
    """A process storing an original from ``fifo`` (nobody writes into it yet), and its half-written file."""
    before = _half_written(data)
    proc = subprocess.Popen([sys.executable, "-c", WRITE_ORIGINAL, str(data), str(fifo)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "open\n"
    for _ in range(500):
        if new := _half_written(data) - before:
            return proc, new.pop()
        time.sleep(0.01)
    raise AssertionError("no half-written original appeared")


def test_half_written_originals_of_a_killed_import_go_at_the_next_start(tmp_path):
    from desktop.services.library import open_library
    from desktop.services.verify import repair_store

    data = tmp_path / "lib"
    fifos = [tmp_path / "a.pipe", tmp_path / "b.pipe"]
    for f in fifos:
        os.mkfifo(f)
    killed, dead_file = _writing(data, fifos[0])
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    alive, live_file = _writing(data, fifos[1])
    try:
        assert not dead_file.exists()  # the second process's start removed it at once, not six hours later
        assert live_file.exists()
        with open_library(data) as lib:  # another start, and a repair, while the live one is still writing
            report = repair_store(lib)
        assert live_file.exists() and report.temporaries_kept == [f".incoming/{live_file.name}"]
        with open(fifos[1], "wb") as w:  # the live one finishes and stores its original
            w.write(b"the customer's photo")
        assert alive.stdout.readline() == "stored\n"
        assert alive.wait(timeout=30) == 0
    finally:
        alive.kill()
        alive.wait()
    assert [p for p in (data / "originals" / ".incoming").glob("*") if p.is_file()] == []  # nothing left, of any name
    with open_library(data) as lib:
        assert [b.size for b in lib.blobs.iter_stored()] == [len(b"the customer's photo")]


def test_thumbnail_temporaries_of_a_killed_process_go_at_the_next_start(tmp_path):
    from desktop.services.library import open_library
    from desktop.services.scratch import temp_name

    data = tmp_path / "lib"
    with open_library(data) as lib:
        target = lib.thumb_path("ab" * 32)
    target.parent.mkdir(parents=True, exist_ok=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = temp_name(target)  # this process's, as an import's thread names it
        pid = str(os.getpid())
        left = target.parent / mine.name.replace(f".{pid}.", f".{dead.pid}.")  # a killed import's
        busy = target.parent / mine.name.replace(f".{pid}.", f".{alive.pid}.")  # another import's, still writing
        for p in (left, busy):
            p.write_bytes(b"half a thumbnail")
        with open_library(data):
            pass
        assert not left.exists() and busy.exists()
    finally:
        alive.kill()
        alive.wait()


def test_a_log_that_cannot_be_written_is_given_up_quietly(tmp_path):
    """The log file on a full disk: /dev/full answers every write with ENOSPC, like a full disk does."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    from PIL import Image

    data = tmp_path / "lib"
    (data / "logs").mkdir(parents=True)
    (data / "logs" / "casedesk.log").symlink_to("/dev/full")
    src = tmp_path / "in"
    src.mkdir()
    Image.new("L", (10000, 9500)).save(src / "huge.png")  # a warning for the log, which cannot take it
    jpeg(src / "fine.jpg", seed=3)
    proc = casedesk(data, "import", str(src))
    assert proc.returncode == 1 and "Imported 2 file(s)" in proc.stdout  # the bomb is kept, with its problem
    assert proc.stderr == ""


def test_control_characters_in_a_name_never_reach_the_terminal(tmp_path):
    """A file name is the customer's text: an escape sequence in it (colours, the window title) or a carriage
    return (text that overwrites what was printed before) is shown as U+FFFD by every printed line, and kept as it
    is in the library and in JSON."""
    src = tmp_path / "in"
    hostile = "\x1b[31mred\x1b[0m\x1b]0;title\x07 \r\u202egpj.exe.jpg"
    jpeg(src / hostile, seed=1, taken="2024:03:14 10:12:33")
    cut = src / "cut\x1b[2J.jpg"
    cut.write_bytes((src / hostile).read_bytes()[:2000])
    data = tmp_path / "lib"
    proc = casedesk(data, "import", str(src))
    assert proc.returncode == 1
    table = casedesk(data, "media")
    for out in (proc.stdout + proc.stderr, table.stdout + table.stderr):
        assert not any(c in out for c in "\x1b\x07\r\u202e"), repr(out)
    assert "cut\ufffd[2J.jpg" in proc.stdout and "\ufffd[31mred" in table.stdout
    listed = json.loads(casedesk(data, "media", "--json").stdout)
    assert sorted(m["name"] for m in listed) == sorted([hostile, cut.name])


def test_export_to_a_folder_a_missing_folder_and_a_place_that_cannot_be_written(tmp_path):
    """``-o FOLDER`` writes REF.pdf in it; a folder that does not exist is said before any work; a write that fails
    names the file asked for, not the temporary name it was written under (".x.pdf.2003fa58.part")."""
    src = tmp_path / "in"
    jpeg(src / "a.jpg", seed=1, taken="2024:03:14 10:12:33")
    data = tmp_path / "lib"
    [ref] = json.loads(casedesk(data, "import", str(src), "--json").stdout)["cases"]
    out = tmp_path / "out"
    out.mkdir()
    done = casedesk(data, "export", ref, "-o", str(out))
    assert done.returncode == 0 and (out / f"{ref}.pdf").stat().st_size > 0, done.stderr
    assert done.stdout.strip().startswith(f"Wrote {out / ref}.pdf")
    missing = casedesk(data, "export", ref, "-o", str(tmp_path / "nowhere" / "x.pdf"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"casedesk: cannot write {tmp_path / 'nowhere' / 'x.pdf'}: the folder " \
                                     f"{tmp_path / 'nowhere'} does not exist"
    refused = casedesk(data, "export", ref, "-o", "/proc/x.pdf")  # a folder nothing can be created in
    assert refused.returncode == 1
    assert refused.stderr.startswith("casedesk: cannot write the case file /proc/x.pdf: "), refused.stderr
    assert ".part" not in refused.stderr
    clean_terminal(refused.stderr)


@pytest.mark.parametrize(("url", "says"), [
    ("garbage", "'garbage' is not a database URL (a team's database is given as postgresql://"),
    ("mysql://claims@dbserver/casedesk", "mysql databases are not supported: a team uses PostgreSQL"),
    ("postgresql+psycopg://casedesk:secret@127.0.0.1:1/casedesk",  # nothing listens on port 1
     "the team's database postgresql+psycopg://casedesk:***@127.0.0.1:1/casedesk cannot be reached: Connection "
     "refused."),
    ("sqlite:////nonexistent-folder/library.db",
     "the library's database /nonexistent-folder/library.db cannot be opened (unable to open database file)"),
])
def test_a_database_that_cannot_be_used_is_named_in_one_sentence(tmp_path, url, says):
    """What an IT department mistypes: the URL, the kind of database, the server or the folder. Before: "No module
    named 'MySQLdb'", "(psycopg.OperationalError) connection failed: connection to server at ...", with the password
    of the URL where SQLAlchemy quoted it."""
    proc = casedesk(tmp_path / "desk", "--db-url", url, "cases", timeout=60)
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert says in line, line
    assert "secret" not in line and "OperationalError" not in line and "SQLAlchemy" not in line
    clean_terminal(proc.stderr)


def test_a_damaged_database_file_is_named_and_nothing_is_saved(tmp_path):
    """A disk fault overwrites part of library.db, or something else stands in its place. Before: "cannot open the
    library at ...: (sqlite3.DatabaseError) file is not a database", and "the database refused the work (database
    disk image is malformed)" with no word of what to do."""
    data = tmp_path / "lib"
    src = tmp_path / "in"
    for i in range(3):
        jpeg(src / f"p{i}.jpg", seed=i)
    assert casedesk(data, "import", str(src)).returncode == 0
    db = data / "library.db"
    raw = bytearray(db.read_bytes())
    for i in range(len(raw) // 3, len(raw) * 2 // 3, 7):  # the pages in the middle of the file, not its header
        raw[i] = 0x55
    db.write_bytes(bytes(raw))
    before = sorted(p.name for p in originals(data))
    jpeg(src / "new.jpg", seed=9)
    proc = casedesk(data, "import", str(src))
    [line] = proc.stderr.strip().splitlines()
    assert proc.returncode != 0 and f"the library's database {db} is damaged" in line, line
    assert "backup" in line and "DatabaseError" not in line and "sqlite3" not in line
    clean_terminal(proc.stderr)
    assert sorted(p.name for p in originals(data)) == before  # nothing of the new photo stays
    db.write_bytes(b"not a database at all, " * 200)
    proc = casedesk(data, "cases")
    [line] = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and "is damaged (file is not a database)" in line, line
    assert "sqlite3" not in line and "nothing was saved" not in line


@pytest.mark.parametrize(("make", "blocker", "says"), [
    (lambda d: d.write_text("notes"), "", "is a file where a folder of the library belongs"),
    (lambda d: (d.mkdir(), (d / "originals").write_text("x")), "originals", "is a file where a folder"),
    (lambda d: (d.mkdir(), (d / "library.db").mkdir()), "library.db", "is a folder where the library's database"),
])
def test_something_in_the_way_of_the_library_is_named(tmp_path, make, blocker, says):
    """Before: "cannot open the library at ...: [Errno 17] File exists: '...'" (or Errno 20, 21)."""
    data = tmp_path / "lib"
    make(data)
    proc = casedesk(data, "cases", timeout=60)
    [line] = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and f"{data / blocker if blocker else data} {says}" in line, line
    assert "Errno" not in line and "--data-dir" in line


def test_broken_zips_and_impossible_dates_never_sink_the_import_or_the_library(tmp_path):
    """What fuzzing the import found: a ZIP with one damaged entry took the whole batch down ('unexpected error:
    Error -3 while decompressing data'), a ZIP that cannot be opened was not kept, a ZIP holding two chats was
    kept nowhere, and a chat dated 31/12/9999 made every later case list, export and `sla` fail."""
    from tests.intake.test_archive import _damage_first_entry

    src = tmp_path / "in"
    src.mkdir()
    photo = jpeg(tmp_path / "p.jpg", seed=7).read_bytes()
    good = zip_of(tmp_path / "photos.zip", [("a.jpg", jpeg(tmp_path / "a.jpg", seed=8).read_bytes()), ("b.jpg", photo)])
    shutil.move(_damage_first_entry(good, tmp_path), src / "photos.zip")
    (src / "cut.zip").write_bytes(good.read_bytes()[:200])  # cut short: no central directory
    chat = "31/12/9999, 23:59 - Oliver Smith: hello\n"
    two = zip_of(tmp_path / "two.zip", [("WhatsApp Chat with Oliver Smith.txt", chat.encode()),
                                        ("WhatsApp Chat with Ann Jones.txt", b"01/01/0001, 00:00 - Ann Jones: hi\n")])
    shutil.move(two, src / "two chats.zip")
    data = tmp_path / "lib"
    out = casedesk(data, "import", str(src))
    clean_terminal(out.stderr)
    assert out.returncode == 1, out  # done, with problems
    assert "photos.zip › a.jpg: damaged inside the ZIP" in out.stdout
    assert re.search(r"Kept, with a problem: .*cut\.zip: not a readable ZIP archive", out.stdout)
    stored = {p.name for p in (data / "originals").rglob("*") if p.is_file()}
    import hashlib

    for name in ("photos.zip", "cut.zip", "two chats.zip"):  # every file the customer sent is kept as it came
        assert hashlib.sha256((src / name).read_bytes()).hexdigest() in "".join(stored), name
    cases = casedesk(data, "cases", "--json")
    assert cases.returncode == 0, cases.stderr
    refs = [c["ref"] for c in json.loads(cases.stdout)]
    assert len(refs) >= 3
    for ref in refs:
        exported = casedesk(data, "export", ref, "-o", str(tmp_path / f"{ref}.pdf"))
        assert exported.returncode == 0, exported.stderr
    assert casedesk(data, "sla").returncode == 0


@pytest.fixture(scope="module")
def one_case(tmp_path_factory):
    """A library with one case of two photos, for the commands below."""
    base = tmp_path_factory.mktemp("one-case")
    src = base / "in"
    jpeg(src / "a.jpg", seed=21)
    jpeg(src / "b.jpg", seed=22)
    data = base / "lib"
    assert casedesk(data, "import", str(src)).returncode == 0
    return data


HUGE = str(10**20)  # beyond any row id SQLite or PostgreSQL holds


@pytest.mark.parametrize("args", [
    ["media", "exif", HUGE], ["messages", "--customer", HUGE], ["customer", "export", HUGE],
    ["case", "split", "C-2026-0001", HUGE], ["case", "move", "C-2026-0001", HUGE], ["duplicates", "restore", HUGE],
    ["undo", "--id", HUGE], ["history", "--limit", HUGE], ["case", "set", "C-2026-0001", "--customer", HUGE],
    ["case", "split-gaps", "C-2026-0001", "--hours", "nan"], ["verify", "--repair", "--older-than", "inf"],
    ["settings", "set", "case-gap-days", "1000000000"], ["team", "set", "retention_years", '{"claim": 9999}'],
    ["case", "set", "C-2026-0001", "--incident-date", "0001-01-01"],
    ["send", "C-2026-0001", "-o", "x.eml", "--to", "a@b.c\nBcc: someone@example.com"],
    ["send", "C-2026-0001", "-o", ""],
    ["cases", "--search", "a" * 50001], ["duplicates", "keep", "9999999999999999999"],
])
def test_values_out_of_this_world_are_refused_in_words(one_case, args):
    """Found by fuzzing the commands: ids of 10^20 ('Python int too large to convert to SQLite INTEGER'), hours
    of nan or inf, settings of a billion days or 9999 years of retention (accepted, then every case list failed),
    an incident date in year 1, a line break in --to (another header), an empty output name: each was an
    'unexpected error'. Now a usage error in words, exit 2, and the library as before."""
    out = casedesk(one_case, *args)
    clean_terminal(out.stderr)
    assert out.returncode == 2, out
    assert "unexpected error" not in out.stderr and out.stderr.strip(), out
    assert casedesk(one_case, "cases").returncode == 0
    assert casedesk(one_case, "media").returncode == 0


def test_repair_never_touches_what_a_link_in_the_store_points_at(one_case, tmp_path):
    outside = tmp_path / ("cd" * 32)
    outside.write_bytes(b"not the library's")
    outside.chmod(0o644)
    link = one_case / "originals" / "cd" / ("cd" * 32)
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside)
    casedesk(one_case, "verify", "--repair", "--older-than", "0")
    assert outside.read_bytes() == b"not the library's" and stat.S_IMODE(outside.stat().st_mode) == 0o644
