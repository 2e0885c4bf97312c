from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: backups and restores of the database, whichever engine runs it."""

    name = "ops"
    verbose_name = "Beheer"
