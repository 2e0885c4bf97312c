"""gunicorn's access log without credentials: the same masking as the security log (edu/security_log.py)."""

from urllib.parse import urlsplit

from gunicorn.glogging import Logger


class MaskedAccessLogger(Logger):
    """A live join code, a participant token or a password-reset link in a URL is written as <code>, <token> or
    <uidb64>, and query strings (a join form's `?code=`) are left out: in the request line, the path, the referrer
    and a redirect's Location alike."""

    def atoms(self, resp, req, environ, request_time):
        from core.security_log import masked_path  # Django is set up by the time anything is logged

        atoms = super().atoms(resp, req, environ, request_time)
        path = masked_path(environ.get("PATH_INFO", ""))
        atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
        atoms["U"], atoms["q"] = path, ""
        for key in ("f", "{referer}i", "{location}o"):
            if atoms.get(key, "-") != "-":
                atoms[key] = _masked_url(atoms[key], masked_path)
        return atoms


def _masked_url(url: str, masked_path) -> str:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return origin + masked_path(parts.path)
