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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Serialized rollback restores the content types before anything else.

    Django serializes the migrated database in INSTALLED_APPS order, so Wagtail's rows come before the content
    types; restoring a Wagtail task builds it first, and its constructor looks up its content type. After a flush,
    with the content-type cache emptied by ensure_wagtail_roots, that lookup inserts a content type which the
    restore then inserts again: the second test with serialized rollback failed on a unique constraint.
    """
    import json

    from django.db import connections

    for connection in connections.all(initialized_only=True):
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            objects = json.loads(contents)
            objects.sort(key=lambda row: row["model"] != "contenttypes.contenttype")  # stable: else order kept
            connection._test_serialized_contents = json.dumps(objects)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database it found (serialized rollback). Without it, the flush after
    such a test re-creates content types under new ids, and the next test that restores the serialized database
    fails on their unique constraint; on a Wagtail site the flush also deletes the root page (TOOLCHAIN.md)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
            item.add_marker(pytest.mark.django_db(**marker.kwargs, serialized_rollback=True), append=False)


@pytest.fixture
def menu_read(db):
    """The header menu is read once per page-cache version and then shared by every page and worker
    (cms.navigation); a test that counts a page's own queries reads it first, as any earlier page would have."""
    from cms.navigation import main_menu

    main_menu()
