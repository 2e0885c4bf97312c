from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("entree/", views.entree_login, name="entree"),
    path("acs/", views.entree_acs, name="acs"),
    path("docent/", views.teacher_confirm, name="teacher"),
]
