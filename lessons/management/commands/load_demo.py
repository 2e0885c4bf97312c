from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.classroom.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load a demo teacher with a class of 25 students and realistic progress, and print its login. Runs only "
        "with DEBUG, DEMO_ENABLED=1 or --i-know; never load it in a real deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--i-know", action="store_true", help="Load it although DEBUG and DEMO_ENABLED are off.")
        parser.add_argument("--rebuild", action="store_true", help="Replace the demo class with a new one.")

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO_ENABLED or options["i_know"]):
            raise CommandError("Refused: this is for a local machine. Set DEMO_ENABLED=1 or pass --i-know.")
        demo = load_demo(rebuild=options["rebuild"])
        self.stdout.write(
            f"Demo loaded: log in at /docent/ as {demo.email} with password {demo.password} "
            f"(class code {demo.class_code}, {demo.students} students)."
        )
