import pytest


@pytest.fixture(autouse=True)
def _db(db):
    """Every points test touches the database."""
