"""The ground floor: plumbing that any app may use and that knows no app.

The anonymous page cache, rate-limit counters, the security log and JSON logging, the Content Security Policy,
the file cache and static storage, gunicorn's masked access log, Wagtail's app configs without its API, and the
small shared mechanisms: cache versions (`versioning`), private responses (`http`) and the named request/response
contracts between floors (`contracts`). Nothing here imports `cms`, `accounts`, `lessons`, `dialogue`, `ops` or
`edu` (tests/test_architecture.py checks it).
"""
