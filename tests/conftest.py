from pathlib import Path

import pytest

from kzlaw import load

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def mini():
    """A small dataset of the tests' own (made-up articles), independent of the shipped data."""
    return load(HERE / "data" / "mini.yaml")


@pytest.fixture(scope="session")
def shipped():
    """The dataset that ships with the package."""
    return load()
