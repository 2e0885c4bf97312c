from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Lesinhoud"

    def ready(self) -> None:
        from . import cache_signals  # noqa: F401  (publishing invalidates the shared page cache)
