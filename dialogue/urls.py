"""/live/ for the host (signed in, own sessions only) and the projector; /doe-mee/ for participants.

Sessions are addressed by a long random `public_id` (host, projector) or by the join code (participants),
never by a database id.
"""

from django.urls import path

from . import views
from .evening import urls as evening_urls

session = "<slug:public_id>/"
participant = "<str:code>/"

host_urlpatterns = evening_urls.host_urlpatterns + [  # the evening's first: "avond/" is no public id
    path("", views.host_home, name="host_home"),
    path("start/", views.session_start, name="start"),
    path(session, views.host_session, name="host"),
    path(session + "stand/", views.host_poll, name="host_poll"),
    path(session + "stap/<slug:action>/", views.host_action, name="action"),
    path(session + "reacties/", views.host_comment, name="moderate"),
    path(session + "scherm/", views.projector, name="projector"),
    path(session + "scherm/stand/", views.projector_poll, name="projector_poll"),
    path(session + "qr.svg", views.qr_code, name="qr"),
    path(session + "overzicht/", views.summary, name="summary"),
    path(session + "overzicht.csv", views.summary_csv, name="summary_csv"),
]

participant_urlpatterns = evening_urls.participant_urlpatterns + [
    path("", views.join, name="join"),
    path(participant, views.participant, name="participant"),
    path(participant + "meedoen/", views.participant_join, name="participant_join"),
    path(participant + "plek/", views.position, name="position"),
    path(participant + "reactie/", views.comment, name="comment"),
    path(participant + "stand/", views.participant_poll, name="participant_poll"),
    path(participant + "stroom/", views.participant_stream, name="participant_stream"),
]
