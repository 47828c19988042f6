from pathlib import Path

import pytest

from kzlaw import load

HERE = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Datasets the tests load are cached in a folder of the run's own, not the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def mini():
    """A small dataset of the tests' own (made-up articles), independent of the shipped data."""
    return load(HERE / "data" / "mini.yaml")


@pytest.fixture(scope="session")
def shipped():
    """The dataset that ships with the package."""
    return load()
