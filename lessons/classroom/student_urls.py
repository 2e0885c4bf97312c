"""/klas/: student login, joining a class, and the student's own assignments."""

from django.urls import path

from . import student_views as views

app_name = "student"

urlpatterns = [
    path("", views.login_view, name="login"),
    path("aanmelden/", views.join, name="join"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("opdrachten/", views.assignments, name="assignments"),
    path("opdrachten/<slug:assignment_id>/", views.assignment_detail, name="assignment"),
]
