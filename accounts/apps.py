from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en klassen"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from core.security_log import log_failed_login

        # Every failed sign-in (teacher, student, Wagtail and Django admin: all go through our backends) is logged,
        # without the credentials the signal carries.
        user_login_failed.connect(log_failed_login, dispatch_uid="accounts-log-failed-login")
