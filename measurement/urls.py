"""/toets/: the discernment test. Teachers under klas/<class>/, students and visitors take it under maken/<code>/.
Objects by random codes, never ids."""

from django.urls import path

from . import views

app_name = "measurement"

school_class = "klas/<slug:class_id>/"
sitting = "maken/<slug:code>/"

urlpatterns = [
    path("", views.student_home, name="student_home"),
    path("test-jezelf/", views.self_test, name="self_test"),
    path("test-jezelf/beginnen/", views.self_test_start, name="self_test_start"),
    path("codeboek/", views.codebook, name="codebook"),
    path("meting/<slug:measurement_id>/beginnen/", views.student_start, name="student_start"),
    path(sitting + "<int:position>/", views.item, name="item"),
    path(sitting + "inleveren/", views.review, name="review"),
    path(school_class, views.class_report, name="class_report"),
    path(school_class + "plannen/", views.schedule, name="schedule"),
    path(school_class + "onderzoek/", views.research_sharing, name="research_sharing"),
    path(school_class + "leerlingen/<slug:student_id>/", views.student_trend, name="student_trend"),
    path(school_class + "antwoorden.xlsx", views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path(school_class + "antwoorden.csv", views.export, {"kind": "csv"}, name="export_csv"),
]
