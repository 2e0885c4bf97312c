"""How log records are written: one JSON object a line on stderr (LOGGING in edu/settings/base.py).

Only named fields are written, never a record's other attributes: Django puts the whole request on some records,
and a request holds cookies, the session id and form data.
"""

import json
import logging
from datetime import UTC, datetime

from .security_log import safe_path
from .throttle import client_ip

FIELDS = ("event", "scope", "path", "ip", "user_id", "account", "status", "reason")


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({name: getattr(record, name) for name in FIELDS if getattr(record, name, None) is not None})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestFields(logging.Filter):
    """For Django's records about a request (django.request: every 4xx and 5xx; django.security.csrf): `path` and
    `ip` as on our own events, a code or token in the message's path masked, and the request itself taken off the
    record, so no handler can write its cookies or query string (where a class code can be). `event` names the
    record, e.g. "csrf_failed"."""

    def __init__(self, event: str = ""):
        super().__init__()
        self.event = event

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is None:
            return True
        path = safe_path(request)
        masked = {request.path: path, _escaped(request.path): _escaped(path)}  # Django escapes a message's args
        if isinstance(record.args, tuple):
            record.args = tuple(masked.get(arg, arg) if isinstance(arg, str) else arg for arg in record.args)
        record.path, record.ip = path, client_ip(request)
        record.status = getattr(record, "status_code", None)
        if self.event:
            record.event = self.event
        del record.request
        return True


def _escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii")
