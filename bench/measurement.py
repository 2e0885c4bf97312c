"""In-process benchmark of the discernment test (issue 14): the teacher's class report for 35 students × 3 moments ×
12 items, and the research export (.xlsx and CSV) for 1,000 students. Worker CPU per request (time.process_time,
median of --runs) and queries, on a throwaway SQLite database in a temporary directory.

    .venv/bin/python bench/measurement.py [--runs 30]

Target: the class report under 50 ms of CPU with a constant number of queries. Exit code 1 if it is missed.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: make the project importable

REPORT_TARGET_MS = 50.0
KINDS = ["opinion"] * 4 + ["threat"] * 4 + ["disorder"] * 4
CHOICES = ["opinion", "threat", "disorder"]


def setup_django(directory: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "edu.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_items() -> dict[str, list]:
    from cms.models import Scenario

    forms = {}
    for form in "ABC":
        forms[form] = Scenario.objects.bulk_create(
            Scenario(
                key=f"bench-{form.lower()}-{n:02d}", display_name="Sam", handle="@sam", source_type="private",
                platform="chat", text=f"Bericht {form}{n}", category=kind, concreteness=3, reach=2,
                responses=[], audiences=[], explanation="Uitleg.", test_form=form,
            )
            for n, kind in enumerate(KINDS, start=1)
        )  # fmt: skip
    return forms


def answer(truth: str, rng) -> str:
    """Right 70 % of the time, else any category."""
    return truth if rng.random() < 0.7 else rng.choice(CHOICES)


def make_class(teacher, n_students: int, forms: dict, index: int, rng):
    """A class with n students who each took three moments (A/B/C rotated), every answer stored."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.models import SchoolClass, StudentProfile
    from measurement.models import Measurement, Sitting, TestAnswer

    now = timezone.now()
    school_class = SchoolClass.objects.create(teacher=teacher, name=f"Klas {index}", join_code=f"B{index:05d}")
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"bench-{index}-{n}", password="!") for n in range(n_students)
    )
    students = StudentProfile.objects.bulk_create(
        StudentProfile(user=user, school_class=school_class, pseudonym=f"Leerling {n}") for n, user in enumerate(users)
    )
    moments = [
        Measurement.objects.create(
            school_class=school_class,
            moment=moment,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=1),
        )
        for moment in ("voormeting", "nameting", "uitgesteld")
    ]
    sittings = Sitting.objects.bulk_create(
        Sitting(measurement=m, user_id=s.user_id, moment=m.moment, form=("AB"[n % 2] + "BA"[n % 2] + "C")[k],
                finished_at=now if (n + k) % 11 else None)
        for n, s in enumerate(students) for k, m in enumerate(moments)
    )  # fmt: skip
    TestAnswer.objects.bulk_create(
        TestAnswer(sitting=sitting, scenario=item, chosen_category=answer(item.category, rng),
                   sureness=rng.choice(["zeker", "beetje", "gok"]), seconds=rng.randint(3, 40))
        for sitting in sittings for item in forms[sitting.form]
    )  # fmt: skip
    return school_class


def cpu(call, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        call()
    times = []
    for _ in range(runs):
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2), "queries": len(queries)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    import random

    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as directory:
        setup_django(directory)
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from accounts.models import TeacherProfile
        from measurement import exports

        teacher = get_user_model().objects.create_user(username="bench-docent@example.org", password=None)
        TeacherProfile.objects.create(user=teacher, name="Docent", school="School")
        forms = make_items()
        report_class = make_class(teacher, 35, forms, 0, rng)
        small_class = make_class(teacher, 5, forms, 1, rng)
        for index in range(2, 2 + 40):  # 40 × 25 = 1,000 more students for the export
            make_class(teacher, 25, forms, index, rng)

        client = Client()
        client.force_login(teacher)

        def report(school_class):
            def go():
                response = client.get(reverse("measurement:class_report", args=[school_class.public_id]))
                assert response.status_code == 200, response.status_code

            return go

        result = {
            "class_report_35x3x12": cpu(report(report_class), args.runs),
            "class_report_5x3x12": cpu(report(small_class), args.runs),
            "export_csv_1000_students": cpu(lambda: exports.to_csv(exports.answer_rows()), max(3, args.runs // 10)),
            "export_xlsx_1000_students": cpu(lambda: exports.to_xlsx(exports.answer_rows()), max(3, args.runs // 10)),
        }
    print(json.dumps(result, indent=2))
    big, small = result["class_report_35x3x12"], result["class_report_5x3x12"]
    ok = big["median_ms"] < REPORT_TARGET_MS and big["queries"] == small["queries"]
    print(f"class report: {big['median_ms']} ms CPU (target < {REPORT_TARGET_MS}), {big['queries']} queries "
          f"(5 students: {small['queries']}): {'met' if ok else 'MISSED'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
