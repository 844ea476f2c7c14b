import pytest

from desktop.services.library import Library
from desktop.settings import AppPaths


@pytest.fixture
def lib(tmp_path):
    library = Library(AppPaths(tmp_path / "lib"))
    yield library
    library.close()
