"""The security summary as a Word document (python-docx), for a privacy officer's file."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from . import facts


def security_docx(request: HttpRequest):
    from docx import Document  # loaded on a download, not in every worker

    document = Document()
    document.core_properties.title = "Beveiliging en privacy – Meer dan een mening"
    document.core_properties.language = "nl-NL"
    document.add_heading("Beveiliging en privacy: samenvatting", level=1)
    document.add_paragraph(
        f"Deze pagina vat samen hoe Meer dan een mening gegevens beschermt. Beheerder: {settings.PRIVACY_OPERATOR}."
    )
    for measure in facts.security_measures():
        document.add_heading(measure.title, level=2)
        document.add_paragraph(measure.text)
    document.add_heading("Meer lezen", level=2)
    for label, name in (("Privacybijsluiter", "papers:bijsluiter"), ("Toegankelijkheid", None)):
        url = request.build_absolute_uri(reverse(name) if name else "/toegankelijkheid/")
        document.add_paragraph(f"{label}: {url}", style="List Bullet")
    if settings.PRIVACY_CONTACT:
        document.add_paragraph(f"Contact: {settings.PRIVACY_CONTACT}")
    return document
