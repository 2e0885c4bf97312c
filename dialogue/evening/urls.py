"""/live/avond/ for the host (own evenings only); /doe-mee/<code>/avond/ and /doe-mee/<code>/tafel/<tafel>/ for
phones. Included by dialogue/urls.py, so the names sit in the live: and doemee: namespaces."""

from django.urls import path

from . import views

evening = "avond/<slug:public_id>/"

host_urlpatterns = [
    path("avond/", views.home, name="evening_home"),
    path("avond/start/", views.start, name="evening_start"),
    path("avond/samen/", views.merged, name="evening_merged"),
    path(evening, views.host, name="evening"),
    path(evening + "stap/<slug:step>/", views.action, name="evening_action"),
    path(evening + "onderdeel/", views.block_add, name="evening_block"),
    path(evening + "onderdeel/wijzig/", views.block_edit, name="evening_block_edit"),
    path(evening + "kaart/", views.card_review, name="evening_card"),
    path(evening + "papier/", views.paper_card, name="evening_paper"),
    path(evening + "scherm/", views.projector, name="evening_projector"),
    path(evening + "scherm/stand/", views.projector_poll, name="evening_projector_poll"),
    path(evening + "qr.svg", views.qr_code, name="evening_qr"),
    path(evening + "tafel/<str:table>/qr.svg", views.table_qr, name="evening_table_qr"),
    path(evening + "verslag/", views.report, name="evening_report"),
    path(evening + "verslag.docx", views.report_download, name="evening_report_docx"),
]

participant_urlpatterns = [
    path("<str:code>/avond/", views.participant, name="evening"),
    path("<str:code>/avond/meedoen/", views.participant_join, name="evening_join"),
    path("<str:code>/avond/stand/", views.participant_poll, name="evening_poll"),
    path("<str:code>/avond/steun/", views.rate, name="evening_rate"),
    path("<str:code>/tafel/<str:table>/", views.table, name="evening_table"),
]
