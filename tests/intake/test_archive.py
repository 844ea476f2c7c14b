
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


def _damage_first_entry(z, tmp_path):
    """The ZIP with two bytes of its first entry's compressed data changed: a bad deflate stream."""
    import zipfile

    data = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as zf:
        info = zf.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 2] ^= 0xFF
    data[start + 3] ^= 0xFF
    out = tmp_path / "damaged.zip"
    out.write_bytes(bytes(data))
    return out


def test_a_damaged_entry_is_named_and_the_rest_is_extracted(tmp_path):
    import zipfile

    z = tmp_path / "in.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "the first entry, which will be damaged " * 50)
        zf.writestr("b.txt", "the second entry, intact")
    problems = []
    files = extract_zip(_damage_first_entry(z, tmp_path), tmp_path / "out", problems=problems)
    assert [f.name for f in files] == ["b.txt"]
    assert [(p.path, p.kept) for p in problems] == [("damaged.zip › a.txt", True)]
    assert "damaged inside the ZIP" in problems[0].reason


def test_a_zip_of_a_version_python_cannot_read_is_refused_in_words(tmp_path):
    z = make_zip(tmp_path / "v.zip", [("a.jpg", b"jpeg")])
    data = bytearray(z.read_bytes())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 6] = 148  # "version needed to extract": 14.8
    z.write_bytes(bytes(data))
    with pytest.raises(UnsafeArchive, match="not a readable ZIP archive"):
        extract_zip(z, tmp_path / "out")


def test_a_bomb_of_many_entries_each_under_a_mib_is_refused(tmp_path):
    """Each entry under the one-entry floor (1 MiB), together 100 MiB of zeros in a few hundred KB."""
    import zipfile

    z = tmp_path / "many.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(100):
            zf.writestr(f"f{i:03d}.bin", b"\0" * ((1 << 20) - 1))
    dest = tmp_path / "out"
    with pytest.raises(UnsafeArchive, match="ZIP bomb"):
        extract_zip(z, dest)
    assert not dest.exists()


def test_an_entry_without_a_name_is_not_said_to_escape(tmp_path):
    z = make_zip(tmp_path / "a.zip", [(".", b"x"), ("../e.txt", b"y"), ("ok.txt", b"z")])
    problems = []
    assert [f.name for f in extract_zip(z, tmp_path / "out", problems=problems)] == ["ok.txt"]
    assert [(p.path, p.reason) for p in problems] == [("a.zip › .", "ZIP entry without a name; not extracted"),
                                                      ("a.zip › ../e.txt", "ZIP entry escapes the archive; not extracted")]


def test_many_entries_of_one_name_are_numbered_in_linear_time(tmp_path):
    """8,000 entries all named a.txt (within the 20,000-entry limit): each one searched its number from (1) up,
    so the ZIP took 12 s to unpack (20,000 of them 78 s, the import 89 s); now about a second."""
    import time
    import warnings
    import zipfile

    z = tmp_path / "dups.zip"
    with warnings.catch_warnings(), zipfile.ZipFile(z, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile's "Duplicate name" warning
        for i in range(8000):
            zf.writestr("a.txt", str(i))
    t0 = time.perf_counter()
    files = extract_zip(z, tmp_path / "s")
    elapsed = time.perf_counter() - t0
    names = [f.name for f in files]
    assert names[:3] == ["a.txt", "a (1).txt", "a (2).txt"] and names[-1] == "a (7999).txt"
    assert len(set(n.casefold() for n in names)) == 8000
    assert [f.path.read_text() for f in files[:2]] == ["0", "1"]
    assert elapsed < 6, f"{elapsed:.1f} s"
