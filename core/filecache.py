"""The shared file cache used when there is no Redis (see edu/settings/base.py)."""

import pickle
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """Django's file cache, culling on every `CULL_EVERY`th write of a process instead of on every write.

    Django lists the whole cache folder on each write to see whether it holds more than MAX_ENTRIES files. The page
    cache writes once per page miss, so with a few thousand stored pages that listing cost a millisecond or more on
    every uncached render, growing with the number of pages. Culling now and then keeps the same bound, give or
    take `CULL_EVERY` files per worker.

    It also compresses with zlib's fastest level instead of its default: at the default level, compressing the
    stored copy of an uncached lesson page (about 18 kB of HTML) cost about 2.5% of that render's instructions more
    than it does at level 1, for files about a tenth smaller. Reading is unchanged: zlib reads every level.
    """

    COMPRESS_LEVEL = 1

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

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), self.COMPRESS_LEVEL))
