"""A gunicorn worker carries only what the site uses: every package loaded for nothing costs memory in each worker
(see edu/settings/base.py and edu/wagtail_apps.py, and `make bench` for the figures)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = """
import sys
import django
django.setup()
from django.urls import resolve
resolve("/admin/")  # loads Wagtail's admin API, and with it Django REST framework
import rest_framework.serializers
import willow.plugins.pillow
print("ninja", "loaded" if "ninja" in sys.modules else "absent")
print("stand-ins left", sum(1 for name in sys.modules if ".api.v3" in name))
for package in ("psycopg", "pillow_heif"):
    try:
        __import__(package)
    except ImportError:
        print(package, "absent")
    else:
        print(package, "loaded")
from wagtail.api.v3.api import api  # a later import gets the real module
print(type(api).__name__)
"""


@pytest.mark.parametrize(
    ("database_url", "psycopg"),
    [("sqlite:///{tmp}/db.sqlite3", "absent"), ("postgres://postgres@127.0.0.1:5432/test", "loaded")],
)
def test_a_worker_loads_only_what_it_uses(tmp_path, database_url, psycopg):
    """No API v3 (django-ninja, pydantic models), psycopg and libpq only for PostgreSQL, and no HEIC/AVIF
    decoders (those formats are refused anyway)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "edu.settings.production",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url.format(tmp=tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ninja absent",
        "stand-ins left 0",
        f"psycopg {psycopg}",
        "pillow_heif absent",
        "NinjaAPI",
    ]
