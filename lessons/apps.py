from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = "Oefenen en voortgang"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from .models import Attempt
        from .practice.attempt_cache import attempt_forgotten

        # A deleted attempt (a learner or a class removed) must not live on in the response cache.
        post_delete.connect(
            lambda sender, instance, **kwargs: attempt_forgotten(instance.code),
            sender=Attempt,
            dispatch_uid="lessons-attempt-cache-forget",
            weak=False,
        )
