"""The measurement pages in the Wagtail admin.

- Item statistics for editors: per test item its p-value and item-rest correlation, so a weak item (too easy, too
  hard, or one that strong learners miss) is seen and replaced.
- Research data for researchers: every answer of the classes whose teacher opted in, pseudonymous, as .xlsx or
  CSV with the class export's columns and codebook. Only for users with `measurement.export_research_data` (given
  to a group under Settings → Groups); anyone else gets a 403 page and no menu item.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.models import Permission
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.http import private

from . import exports
from .selectors import item_statistics, research_classes

RESEARCH_PERMISSION = "measurement.export_research_data"


def item_statistics_view(request: HttpRequest) -> HttpResponse:
    return render(request, "measurement/admin_item_statistics.html", {"stats": item_statistics()})


def _researcher_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(RESEARCH_PERMISSION):
            # A plain 403 page (the admin would turn PermissionDenied into a redirect to its dashboard).
            return render(request, "measurement/admin_no_access.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


@private
@_researcher_required
def research_view(request: HttpRequest) -> HttpResponse:
    context = {"class_count": research_classes().count(), "columns": exports.CODEBOOK}
    return render(request, "measurement/admin_research.html", context)


@private
@_researcher_required
def research_export_view(request: HttpRequest, kind: str) -> HttpResponse:
    rows = exports.answer_rows(school_classes=research_classes())
    return exports.response(rows, kind=kind, name="toets-onderzoek")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("toetsvragen/", item_statistics_view, name="measurement_item_statistics"),
        path("onderzoeksgegevens/", research_view, name="measurement_research"),
        path(
            "onderzoeksgegevens/antwoorden.xlsx",
            research_export_view,
            {"kind": "xlsx"},
            name="measurement_research_xlsx",
        ),
        path(
            "onderzoeksgegevens/antwoorden.csv", research_export_view, {"kind": "csv"}, name="measurement_research_csv"
        ),
    ]


class ResearchMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(RESEARCH_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem("Toetsvragen", reverse("measurement_item_statistics"), icon_name="table", order=900)


@hooks.register("register_admin_menu_item")
def register_research_menu_item():
    return ResearchMenuItem("Onderzoeksgegevens", reverse("measurement_research"), icon_name="download", order=910)


@hooks.register("register_permissions")
def register_permissions():
    """Shown in the admin's group editor, so an administrator can make a group of researchers."""
    return Permission.objects.filter(content_type__app_label="measurement", codename="export_research_data")
