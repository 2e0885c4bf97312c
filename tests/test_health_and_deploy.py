import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_503_when_the_database_fails(client):
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def _manage(*args, env_extra):
    # A deployment never sets DJANGO_ALLOW_ASYNC_UNSAFE (the browser tests do, for Playwright).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_SETTINGS_MODULE="edu.settings.production", **env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-check-" + "x" * 20,
            "DJANGO_ALLOWED_HOSTS": "meerdaneenmening.example",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="edu.settings.production", DJANGO_ALLOWED_HOSTS="x.example")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy_and_the_admin_its_own(client):
    public = client.get("/healthz")["Content-Security-Policy"]
    assert "script-src 'self';" in public and "unsafe-inline" not in public and "frame-ancestors 'none'" in public
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "unsafe-inline" in admin and "default-src 'self'" in admin


def test_login_counters_live_where_every_instance_sees_them(monkeypatch):
    from edu.settings.base import throttle_cache_from_env

    monkeypatch.delenv("REDIS_URL", raising=False)
    assert throttle_cache_from_env()["BACKEND"].endswith("DatabaseCache")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert throttle_cache_from_env()["BACKEND"].endswith("RedisCache")
