from django.urls import path

from . import views

app_name = "papers"
urlpatterns = [
    path("bijsluiter/", views.bijsluiter, name="bijsluiter"),
    path("beveiliging/", views.security, name="security"),
    path("beveiliging/download/", views.security_download, name="security_download"),
]
