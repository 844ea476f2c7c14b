"""Originals in an S3-compatible bucket: ``s3://bucket/prefix`` holds ``<prefix>ab/<sha256>`` objects.

Endpoint, region and credentials come from the environment as the AWS tools read them (``AWS_ENDPOINT_URL``,
``AWS_REGION``/``AWS_DEFAULT_REGION``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, profiles). boto3 is
imported on first use, never when a desk only lists cases.

An object is written by a conditional put (``If-None-Match: *``): two desks storing the same file at once cannot
overwrite each other; a server without conditional writes gets a check and then a plain put (the content is the
same either way). The SHA-256 goes with every put and every part (``ChecksumSHA256``), so a server that checks
sums refuses damaged bytes. Files up to ``SINGLE_PUT_LIMIT`` go in one request; larger ones are hashed in a
first pass and sent as a multipart upload of ``PART_SIZE`` pieces, hashed again on the way and completed only
when both hashes agree: at most one part is in memory.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from desktop.store.blobs.base import (
    MARKER,
    BlobStore,
    OriginalCorrupt,
    OriginalMissing,
    StoredBlob,
    StoredTemp,
    StoreUnavailable,
    check_sha,
    sha256_file,
)

SINGLE_PUT_LIMIT = 64 << 20
PART_SIZE = 16 << 20
MAX_PARTS = 9000  # S3 allows 10,000
_NOT_SUPPORTED = {"NotImplemented", "InvalidArgument", "InvalidRequest", "NotSupported"}


def parse_s3(location: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix`` -> ("bucket", "some/prefix/")."""
    rest = location[len("s3://"):] if location.startswith("s3://") else location
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise ValueError(f"not an S3 location (s3://bucket/prefix): {location!r}")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


def _int(text: str | None, default: int) -> int:
    try:
        return max(1, int(text)) if text else default
    except ValueError:
        return default


def _b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode("ascii")


def _code(e: Exception) -> tuple[str, int]:
    resp = getattr(e, "response", None) or {}
    return str(resp.get("Error", {}).get("Code", "")), int(resp.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))


class S3Store(BlobStore):
    kind = "s3"

    def __init__(self, location: str, client: Any = None) -> None:
        self.location = location
        self.bucket, self.prefix = parse_s3(location)
        self._s3 = client
        self._lock = threading.Lock()
        self._conditional: bool | None = None  # None: not tried yet; False: the server lacks conditional puts

    # the client -----------------------------------------------------------------------------------------------
    def client(self) -> Any:
        with self._lock:
            if self._s3 is None:
                import boto3
                from botocore.config import Config

                region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
                attempts = _int(os.environ.get("AWS_MAX_ATTEMPTS"), 5)  # as the AWS tools read it
                cfg = Config(connect_timeout=10, read_timeout=120,
                             retries={"max_attempts": attempts, "mode": os.environ.get("AWS_RETRY_MODE", "standard")},
                             s3={"addressing_style": os.environ.get("CASEDESK_S3_ADDRESSING", "auto")},
                             request_checksum_calculation="when_required",
                             response_checksum_validation="when_required")
                self._s3 = boto3.session.Session().client("s3", region_name=region, config=cfg)
            return self._s3

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Transport, credential and permission failures as one sentence naming the store."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as e:
            code, status = _code(e)
            if code in ("NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch") or status in (
                    401, 403):
                raise StoreUnavailable(f"the store of originals {self.location} refused {doing}: {code or status} "
                                       "(check the bucket name and the AWS_* credentials)") from e
            raise StoreUnavailable(f"the store of originals {self.location} failed {doing}: {code or status}") from e
        except BotoCoreError as e:
            raise StoreUnavailable(f"the store of originals {self.location} cannot be reached ({doing}): {e}") from e

    def key(self, sha256: str) -> str:
        check_sha(sha256)
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def _head(self, key: str) -> dict | None:
        from botocore.exceptions import ClientError

        with self._errors("a look-up"):
            try:
                return self.client().head_object(Bucket=self.bucket, Key=key)
            except ClientError as e:
                code, status = _code(e)
                if status == 404 or code in ("404", "NoSuchKey", "NotFound"):
                    return None
                raise

    # reading ------------------------------------------------------------------------------------------------
    def exists(self, sha256: str) -> bool:
        return self._head(self.key(sha256)) is not None

    @contextmanager
    def open(self, sha256: str) -> Iterator[BinaryIO]:
        from botocore.exceptions import ClientError

        with self._errors("a download"):
            try:
                body = self.client().get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"]
            except ClientError as e:
                code, status = _code(e)
                if status == 404 or code in ("NoSuchKey", "404"):
                    raise OriginalMissing(sha256, f"the original {sha256[:12]}… is not in {self.location}") from None
                raise
            with closing(body):
                yield body

    # writing ------------------------------------------------------------------------------------------------
    def put_bytes(self, data: bytes, sha256: str | None = None, *, hashed: bool = False) -> str:
        if hashed and sha256 is not None:  # the caller hashed these bytes a moment ago
            sha, raw = sha256, bytes.fromhex(sha256)
        else:
            digest = hashlib.sha256(data)
            sha, raw = digest.hexdigest(), digest.digest()
        if sha256 is not None and sha256 != sha:
            raise OriginalCorrupt(f"the data to store does not have the SHA-256 {sha256[:12]}… it is stored under: "
                                  "nothing was stored")
        key = self.key(sha)
        if self._adopt(key):
            return sha
        with self._errors("an upload"):
            self._put_new(key, lambda: data, ChecksumSHA256=_b64(raw))
        self._check_written(key, len(data))
        return sha

    def put_file(self, src: Path) -> tuple[str, int]:
        size = src.stat().st_size
        if size <= SINGLE_PUT_LIMIT:
            data = src.read_bytes()
            return self.put_bytes(data), len(data)
        sha, size = sha256_file(src)
        key = self.key(sha)
        if not self._adopt(key):
            with self._errors("an upload"):
                self._multipart(key, src, sha, size)
            self._check_written(key, size)
        return sha, size

    def _put_new(self, key: str, body, **kw: Any) -> None:  # noqa: ANN001
        """A put that never replaces an object another desk wrote."""
        from botocore.exceptions import ClientError

        s3 = self.client()
        if self._conditional is not False:
            try:
                s3.put_object(Bucket=self.bucket, Key=key, Body=body(), IfNoneMatch="*", **kw)
                self._conditional = True
                return
            except ClientError as e:
                code, status = _code(e)
                if status in (409, 412) or code in ("PreconditionFailed", "ConditionalRequestConflict"):
                    return  # another desk stored the same content first
                if status != 501 and code not in _NOT_SUPPORTED:
                    raise
                self._conditional = False  # the server does not know If-None-Match: check, then put
        if self._head(key) is None:
            s3.put_object(Bucket=self.bucket, Key=key, Body=body(), **kw)

    def _multipart(self, key: str, src: Path, sha: str, size: int) -> None:
        from botocore.exceptions import ClientError

        s3 = self.client()
        part_size = max(PART_SIZE, -(-size // MAX_PARTS))
        upload = s3.create_multipart_upload(Bucket=self.bucket, Key=key, ChecksumAlgorithm="SHA256")["UploadId"]
        try:
            h = hashlib.sha256()
            parts = []
            with open(src, "rb") as f:
                while chunk := f.read(part_size):
                    h.update(chunk)
                    part_sum = _b64(hashlib.sha256(chunk).digest())
                    number = len(parts) + 1
                    r = s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload, PartNumber=number, Body=chunk,
                                       ChecksumSHA256=part_sum)
                    parts.append({"PartNumber": number, "ETag": r["ETag"], "ChecksumSHA256": part_sum})
                    del chunk
            if h.hexdigest() != sha:
                raise OriginalCorrupt(f"{src} changed while it was being stored; nothing was stored, import it again")
            done = {"Bucket": self.bucket, "Key": key, "UploadId": upload, "MultipartUpload": {"Parts": parts}}
            if self._conditional is not False:
                try:
                    s3.complete_multipart_upload(**done, IfNoneMatch="*")
                    return
                except ClientError as e:
                    code, status = _code(e)
                    if status in (409, 412) or code in ("PreconditionFailed", "ConditionalRequestConflict"):
                        s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
                        return
                    if status != 501 and code not in _NOT_SUPPORTED:
                        raise
                    self._conditional = False
            if self._head(key) is None:
                s3.complete_multipart_upload(**done)
            else:
                s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
        except BaseException:
            try:
                s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)
            except Exception:  # noqa: BLE001 - the first failure is the one to report; repair lists the rest
                pass
            raise

    def _adopt(self, key: str) -> bool:
        """Whether the object is already stored; if so its time is refreshed (a copy onto itself), so a repair
        running while this import saves does not take it for a leftover of a failed import."""
        if self._head(key) is None:
            return False
        try:
            self.client().copy_object(Bucket=self.bucket, Key=key, CopySource={"Bucket": self.bucket, "Key": key},
                                      MetadataDirective="REPLACE", Metadata={"adopted": datetime.now(UTC).isoformat()})
        except Exception:  # noqa: BLE001 - best effort: a server may refuse copies onto the same key
            pass
        return True

    def _check_written(self, key: str, size: int) -> None:
        head = self._head(key)
        if head is None or int(head.get("ContentLength", -1)) != size:
            raise OriginalCorrupt(f"the store {self.location} did not keep {key} as sent "
                                  f"({'missing' if head is None else head.get('ContentLength')} bytes, {size} sent)")

    # listing and removing -------------------------------------------------------------------------------------
    def iter_stored(self) -> Iterator[StoredBlob]:
        with self._errors("a listing"):
            pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
            for page in pages:
                for obj in page.get("Contents", []):
                    rest = obj["Key"][len(self.prefix):]
                    sub, _, name = rest.partition("/")
                    if len(name) == 64 and name.startswith(sub) and len(sub) == 2 and set(name) <= set(
                            "0123456789abcdef"):
                        yield StoredBlob(name, int(obj["Size"]), obj["LastModified"].astimezone(UTC))

    def remove(self, sha256: str) -> bool:
        key = self.key(sha256)
        if self._head(key) is None:
            return False
        with self._errors("a deletion"):
            self.client().delete_object(Bucket=self.bucket, Key=key)
        return True

    def temporaries(self) -> Iterator[StoredTemp]:
        """Multipart uploads that were never completed nor aborted (a killed desk)."""
        with self._errors("a listing"):
            pages = self.client().get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket,
                                                                                    Prefix=self.prefix)
            for page in pages:
                for up in page.get("Uploads", []):
                    yield StoredTemp(f"{up['Key']}?uploadId={up['UploadId']}", 0, up["Initiated"].astimezone(UTC))

    def remove_temporary(self, name: str) -> None:
        key, _, upload = name.partition("?uploadId=")
        if not key.startswith(self.prefix) or not upload:
            raise ValueError(f"not a temporary of this store: {name!r}")
        with self._errors("an abort"):
            self.client().abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload)

    # marker -------------------------------------------------------------------------------------------------
    def read_marker(self) -> str | None:
        from botocore.exceptions import ClientError

        with self._errors("reading its marker"):
            try:
                body = self.client().get_object(Bucket=self.bucket, Key=self.prefix + MARKER)["Body"].read()
            except ClientError as e:
                code, status = _code(e)
                if status == 404 or code in ("NoSuchKey", "404"):
                    return None
                raise
        try:
            raw = json.loads(body)
        except ValueError:
            return None
        value = raw.get("store_id") if isinstance(raw, dict) else None
        return value if isinstance(value, str) else None

    def write_marker(self, store_id: str) -> None:
        with self._errors("writing its marker"):
            self.client().put_object(Bucket=self.bucket, Key=self.prefix + MARKER, ContentType="application/json",
                                     Body=json.dumps({"store_id": store_id, "app": "casedesk"}).encode() + b"\n")
