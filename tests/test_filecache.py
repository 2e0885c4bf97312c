"""The file cache (the shared page cache without Redis) keeps its size bound without listing its folder on every
write."""

from unittest import mock

from core.filecache import FileCache


def _cache(tmp_path, max_entries: int) -> FileCache:
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries, "CULL_FREQUENCY": 2}})


def test_the_folder_is_listed_once_per_batch_of_writes(tmp_path):
    cache = _cache(tmp_path, max_entries=10_000)
    with mock.patch.object(FileCache, "_list_cache_files", autospec=True, return_value=[]) as listing:
        for number in range(3 * FileCache.CULL_EVERY):
            cache.set(f"page-{number}", "html")
    assert listing.call_count == 3


def test_the_folder_stays_near_max_entries(tmp_path):
    max_entries = 4 * FileCache.CULL_EVERY
    cache = _cache(tmp_path, max_entries)
    for number in range(20 * FileCache.CULL_EVERY):
        cache.set(f"page-{number}", "html")
        assert len(list(tmp_path.glob("*.djcache"))) <= max_entries + FileCache.CULL_EVERY
    # what is still stored reads back whole
    stored = [number for number in range(20 * FileCache.CULL_EVERY) if cache.get(f"page-{number}") == "html"]
    assert max_entries // 2 <= len(stored) < max_entries + FileCache.CULL_EVERY


def test_a_new_value_replaces_the_old_one(tmp_path):
    cache = _cache(tmp_path, max_entries=100)
    cache.set("page", "old")
    cache.set("page", "new")
    assert cache.get("page") == "new"
    assert len(list(tmp_path.glob("*.djcache"))) == 1


def test_values_are_stored_at_zlibs_fastest_level_and_files_of_either_level_read_back(tmp_path):
    import pickle

    from django.core.cache.backends.filebased import FileBasedCache

    page = "<article><p>Een voorbeeldbericht met 1.200 likes.</p></article>\n" * 300
    ours, djangos = _cache(tmp_path, max_entries=100), FileBasedCache(str(tmp_path), {})
    ours.set("new", page)
    djangos.set("old", page)  # a file written by Django's own backend, at zlib's default level
    assert ours.get("old") == ours.get("new") == djangos.get("new") == page
    with open(ours._key_to_file("new"), "rb") as stored:
        pickle.load(stored)  # the expiry time
        assert stored.read(2) == b"\x78\x01"  # a zlib stream made at the fastest level
