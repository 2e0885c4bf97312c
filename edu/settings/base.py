"""Settings shared by every environment. Secrets and hosts come from the environment (see env.py)."""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core.csp import PUBLIC_POLICY

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def act_as_not_installed(*packages: str) -> None:
    """Packages that come with our dependencies but that this site does not use: importing them fails as if they
    were absent, so the libraries that load them whenever they can leave them out (see the callers for why)."""
    for package in packages:
        sys.modules.setdefault(package, None)


SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-never-used-in-production")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "cms",
    "accounts",
    "accounts.sso",
    "lessons",
    "dialogue",
    "measurement",
    "ops",
    "wagtail.sites",
    "wagtail.users",
    "core.wagtail_apps.SnippetsConfig",  # these four: Wagtail's own, minus its API v3 (see there)
    "core.wagtail_apps.DocumentsConfig",
    "core.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.sessions.PermissionsPolicyMiddleware",  # outside the page cache, so a cached page carries it too
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.csp.AdminPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.sessions.SessionDeadlineMiddleware",  # a teacher's session without "onthoud mij" ends after a day
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_grip.GripMiddleware",  # checks Pushpin's signature; holds the live tool's event streams (dialogue/push.py)
    "core.pagecache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.security_log.SecurityEventMiddleware",  # last, so it sees a view's PermissionDenied before anyone else
]
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.sites"), "core.wagtail_apps.RedirectsConfig")

SECURE_CSP = PUBLIC_POLICY

ROOT_URLCONF = "edu.urls"
WSGI_APPLICATION = "edu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_chrome",
                "accounts.context_processors.reader_role",
                "cms.context_processors.navigation",
            ],
        },
    },
]


def database_from_env() -> dict:
    """SQLite in the project folder by default; DATABASE_URL (e.g. postgres://…) overrides it."""
    url = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600), conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several gunicorn workers write to one file: WAL lets readers go on during a write, IMMEDIATE takes the
        # write lock at BEGIN (so two writers queue instead of deadlocking on an upgrade), and the busy timeout
        # makes a waiting writer wait instead of failing with "database is locked". Connections stay open per
        # worker (CONN_MAX_AGE), which saves about 2 ms a request: opening one runs these PRAGMAs and loses
        # SQLite's page cache.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
            ),
        }
    return config


DATABASES = {"default": database_from_env()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Full-text search lookups for PostgreSQL.
    INSTALLED_APPS.append("django.contrib.postgres")
else:
    # Django REST framework (which Wagtail's admin API imports) loads django.contrib.postgres, and with it psycopg
    # and libpq, whenever psycopg can be imported: memory in every worker, for nothing on SQLite.
    act_as_not_installed("psycopg")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_env() -> dict:
    """A shared cache: Redis when REDIS_URL is set, else files under var/ (shared by the workers of one machine)."""
    redis_url = env_str("REDIS_URL", "")
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    return {
        "BACKEND": "core.filecache.FileCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


def throttle_cache_from_env() -> dict:
    """Login and join-code counters must hold across every worker and every instance: Redis when REDIS_URL is set,
    else a table in the database (created by `manage.py createcachetable`)."""
    redis_url = env_str("REDIS_URL", "")
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "t"}
    return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_throttle"}


CACHES = {"default": cache_from_env(), "throttle": throttle_cache_from_env()}

# Push to the live tool's phones through Pushpin (dialogue/push.py): its publish address with the key it signs
# proxied requests with, "http://127.0.0.1:5561?iss=pushpin&key=<sig_key>". Empty: the phones poll.
GRIP_URL = env_str("GRIP_URL", "")
if GRIP_URL and "key=" not in GRIP_URL:
    # Without a key django-grip takes any request with a Grip-Sig header for one from the proxy.
    raise ImproperlyConfigured("GRIP_URL needs the proxy's signing key: ...?iss=pushpin&key=<sig_key>")
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
ATTEMPT_CACHE_SECONDS = env_int("ATTEMPT_CACHE_SECONDS", 3600)  # a learner's own exercise pages; 0 turns it off
# bench/run.py sets DJANGO_BENCH=1 to mount a bare view (edu/bench_views.py) as its baseline; never in a deployment.
BENCH_VIEWS = env_bool("DJANGO_BENCH", False)

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SESSION_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
# Serve the editors' images (originals and renditions) from the default storage at MEDIA_URL, so one machine with
# `make run` shows the posts' pictures. With object storage (STORAGES["default"] on a bucket) images have the
# bucket's own addresses and this route is never asked; set SERVE_MEDIA=0 to leave it out.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.staticstorage.StaticStorage"},
}

WAGTAIL_SITE_NAME = "Meer dan een mening"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Editors' uploads. Every image passes cms.images.ImageForm: these limits and formats are checked (a Dutch form
# error, never a server error) and the file is re-encoded without EXIF/GPS, XMP, IPTC or comments. No SVG: it can
# carry scripts. Documents: only these office formats and PDF.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# No HEIC or AVIF either, so Willow need not load pillow-heif: libheif's decoders stay out of reach of uploads, and
# out of every worker's memory (about 5 MiB).
act_as_not_installed("pillow_heif")
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000  # width × height × frames
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024

# One JSON object a line on stderr (edu/logs.py). Security events (edu/security_log.py: failed sign-ins, rate limits,
# wrong codes, denied access, CSRF failures) from SECURITY_LOG_LEVEL, everything else from LOG_LEVEL. Django's
# request records lose the request itself and any join code in their path on the way (core.logs.RequestFields).
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
SECURITY_LOG_LEVEL = env_str("SECURITY_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"()": "core.logs.JsonLineFormatter"}},
    "filters": {
        "request": {"()": "core.logs.RequestFields"},
        "csrf": {"()": "core.logs.RequestFields", "event": "csrf_failed"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console handler would print its records a second time, unformatted.
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.request": {"filters": ["request"]},
        # Never its DEBUG records, whatever LOG_LEVEL says: they hold a template's whole context, request included.
        "django.template": {"level": "INFO"},
        "django.security.csrf": {"filters": ["csrf"], "level": SECURITY_LOG_LEVEL},
        "edu.security": {"level": SECURITY_LOG_LEVEL},
    },
}

# Teachers and editors sign in with a password (never a student account); students only with class code, name
# and pass phrase at /klas/ (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["accounts.backends.AccountBackend", "accounts.backends.StudentBackend"]
LOGIN_URL = "/docent/inloggen/"
# Only Django's own LoginView reads this: the Django admin's sign-in, when its `next` is refused for pointing at
# another site (our teacher and Wagtail sign-ins choose their own landing page). Django's default is a 404.
LOGIN_REDIRECT_URL = "/django-admin/"
# How many password hashes (about 0.4 s of CPU each) may run at once across all workers: sign-ups beyond it are asked
# to try again a minute later instead of taking the workers that serve pages (accounts/signup.py).
PASSWORD_HASHING_SLOTS = env_int("PASSWORD_HASHING_SLOTS", 2)
# Password-reset mail: written to the console unless production.py configures SMTP from the environment.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Meer dan een mening <noreply@localhost>")
# Classes archived longer than this are deleted with everything in them by `manage.py purge_archived`.
ARCHIVED_CLASS_RETENTION_DAYS = env_int("ARCHIVED_CLASS_RETENTION_DAYS", 365)
# Attempts without an account are deleted this long after they began by `manage.py purge_anonymous_attempts`. The
# default is the session's lifetime (SESSION_COOKIE_AGE): by then nobody can reach them any more.
ANONYMOUS_ATTEMPT_RETENTION_DAYS = env_int("ANONYMOUS_ATTEMPT_RETENTION_DAYS", 30)
# `manage.py load_demo` loads a demo teacher and class only when DEBUG is on or this is set; never in production.
DEMO_ENABLED = env_bool("DEMO_ENABLED", False)
# The privacy papers (/privacy/bijsluiter/, /privacy/beveiliging/): who runs this copy, where its data lives and
# which subprocessors it uses (none unless listed: "name | what | where", separated by ";"), and a contact address.
PRIVACY_OPERATOR = env_str("PRIVACY_OPERATOR", "de beheerder van deze website")
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT", "")
PRIVACY_DATA_LOCATION = env_str("PRIVACY_DATA_LOCATION", "in de Europese Economische Ruimte (EER)")
PRIVACY_SUBPROCESSORS = [item.strip() for item in env_str("PRIVACY_SUBPROCESSORS", "").split(";") if item.strip()]
# Sign-in with a school account (accounts/sso): the secret that school identities are hashed with. Keep it; a new
# one unlinks every school account. Required (32+ characters) as soon as a school account is used.
SSO_SUBJECT_SECRET = env_str("SSO_SUBJECT_SECRET", "")
# Entree Federatie (SAML): on when SSO_ENTREE_METADATA names the file with Entree's (or the Kennisnet test
# environment's) IdP metadata. SSO_SITE_URL is this site's https origin: our entity id and ACS URL derive from it.
SSO_ENTREE_METADATA = env_str("SSO_ENTREE_METADATA", "")
SSO_SITE_URL = env_str("SSO_SITE_URL", "").rstrip("/")
SSO_ENTREE_KEY_FILE = env_str("SSO_ENTREE_KEY_FILE", "")
SSO_ENTREE_CERT_FILE = env_str("SSO_ENTREE_CERT_FILE", "")
if SSO_ENTREE_METADATA and (len(SSO_SUBJECT_SECRET) < 32 or not SSO_SITE_URL.startswith(("https://", "http://"))):
    raise ImproperlyConfigured("SSO_ENTREE_METADATA needs SSO_SUBJECT_SECRET (32+ characters) and SSO_SITE_URL.")
# Microsoft (OpenID Connect, accounts/sso/oidc.py) for teachers: on when the app's client id and secret are set.
# Only the tenants (schools' Microsoft 365 environments, by tenant id) in SSO_MICROSOFT_TENANTS may sign in.
# SSO_MICROSOFT_AUTHORITY is Microsoft's sign-in address for organisations (a test provider's in the tests).
SSO_MICROSOFT_CLIENT_ID = env_str("SSO_MICROSOFT_CLIENT_ID", "")
SSO_MICROSOFT_CLIENT_SECRET = env_str("SSO_MICROSOFT_CLIENT_SECRET", "")
SSO_MICROSOFT_TENANTS = [tenant.lower() for tenant in env_list("SSO_MICROSOFT_TENANTS", [])]
SSO_MICROSOFT_AUTHORITY = env_str("SSO_MICROSOFT_AUTHORITY", "https://login.microsoftonline.com/organizations")
if SSO_MICROSOFT_CLIENT_ID and not (SSO_MICROSOFT_CLIENT_SECRET and SSO_MICROSOFT_TENANTS):
    raise ImproperlyConfigured("SSO_MICROSOFT_CLIENT_ID needs SSO_MICROSOFT_CLIENT_SECRET and SSO_MICROSOFT_TENANTS.")
if SSO_MICROSOFT_CLIENT_ID and len(SSO_SUBJECT_SECRET) < 32:
    raise ImproperlyConfigured("SSO_MICROSOFT_CLIENT_ID needs SSO_SUBJECT_SECRET (32+ characters).")
