"""gunicorn as `make run` uses it: production-like, a worker count fitted to the machine."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 5000  # recycle workers now and then, so a slow leak never grows
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
logger_class = "core.gunicorn_logging.MaskedAccessLogger"  # no join codes or tokens in the access log
errorlog = "-"
preload_app = True
# gunicorn 27 opens one control socket per user by default, shared by every instance on the machine; not needed.
control_socket_disable = True


def post_fork(server, worker):
    """Never share a database connection the master may have opened before forking (SQLite or PostgreSQL)."""
    from django.db import connections

    connections.close_all()
