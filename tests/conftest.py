"""Shared test helpers: where the shared fixtures are, and tools that must exist in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CASEDESK_SHARED") or ROOT.parent / "shared")
FIXTURES = SHARED / "fixtures"


def require_tool(name: str) -> str:
    """The path of an external tool; in CI (CASEDESK_REQUIRE_TOOLS=1) its absence fails the test."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CASEDESK_REQUIRE_TOOLS"):
        pytest.fail(f"{name} is required but not installed")
    pytest.skip(f"{name} not installed")


@pytest.fixture
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.fail(f"shared fixtures not found at {FIXTURES}")
    return FIXTURES


def empty_postgres() -> str:
    """The URL of an emptied PostgreSQL database (CI starts a server and sets CASEDESK_TEST_PG_URL); skips
    without one."""
    from sqlalchemy import create_engine, text

    url = os.environ.get("CASEDESK_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (.ci/run starts one and sets CASEDESK_TEST_PG_URL)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
