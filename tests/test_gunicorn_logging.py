"""gunicorn's access log, when switched on, holds no live join code, participant token or reset link."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

from core.gunicorn_logging import MaskedAccessLogger


def _line(path: str, query: str = "", referrer: str = "", config: Config | None = None) -> str:
    config = config or Config()
    logger = MaskedAccessLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}" if query else path,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "telefoon",
    }
    headers = [("USER-AGENT", "telefoon")]
    if referrer:
        environ["HTTP_REFERER"] = referrer
        headers.append(("REFERER", referrer))
    atoms = logger.atoms(
        SimpleNamespace(status="200 OK", sent=512, headers=[("Location", f"{path}?code=KX7P2Q")]),
        SimpleNamespace(headers=headers),
        environ,
        timedelta(seconds=0.01),
    )
    return config.access_log_format % logger.atoms_wrapper_class(atoms)


@pytest.mark.parametrize(
    ("path", "secrets", "shown"),
    [
        ("/doe-mee/KX7P2Q/stand/", ["KX7P2Q"], "/doe-mee/<code>/stand/"),
        ("/docent/wachtwoord/nieuw/MTI/c4k2-0123456789abcdef/", ["MTI", "c4k2-0123"], "/<uidb64>/<token>/"),
    ],
)
def test_codes_and_tokens_are_masked(path, secrets, shown):
    config = Config()
    config.set("access_log_format", config.access_log_format + ' "%({location}o)s"')
    line = _line(path, query="v=123-456", referrer=f"https://site.example{path}?code=KX7P2Q", config=config)
    assert line.count(shown) == 3  # the request line, the referrer and the Location
    for secret in [*secrets, "code=KX7P2Q", "v=123-456"]:
        assert secret not in line
    assert '"https://site.example' in line and '"telefoon"' in line and " 200 " in line


def test_other_paths_are_written_as_they_are():
    assert '"GET /lessen/drie-soorten-berichten/ HTTP/1.1"' in _line("/lessen/drie-soorten-berichten/")


def test_make_run_uses_it():
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "edu" / "gunicorn.conf.py"))
    assert config["logger_class"] == "core.gunicorn_logging.MaskedAccessLogger"
