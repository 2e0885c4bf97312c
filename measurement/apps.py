from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "measurement"
    verbose_name = "Metingen"
    default_auto_field = "django.db.models.BigAutoField"
