"""The research export: every answer of every finished or unfinished sitting, one row each, as .xlsx or CSV.

Students appear only as a pseudonymous id (an HMAC of their account keyed with the secret key: the same across
moments, so pre and post can be paired, but not traceable to a name or account), classes the same way. The
codebook (CODEBOOK, shown at /toets/codeboek/ and as a second sheet) says what each column holds.
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.crypto import salted_hmac

from .models import TestAnswer

CODEBOOK = [
    ("student", "Pseudoniem id van de leerling: 12 tekens, gelijk bij elke meting, niet terug te voeren op een naam."),
    ("klas", "Pseudoniem id van de klas: 12 tekens."),
    ("moment", "voormeting, nameting of uitgesteld (4–8 weken na de nameting)."),
    ("vorm", "Toetsvorm A, B of C (12 berichten: 4 meningen, 4 dreigingen, 4 oproepen tot ordeverstoring)."),
    ("vraag", "Sleutel van het bericht (bijvoorbeeld ta-03)."),
    ("echte_soort", "Wat het bericht is: opinion (mening), threat (dreiging), disorder (oproep tot ordeverstoring)."),
    ("gekozen_soort", "Wat de leerling koos, met dezelfde codes."),
    ("zekerheid", "zeker, beetje (een beetje zeker) of gok."),
    ("seconden", "Tijd op deze vraag in seconden, van tonen tot antwoorden; leeg als onbekend."),
    ("afgerond", "1 als de toets is ingeleverd, 0 als hij niet af is (telt als niet gemaakt)."),
]
HEADER = [name for name, _ in CODEBOOK]


def pseudonym(kind: str, pk: int) -> str:
    return salted_hmac(f"measurement.export.{kind}", str(pk), algorithm="sha256").hexdigest()[:12]


def answer_rows(*, school_classes: Iterable | None = None) -> Iterable[list]:
    """All answers of class sittings (of these classes, or of all), in one streamed query. `school_classes` may be a
    list or a lazy queryset of classes (then it is a subquery of that one query)."""
    answers = TestAnswer.objects.filter(sitting__measurement__isnull=False)
    if school_classes is not None:
        answers = answers.filter(sitting__measurement__school_class__in=school_classes)
    rows = answers.order_by("sitting_id", "scenario__key").values_list(
        "sitting__user_id",
        "sitting__measurement__school_class_id",
        "sitting__moment",
        "sitting__form",
        "scenario__key",
        "scenario__category",
        "chosen_category",
        "sureness",
        "seconds",
        "sitting__finished_at",
    )
    for user_id, class_id, moment, form, key, truth, chosen, sure, seconds, finished in rows.iterator(chunk_size=2000):
        yield [
            pseudonym("student", user_id),
            pseudonym("class", class_id),
            moment,
            form,
            key,
            truth,
            chosen,
            sure,
            "" if seconds is None else seconds,
            int(finished is not None),
        ]


def to_csv(rows: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets Excel read the accents


def to_xlsx(rows: Iterable[list]) -> bytes:
    from openpyxl import Workbook  # loaded on a download, not in every worker

    book = Workbook(write_only=True)
    sheet = book.create_sheet("antwoorden")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    codebook = book.create_sheet("codeboek")
    codebook.append(["kolom", "betekenis"])
    for row in CODEBOOK:
        codebook.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def response(rows: Iterable[list], *, kind: str, name: str) -> HttpResponse:
    body = to_xlsx(rows) if kind == "xlsx" else to_csv(rows)
    reply = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    reply["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return reply
