"""Production: everything that varies comes from the environment; HTTPS is assumed unless DJANGO_HTTPS=0.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS. Optional: DATABASE_URL, REDIS_URL, DJANGO_HTTPS,
DJANGO_CSRF_TRUSTED_ORIGINS, MEDIA_ROOT, PAGE_CACHE_SECONDS, WAGTAILADMIN_BASE_URL, EMAIL_HOST (+ EMAIL_PORT,
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_TIMEOUT), DEFAULT_FROM_EMAIL, DEMO_ENABLED,
ARCHIVED_CLASS_RETENTION_DAYS, IMAGE_MAX_UPLOAD_MB, IMAGE_MAX_MEGAPIXELS, DOCUMENT_MAX_UPLOAD_MB, LOG_LEVEL,
SECURITY_LOG_LEVEL.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a long random value (50+ characters).")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS, e.g. 'meerdaneenmening.nl'.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Behind a TLS-terminating load balancer. DJANGO_HTTPS=0 is only for serving on a local machine over plain HTTP
# (make run); it turns off the redirect, HSTS and secure-only cookies.
HTTPS = env_bool("DJANGO_HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Password-reset mail for teachers, always over SMTP (Django's deploy check refuses the console backend). Without
# EMAIL_HOST it goes to a mail server on this machine (localhost:25); set EMAIL_HOST etc. for a real relay.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
}
# `make run` serves a local, production-like copy: there the reset mail is printed in the terminal instead.
if env_bool("DJANGO_MAIL_CONSOLE", False):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
