"""The top floor's URL map: every app's routes, mounted under their Dutch paths."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from core import views as core_views
from dialogue import urls as dialogue_urls

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("leesstand/", core_views.reading_mode_toggle, name="reading_mode"),
    path("zoeken/", cms_views.search, name="search"),
    path("stellingen/<slug:key>/borden/", cms_views.statement_signs, name="statement_signs"),
    path("oefenen/", include("lessons.practice.urls")),
    path("docent/", include("lessons.classroom.teacher_urls")),
    path("klas/", include("lessons.classroom.student_urls")),
    path("toets/", include("measurement.urls")),
    path("live/", include((dialogue_urls.host_urlpatterns, "dialogue"), namespace="live")),
    path("privacy/", include("accounts.papers.urls")),
    path("inloggen/school/", include("accounts.sso.urls")),
    path("doe-mee/", include((dialogue_urls.participant_urlpatterns, "dialogue"), namespace="doemee")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", core_views.media_file, name="media"))

if settings.BENCH_VIEWS:
    urlpatterns.append(path("bench/bare/", core_views.bench_bare))

urlpatterns += [path("", include(wagtail_urls))]
