# The header menu now comes from the page tree (cms.navigation): the sections that sites made by earlier releases
# show there are marked "show in menus", as the loader marks them on a new site.

from django.db import migrations

SECTION_MODELS = ["lessonindexpage", "parentguidepage", "dialoguekitpage", "glossarypage"]


def mark_sections(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(app_label="cms", model__in=SECTION_MODELS)
    Page.objects.filter(content_type__in=types, depth=3).update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_scenario_pair_hotline_more_block_curriculum"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(mark_sections, migrations.RunPython.noop)]
