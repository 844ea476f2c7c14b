"""Store of originals: what storing and fetching cost next to the raw operation, on a folder and on a bucket.

    python bench/store_bench.py [N] [--s3-endpoint URL]

N files of 4 MB (random bytes) are stored with ``put_bytes`` and compared with the raw write of the same bytes
(folder: write + fsync + rename; bucket: one ``put_object``), then fetched back (folder: read; bucket: the cache's
checked download against a raw ``get_object``). One 256 MB file goes through ``put_file`` with its peak Python
memory traced. With ``--s3-endpoint`` (e.g. a ``moto_server``), the bucket rows are measured too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.store.blobs import FolderStore, OriginalCache  # noqa: E402

SIZE = 4 << 20


def rate(n: int, seconds: float) -> str:
    return f"{n * SIZE / seconds / 1e6:7.1f} MB/s"


def raw_folder(files: list[bytes], root: Path) -> float:
    root.mkdir(parents=True)
    t0 = time.perf_counter()
    for i, data in enumerate(files):
        tmp = root / f".t{i}"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, root / f"f{i}")
    return time.perf_counter() - t0


def timed(fn, *args):  # noqa: ANN001, ANN002, ANN202
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def peak_put_file(store, src: Path) -> float:  # noqa: ANN001
    tracemalloc.start()
    try:
        store.put_file(src)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=40)
    ap.add_argument("--s3-endpoint")
    args = ap.parse_args()
    files = [os.urandom(SIZE) for _ in range(args.n)]
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        base = Path(tmp)
        big = base / "big.bin"
        with open(big, "wb") as f:
            for _ in range(256):
                f.write(os.urandom(1 << 20))
        raw = raw_folder(files, base / "raw")
        store = FolderStore(base / "store")
        put, shas = timed(lambda: [store.put_bytes(d) for d in files])
        read, _ = timed(lambda: [store.read(s) for s in shas])
        raw_read, _ = timed(lambda: [(base / "raw" / f"f{i}").read_bytes() for i in range(len(files))])
        print(f"store_bench: {args.n} files of 4 MB, load {os.getloadavg()[0]:.1f}")
        print(f"folder  raw write+fsync+rename {rate(args.n, raw)}   put_bytes {rate(args.n, put)}   "
              f"ratio {raw / put:.2f}")
        print(f"folder  raw read               {rate(args.n, raw_read)}   read      {rate(args.n, read)}   "
              f"ratio {raw_read / read:.2f}")
        print(f"folder  put_file 256 MB: peak Python memory {peak_put_file(store, big):.1f} MB")
        if args.s3_endpoint:
            import boto3

            os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
            os.environ["AWS_ENDPOINT_URL"] = args.s3_endpoint
            from desktop.store.blobs.s3 import S3Store

            client = boto3.client("s3", region_name="us-east-1")
            bucket = f"bench-{uuid.uuid4().hex[:12]}"
            client.create_bucket(Bucket=bucket)
            raw_put, _ = timed(lambda: [client.put_object(Bucket=bucket, Key=f"raw/{i}", Body=d)
                                        for i, d in enumerate(files)])
            s3 = S3Store(f"s3://{bucket}/store")
            put, shas = timed(lambda: [s3.put_bytes(d) for d in files])
            raw_get, _ = timed(lambda: [client.get_object(Bucket=bucket, Key=f"raw/{i}")["Body"].read()
                                        for i in range(len(files))])
            cache = OriginalCache(base / "cache", 1 << 40)
            get, _ = timed(lambda: [cache.get(s3, s) for s in shas])
            print(f"bucket  raw put_object         {rate(args.n, raw_put)}   put_bytes {rate(args.n, put)}   "
                  f"ratio {raw_put / put:.2f}")
            print(f"bucket  raw get_object         {rate(args.n, raw_get)}   cache.get {rate(args.n, get)}   "
                  f"ratio {raw_get / get:.2f}")
            print(f"bucket  put_file 256 MB: peak Python memory {peak_put_file(s3, big):.1f} MB")


if __name__ == "__main__":
    main()
