from django.apps import AppConfig


class SsoConfig(AppConfig):
    """An app of its own (label `sso`) inside accounts, so its tables and migrations stand apart from accounts'."""

    name = "accounts.sso"
    label = "sso"
    verbose_name = "Inloggen met een schoolaccount"
    default_auto_field = "django.db.models.BigAutoField"
