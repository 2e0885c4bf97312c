"""Wagtail's default groups, workflow and task are stored data with English names ("Moderators", "Editors",
"Moderators approval") that editors read in the Dutch admin. Rename them while they still carry those defaults;
a name an editor chose stays as it is."""

from django.db import migrations

GROUPS = {"Moderators": "Moderatoren", "Editors": "Redacteuren"}
APPROVAL = {"Moderators approval": "Goedkeuring door moderatoren"}


def rename(apps, names_by_model):
    for model, names in names_by_model:
        for old, new in names.items():
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def to_dutch(apps, schema_editor):
    rename(
        apps,
        [
            (apps.get_model("auth", "Group"), GROUPS),
            (apps.get_model("wagtailcore", "Workflow"), APPROVAL),
            (apps.get_model("wagtailcore", "Task"), APPROVAL),
        ],
    )


def to_english(apps, schema_editor):
    flip = lambda names: {new: old for old, new in names.items()}  # noqa: E731
    rename(
        apps,
        [
            (apps.get_model("auth", "Group"), flip(GROUPS)),
            (apps.get_model("wagtailcore", "Workflow"), flip(APPROVAL)),
            (apps.get_model("wagtailcore", "Task"), flip(APPROVAL)),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_statement_theme"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
