"""Item statistics for editors in the Wagtail admin: per test item its p-value and item-rest correlation, so a weak
item (too easy, too hard, or one that strong learners miss) is seen and replaced."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .selectors import item_statistics


def item_statistics_view(request: HttpRequest) -> HttpResponse:
    return render(request, "measurement/admin_item_statistics.html", {"stats": item_statistics()})


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("toetsvragen/", item_statistics_view, name="measurement_item_statistics")]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem("Toetsvragen", reverse("measurement_item_statistics"), icon_name="table", order=900)
