"""/oefenen/: the exercise sets, an attempt's posts and steps, its summary, and a post on its own.

`bericht/<key>/` comes first, so an exercise set must not use the address "bericht".
"""

from django.urls import path

from . import views

app_name = "lessons"

attempt = "<slug:slug>/<slug:code>/"
item = attempt + "<int:position>/"

urlpatterns = [
    path("", views.set_list, name="set_list"),
    path("bericht/<slug:key>/", views.scenario_practice, name="scenario_practice"),
    path("<slug:slug>/", views.set_intro, name="set_intro"),
    path("<slug:slug>/beginnen/", views.attempt_start, name="attempt_start"),
    path(attempt, views.attempt_resume, name="attempt_resume"),
    path(attempt + "uitslag/", views.summary, name="summary"),
    path(item, views.item, name="item"),
    path(item + "soort/", views.item_answer, {"step": 1}, name="answer_soort"),
    path(item + "ernst/", views.item_answer, {"step": 2}, name="answer_ernst"),
    path(item + "actie/", views.item_answer, {"step": 3}, name="answer_actie"),
]
