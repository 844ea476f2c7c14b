
import pytest

from desktop.core.errors import UnsafeArchive
from desktop.intake.archive import ZipLimits, extract_zip, safe_parts
from tests.gen import zip_of

make_zip = zip_of


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/x.txt", "..\\..\\x.txt",
                                  "C:\\Windows\\x.txt"])
def test_escaping_names_are_refused(name):
    assert safe_parts(name) is None


def test_safe_parts_clean_odd_characters():
    assert safe_parts("chat/\u200eIMG 1.jpg") == ["chat", "_IMG 1.jpg"]
    assert safe_parts("./a//b.jpg") == ["a", "b.jpg"]


def test_traversal_entries_skipped_and_reported(tmp_path):
    outside = tmp_path / "evil.txt"
    z = make_zip(tmp_path / "in.zip", [("../evil.txt", b"x"), ("/abs.txt", b"y"), ("ok/photo.jpg", b"jpegdata")])
    dest = tmp_path / "lib" / "scratch"
    problems = []
    files = extract_zip(z, dest, problems=problems)
    assert [f.name for f in files] == ["ok/photo.jpg"]
    assert files[0].path.read_bytes() == b"jpegdata"
    assert files[0].path.is_relative_to(dest)
    assert not outside.exists() and not (tmp_path / "abs.txt").exists()
    assert sorted(p.reason for p in problems) == ["ZIP entry escapes the archive; not extracted"] * 2


def test_zip_bomb_rejected_whole(tmp_path):
    z = make_zip(tmp_path / "bomb.zip", [("a.jpg", b"ok"), ("big.bin", b"\0" * (50 << 20))])
    dest = tmp_path / "scratch"
    with pytest.raises(UnsafeArchive, match="ZIP bomb"):
        extract_zip(z, dest)
    assert not dest.exists()


def test_total_size_bound(tmp_path):
    z = make_zip(tmp_path / "t.zip", [(f"f{i}.bin", bytes(range(256)) * 4096) for i in range(3)])
    with pytest.raises(UnsafeArchive, match="total"):
        extract_zip(z, tmp_path / "s", limits=ZipLimits(max_total_bytes=2 << 20))


def test_nested_zip_one_level(tmp_path):
    inner2 = make_zip(tmp_path / "inner2.zip", [("deep.jpg", b"d")])
    inner = make_zip(tmp_path / "inner.zip", [("b.jpg", b"b"), ("inner2.zip", inner2.read_bytes())])
    outer = make_zip(tmp_path / "outer.zip", [("a.jpg", b"a"), ("inner.zip", inner.read_bytes())])
    files = extract_zip(outer, tmp_path / "s")
    names = sorted(f.name for f in files)
    assert names == ["a.jpg", "b.jpg", "inner2.zip"]  # the second level stays a file


def test_duplicate_names_kept_apart(tmp_path):
    z = make_zip(tmp_path / "d.zip", [("A.jpg", b"1"), ("a.jpg", b"2")])
    files = extract_zip(z, tmp_path / "s")
    assert sorted(f.path.read_bytes() for f in files) == [b"1", b"2"]


def test_not_a_zip(tmp_path):
    p = tmp_path / "x.zip"
    p.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(UnsafeArchive, match="ZIP"):
        extract_zip(p, tmp_path / "s")
