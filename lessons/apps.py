from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = "Oefenen en voortgang"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_delete

        from edu.security_log import log_failed_login

        from .attempt_cache import attempt_forgotten
        from .models import Attempt

        # Every failed sign-in (teacher, student, Wagtail and Django admin: all go through our backends) is logged,
        # without the credentials the signal carries.
        user_login_failed.connect(log_failed_login, dispatch_uid="lessons-log-failed-login")

        # A deleted attempt (a learner or a class removed) must not live on in the response cache.
        post_delete.connect(
            lambda sender, instance, **kwargs: attempt_forgotten(instance.code),
            sender=Attempt,
            dispatch_uid="lessons-attempt-cache-forget",
            weak=False,
        )
