"""/docent/: teacher accounts, classes, students, assignments and exports. Objects by random codes, never ids."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core.http import private

from . import dashboard_views
from . import teacher_views as views

app_name = "teacher"

school_class = "klassen/<slug:class_id>/"
assignment = school_class + "opdrachten/<slug:assignment_id>/"
student = school_class + "leerlingen/<slug:student_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("aanmelden/", views.signup, name="signup"),
    path("aanmelden/bevestigen/<uidb64>/<token>/", views.signup_confirm, name="signup_confirm"),
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path(
        "wachtwoord/",
        private(
            views.PasswordResetView.as_view(
                template_name="lessons/teacher/password_reset.html",
                email_template_name="lessons/teacher/password_reset_email.txt",
                subject_template_name="lessons/teacher/password_reset_subject.txt",
                success_url=reverse_lazy("teacher:password_reset_sent"),
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord/verstuurd/",
        private(auth_views.PasswordResetDoneView.as_view(template_name="lessons/teacher/password_reset_sent.html")),
        name="password_reset_sent",
    ),
    path(
        "wachtwoord/nieuw/<uidb64>/<token>/",
        private(
            views.PasswordResetConfirmView.as_view(
                template_name="lessons/teacher/password_reset_confirm.html",
                success_url=reverse_lazy("teacher:password_reset_done"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/klaar/",
        private(auth_views.PasswordResetCompleteView.as_view(template_name="lessons/teacher/password_reset_done.html")),
        name="password_reset_done",
    ),
    path("klassen/nieuw/", views.class_create, name="class_create"),
    path(school_class, views.class_detail, name="class_detail"),
    path(school_class + "naam/", views.class_rename, name="class_rename"),
    path(school_class + "archiveren/", views.class_archive, name="class_archive"),
    path(school_class + "code/", views.class_code, name="class_code"),
    path(school_class + "aanmelden-grens/", views.class_join_limit, name="class_join_limit"),
    path(school_class + "verwijderen/", views.class_delete, name="class_delete"),
    path(school_class + "export.json", views.class_export, name="class_export"),
    path(school_class + "leerlingen/", views.students_add, name="students_add"),
    path(student + "wachtwoord/", views.student_reset, name="student_reset"),
    path(student + "verwijderen/", views.student_delete, name="student_delete"),
    path(school_class + "opdrachten/", views.assignment_create, name="assignment_create"),
    path(assignment, views.assignment_dashboard, name="assignment"),
    path(assignment + "export.csv", views.assignment_csv, name="assignment_csv"),
    path(assignment + "export.xlsx", dashboard_views.assignment_xlsx, name="assignment_xlsx"),
    path(
        assignment + "leerlingen/<slug:student_id>/berichten/<int:position>/",
        dashboard_views.assignment_cell,
        name="assignment_cell",
    ),
    path(school_class + "opdrachten.xlsx", dashboard_views.class_xlsx, name="class_xlsx"),
    path("lessen/<slug:slug>/handleiding/", dashboard_views.lesson_guide, name="lesson_guide"),
]
