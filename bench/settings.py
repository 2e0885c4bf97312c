"""Production settings exactly as `make run` uses them, except for the two places a throwaway run must not share
with the project folder: the collected static files and the file-based cache (the shared page cache) live in the
run's temporary directory. With REDIS_URL the cache is Redis, under a key prefix of its own."""

from edu.settings.env import env_str
from edu.settings.production import *  # noqa: F403
from edu.settings.production import CACHES

STATIC_ROOT = env_str("BENCH_STATIC_ROOT")
if CACHES["default"]["BACKEND"] == "core.filecache.FileCache":
    CACHES["default"]["LOCATION"] = env_str("BENCH_CACHE_DIR")
else:
    CACHES["default"]["KEY_PREFIX"] = "bench"
