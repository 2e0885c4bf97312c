import pytest
from django.core.cache import caches

from tests.factories import make_site


@pytest.fixture(autouse=True)
def _clear_cache():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def site(db):
    return make_site()
