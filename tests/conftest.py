import pytest
from django.core.cache import cache

from tests.factories import make_site


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return make_site()
