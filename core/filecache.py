"""The shared file cache used when there is no Redis (see edu/settings/base.py)."""

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """Django's file cache, culling on every `CULL_EVERY`th write of a process instead of on every write.

    Django lists the whole cache folder on each write to see whether it holds more than MAX_ENTRIES files. The page
    cache writes once per page miss, so with a few thousand stored pages that listing cost a millisecond or more on
    every uncached render, growing with the number of pages. Culling now and then keeps the same bound, give or
    take `CULL_EVERY` files per worker.
    """

    CULL_EVERY = 50

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes_since_cull = 0

    def _cull(self):
        self._writes_since_cull += 1
        if self._writes_since_cull < self.CULL_EVERY:
            return
        self._writes_since_cull = 0
        super()._cull()
