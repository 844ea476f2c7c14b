
import pytest

from desktop.services.library import Library
from desktop.settings import AppPaths
from tests.conftest import empty_postgres


@pytest.fixture
def lib(tmp_path):
    library = Library(AppPaths(tmp_path / "lib"))
    yield library
    library.close()


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database (CI starts a server and sets CASEDESK_TEST_PG_URL)."""
    return empty_postgres()
