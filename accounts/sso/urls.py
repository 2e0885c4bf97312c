from django.urls import path

from core.http import lazy_view

# The SAML and OpenID Connect libraries load on the first use of a door, not in every worker at start.
views = lazy_view.module("accounts.sso.views")
microsoft_views = lazy_view.module("accounts.sso.microsoft_views")
pupil_views = lazy_view.module("accounts.sso.pupil_views")

app_name = "sso"
urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("entree/", views.entree_login, name="entree"),
    path("acs/", views.entree_acs, name="acs"),
    path("docent/", views.teacher_confirm, name="teacher"),
    path("wachten/", pupil_views.pupil_wait, name="pupil_wait"),
    path("leerlingen/", pupil_views.pupils, name="pupils"),
    path("leerlingen/<slug:pupil_id>/", pupil_views.pupil_place, name="pupil_place"),
    path("microsoft/", microsoft_views.microsoft_login, name="microsoft"),
    path("microsoft/terug/", microsoft_views.microsoft_callback, name="microsoft_callback"),
    path("microsoft/nieuw/", microsoft_views.microsoft_new, name="microsoft_new"),
    path("microsoft/koppelen/", microsoft_views.microsoft_link, name="microsoft_link"),
]
