"""The top floor: only the wiring. Settings (base, dev, test, production), the URL map, wsgi and gunicorn's
configuration. Nothing below imports `edu` (tests/test_architecture.py)."""
