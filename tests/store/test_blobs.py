import hashlib
import os

from desktop.store.blobs import FolderStore as BlobStore


def test_put_is_content_addressed_and_readonly(tmp_path):
    store = BlobStore(tmp_path / "originals")
    data = b"hello" * 1000
    sha = store.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest()
    p = store.path_for(sha)
    assert p.read_bytes() == data and not os.access(p, os.W_OK) or os.geteuid() == 0
    assert oct(p.stat().st_mode & 0o777) == "0o444"
    assert store.put_bytes(data) == sha  # idempotent
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(3 << 20))
    sha2, size = store.put_file(src)
    assert size == 3 << 20 and store.path_for(sha2).read_bytes() == src.read_bytes()
    assert sorted(b.sha256 for b in store.iter_stored()) == sorted([sha, sha2])
    assert not [f for f in (tmp_path / "originals").rglob("*") if f.name.startswith((".incoming-", "in-"))]


def test_verify_catches_missing_and_modified(tmp_path):
    store = BlobStore(tmp_path / "o")
    a = store.put_bytes(b"a" * 100)
    b = store.put_bytes(b"b" * 100)
    assert store.verify({a: 100, b: 100}).ok
    p = store.path_for(b)
    os.chmod(p, 0o644)
    p.write_bytes(b"c" * 100)
    store.path_for(a).unlink()
    res = store.verify({a: 100, b: 100})
    assert res.missing == [a] and res.modified == [b] and not res.ok
