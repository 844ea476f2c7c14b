"""The servers the team tests use: a real PostgreSQL and an S3-protocol server, both started by ``.ci/run``.

``CASEDESK_TEST_PG_URL`` and ``CASEDESK_TEST_S3_ENDPOINT`` name them. Without them a test skips on a developer's
machine and fails in CI (``CASEDESK_REQUIRE_TOOLS=1``). Each test gets its own database and its own bucket.
"""

from __future__ import annotations

import os
import time
import uuid

import pytest

PG_URL = os.environ.get("CASEDESK_TEST_PG_URL")
S3_ENDPOINT = os.environ.get("CASEDESK_TEST_S3_ENDPOINT")
S3_ENV = {"AWS_ACCESS_KEY_ID": "casedesk-test", "AWS_SECRET_ACCESS_KEY": "casedesk-test",
          "AWS_DEFAULT_REGION": "us-east-1"}


def need(value: str | None, what: str) -> str:
    if value:
        return value
    if os.environ.get("CASEDESK_REQUIRE_TOOLS"):
        pytest.fail(f"{what} is required (.ci/run starts it)")
    pytest.skip(f"no {what} (.ci/run starts one)")


def s3_client():  # noqa: ANN201 - a boto3 client
    import boto3

    return boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="us-east-1",
                        aws_access_key_id=S3_ENV["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=S3_ENV["AWS_SECRET_ACCESS_KEY"])


@pytest.fixture
def s3_location(monkeypatch) -> str:
    """``s3://<new bucket>/team``, with this process's (and its children's) AWS_* environment pointing there."""
    endpoint = need(S3_ENDPOINT, "S3-protocol server (CASEDESK_TEST_S3_ENDPOINT)")
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    for key, value in S3_ENV.items():
        monkeypatch.setenv(key, value)
    bucket = f"casedesk-{uuid.uuid4().hex[:16]}"
    s3_client().create_bucket(Bucket=bucket)
    return f"s3://{bucket}/team"


@pytest.fixture
def pg_database():
    """A function making a new, empty PostgreSQL database (``casedesk_team_*``, dropped afterwards); returns
    its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = need(PG_URL, "PostgreSQL server (CASEDESK_TEST_PG_URL)")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"casedesk_team_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return make_url(url).set(database=name).render_as_string(hide_password=False)

    yield make
    for name in made:
        drop_database(admin, name)
    admin.dispose()


def drop_database(admin, name: str) -> None:  # noqa: ANN001
    """Drop a test database and its connections. A background worker of the server's own role (autovacuum)
    cannot be terminated by our role: wait for it to leave, a few seconds at most."""
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(50):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except ProgrammingError as e:
            if "InsufficientPrivilege" not in type(e.orig).__name__ or attempt == 49:
                raise
            time.sleep(0.1)
