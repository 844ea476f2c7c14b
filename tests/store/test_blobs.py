"""The store of originals: one contract, run against a folder and against a real S3-protocol server (moto's,
through the real boto3 client)."""

from __future__ import annotations

import hashlib
import os
import threading
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.store.blobs import (
    FolderStore,
    OriginalCache,
    OriginalCorrupt,
    OriginalMissing,
    StoreUnavailable,
    normalise_location,
    open_store,
)
from desktop.store.blobs.s3 import SINGLE_PUT_LIMIT, S3Store
from tests.servers import s3_client, s3_location  # noqa: F401 - a fixture


@pytest.fixture(params=["folder", "s3"])
def store(request, tmp_path):
    if request.param == "folder":
        return FolderStore(tmp_path / "originals")
    return S3Store(request.getfixturevalue("s3_location"))


def corrupt(store, sha: str, data: bytes) -> None:
    """Change a stored original behind the store's back (a disk fault, someone's hand)."""
    if isinstance(store, FolderStore):
        p = store.path_for(sha)
        os.chmod(p, 0o600)
        p.write_bytes(data)
    else:
        s3_client().put_object(Bucket=store.bucket, Key=store.key(sha), Body=data)


def test_put_is_content_addressed_idempotent_and_streamed_back(store, tmp_path):
    data = os.urandom(300_000)
    sha = store.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.put_bytes(data, sha) == sha and store.exists(sha)
    with pytest.raises(OriginalCorrupt):
        store.put_bytes(b"other", "f" * 64)
    assert not store.exists("f" * 64) and list(store.temporaries()) == []
    hashed = os.urandom(1000)  # the import hashed these bytes itself: stored without hashing them again
    hashed_sha = hashlib.sha256(hashed).hexdigest()
    assert store.put_bytes(hashed, hashed_sha, hashed=True) == hashed_sha and store.read(hashed_sha) == hashed
    store.remove(hashed_sha)
    with store.open(sha) as f:
        assert f.read(1000) == data[:1000]
    assert store.read(sha) == data
    assert store.copy_to(sha, tmp_path / "copy") == len(data) and (tmp_path / "copy").read_bytes() == data
    [listed] = list(store.iter_stored())
    assert (listed.sha256, listed.size) == (sha, len(data))
    assert abs(listed.modified - datetime.now(UTC)) < timedelta(minutes=10)
    missing = "0" * 64
    assert not store.exists(missing)
    with pytest.raises(OriginalMissing):
        store.read(missing)
    assert store.remove(sha) and not store.exists(sha) and not store.remove(sha)
    assert list(store.iter_stored()) == []


def test_a_folder_original_is_read_only_and_private_unless_the_team_shares_it(tmp_path):
    own = FolderStore(tmp_path / "o")
    sha = own.put_bytes(b"hello" * 1000)
    assert oct(own.path_for(sha).stat().st_mode & 0o777) == "0o400" and not list(own.temporaries())
    old_umask = os.umask(0o077)  # a desk's private data folder does not make the team's folder private
    try:
        team = FolderStore(tmp_path / "share", shared=True)
        sha = team.put_bytes(b"hello" * 1000)
    finally:
        os.umask(old_umask)
    assert oct(team.path_for(sha).stat().st_mode & 0o777) == "0o444"
    assert oct(team.path_for(sha).parent.stat().st_mode & 0o7777) == "0o2775"


def test_a_large_file_is_streamed_in_parts_never_whole_in_memory(store, tmp_path):
    src = tmp_path / "video.mp4"
    size = SINGLE_PUT_LIMIT + (5 << 20)  # past the single-request limit: a multipart upload for a bucket
    with open(src, "wb") as f:
        for _ in range(size >> 20):
            f.write(os.urandom(1 << 20))
    tracemalloc.start()
    try:
        sha, stored = store.put_file(src)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored == size and sha == hashlib.sha256(src.read_bytes()).hexdigest()
    assert peak < 48 << 20, f"{peak / 1e6:.0f} MB held while storing a {size / 1e6:.0f} MB file"
    assert store.put_file(src) == (sha, size)  # stored once
    assert [b.sha256 for b in store.iter_stored()] == [sha] and list(store.temporaries()) == []
    tracemalloc.start()
    try:
        store.copy_to(sha, tmp_path / "back")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20 and (tmp_path / "back").stat().st_size == size


def test_verify_catches_missing_modified_and_unreferenced(store):
    a = store.put_bytes(b"a" * 100)
    b = store.put_bytes(b"b" * 100)
    c = store.put_bytes(b"c" * 100)
    assert store.verify({a: 100, b: 100, c: 100}).ok
    corrupt(store, b, b"x" * 100)
    store.remove(a)
    res = store.verify({a: 100, b: 100})
    assert (res.missing, res.modified, res.unreferenced, res.ok) == ([a], [b], [c], False)


def test_two_desks_storing_the_same_file_at_once_end_with_one_original(store):
    data = os.urandom(200_000)
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def put() -> None:
        try:
            barrier.wait()
            store.put_bytes(data)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=put) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and [b.size for b in store.iter_stored()] == [len(data)]
    assert list(store.temporaries()) == []


def test_temporaries_of_unfinished_writes_are_listed_and_removed(store):
    if isinstance(store, FolderStore):
        (store.root / ".incoming").mkdir(exist_ok=True)
        (store.root / ".incoming" / "in-killed").write_bytes(b"half")
    else:
        s3_client().create_multipart_upload(Bucket=store.bucket, Key=store.key("a" * 64))
    [temp] = list(store.temporaries())
    store.remove_temporary(temp.name)
    assert list(store.temporaries()) == []
    with pytest.raises(ValueError):
        store.remove_temporary("../../etc/passwd" if isinstance(store, FolderStore) else "elsewhere?uploadId=1")


def test_the_marker_tells_a_team_store_from_another(store):
    assert store.read_marker() is None
    with pytest.raises(StoreUnavailable, match="has no Casedesk store marker"):
        store.check_marker("team-1")
    store.write_marker("team-1")
    store.check_marker("team-1")
    with pytest.raises(StoreUnavailable, match="belongs to another Casedesk database"):
        store.check_marker("team-2")


def test_a_share_that_is_not_mounted_is_refused_and_not_created(tmp_path):
    share = tmp_path / "mnt" / "casedesk"
    with pytest.raises(StoreUnavailable, match="is the share mounted"):
        open_store(str(share), own_folder=tmp_path / "own", store_id="x")
    assert not share.exists()
    share.mkdir(parents=True)  # mounted, but empty: not the team's store
    with pytest.raises(StoreUnavailable, match="marker"):
        open_store(str(share), own_folder=tmp_path / "own", store_id="x")


def test_locations():
    assert normalise_location("s3://bucket/a/b/") == "s3://bucket/a/b"
    assert normalise_location("s3://bucket") == "s3://bucket"
    assert normalise_location("/mnt/share/casedesk/") == "/mnt/share/casedesk"
    for bad in ("relative/folder", "https://example.org/x", "s3://"):
        with pytest.raises(ValueError):
            normalise_location(bad)


def test_a_server_without_conditional_puts_gets_a_check_then_a_put(s3_location):  # noqa: F811
    """A server that refuses If-None-Match (501 Not Implemented), as some S3-compatible servers do."""
    from botocore.awsrequest import AWSResponse

    store = S3Store(s3_location)
    refused = []

    def no_conditional_puts(request, **_kw):  # noqa: ANN001, ANN003
        if request.headers.get("If-None-Match"):
            refused.append(request.url)
            body = b"<Error><Code>NotImplemented</Code><Message>If-None-Match</Message></Error>"
            return AWSResponse(request.url, 501, {"Content-Type": "application/xml"}, _Raw(body))
        return None

    store.client().meta.events.register("before-send.s3.PutObject", no_conditional_puts)
    data = os.urandom(10_000)
    sha = store.put_bytes(data)
    sha2 = store.put_bytes(os.urandom(10_000))
    assert len(refused) == 1  # asked once; the store remembers the server lacks it
    assert store.read(sha) == data and store.exists(sha2)


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_kw):  # noqa: ANN003, ANN201
        yield self.body

    def read(self, *_a) -> bytes:
        return self.body


def test_an_unreachable_bucket_is_one_sentence(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with pytest.raises(StoreUnavailable, match=r"s3://nowhere/team cannot be reached") as e:
        S3Store("s3://nowhere/team").exists("a" * 64)
    assert "\n" not in str(e.value)


# the cache of fetched originals -------------------------------------------------------------------------------

def _age(path: Path, hours: float) -> None:
    t = datetime.now().timestamp() - hours * 3600
    os.utime(path, (t, t))


def test_the_cache_fetches_checks_and_stays_within_its_bound(tmp_path):
    store = FolderStore(tmp_path / "store")
    shas = [store.put_bytes(os.urandom(100_000)) for _ in range(5)]
    cache = OriginalCache(tmp_path / "cache", limit=250_000)
    first = cache.get(store, shas[0])
    assert first.read_bytes() == store.read(shas[0]) and cache.get(store, shas[0]) == first
    for sha in shas[1:3]:
        _age(cache.get(store, sha), 2)
    _age(first, 3)  # least recently used
    cache.get(store, shas[3])
    assert not first.exists() and cache.size() <= 250_000  # the oldest went
    with cache.pinned([shas[4]]):  # an export in progress keeps what it fetched, even past the bound
        for p in cache.root.glob("??/*"):
            _age(p, 2)
        pinned = cache.get(store, shas[4])
        _age(pinned, 5)
        cache.get(store, shas[0])
        assert pinned.exists()
    corrupt(store, shas[1], b"changed")
    for p in cache.root.glob("??/*"):
        os.chmod(p, 0o644)
        p.unlink()
    with pytest.raises(OriginalCorrupt, match="no longer matches its SHA-256"):
        cache.get(store, shas[1])
    assert not list(cache.root.glob("??/*"))  # nothing half-fetched is kept
