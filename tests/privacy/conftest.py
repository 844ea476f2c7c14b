import os

import pytest
from sqlalchemy import create_engine, text

from desktop.services.library import Library
from desktop.settings import AppPaths


@pytest.fixture
def lib(tmp_path):
    library = Library(AppPaths(tmp_path / "lib"))
    yield library
    library.close()


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database (CI starts a server and sets CASEDESK_TEST_PG_URL)."""
    url = os.environ.get("CASEDESK_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (.ci/run starts one and sets CASEDESK_TEST_PG_URL)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
