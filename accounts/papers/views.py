"""The privacy papers: /privacy/bijsluiter/, /privacy/beveiliging/ and its .docx download. Public, read-only, the
same for everyone (no personal data on them), so they are cached like any public page would be."""

from io import BytesIO

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import facts
from .document import security_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
def bijsluiter(request: HttpRequest) -> HttpResponse:
    """Generated from the models' personal_data declarations, so it lists exactly what the database holds."""
    return render(
        request,
        "papers/bijsluiter.html",
        {
            "groups": facts.bijsluiter_groups(),
            "subprocessors": facts.subprocessors(),
            "operator": settings.PRIVACY_OPERATOR,
            "contact": settings.PRIVACY_CONTACT,
            "location": settings.PRIVACY_DATA_LOCATION,
            "archived_days": settings.ARCHIVED_CLASS_RETENTION_DAYS,
            "anonymous_days": settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS,
        },
    )


@require_GET
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "papers/security.html",
        {"measures": facts.security_measures(), "contact": settings.PRIVACY_CONTACT},
    )


@require_GET
def security_download(request: HttpRequest) -> HttpResponse:
    buffer = BytesIO()
    security_docx(request).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = 'attachment; filename="beveiliging-meer-dan-een-mening.docx"'
    return response
