from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ExerciseSet, GlossaryTerm, Scenario, Statement, StatementSet


def _yes_no(scenario: Scenario) -> str:
    return "Ja" if scenario.grey_area else "Nee"


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    icon = "openquote"
    menu_label = "Voorbeeldberichten"
    # Ja/Nee: a plain boolean column showed "True"/"False" (also Wagtail's BooleanColumn, to screen readers).
    list_display = [
        "key",
        "display_name",
        "category",
        Column("grey_area", label="Grijs gebied", accessor=_yes_no),
        "difficulty",
    ]
    list_filter = ["category", "grey_area", "difficulty", "source_type", "platform"]
    ordering = ["key"]


class ExerciseSetViewSet(SnippetViewSet):
    model = ExerciseSet
    icon = "list-ol"
    menu_label = "Oefensets"
    list_display = ["title", "audience"]
    list_filter = ["audience"]


class StatementSetViewSet(SnippetViewSet):
    model = StatementSet
    icon = "list-ul"
    menu_label = "Stellingensets"
    list_display = ["title", "key"]


class StatementViewSet(SnippetViewSet):
    model = Statement
    icon = "pick"
    menu_label = "Stellingen"
    list_display = ["text", "statement_set"]
    list_filter = ["statement_set"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = "Woordenlijst"
    list_display = ["term", "law"]


class TeachingViewSetGroup(SnippetViewSetGroup):
    menu_label = "Lesmateriaal"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ScenarioViewSet, ExerciseSetViewSet, StatementSetViewSet, StatementViewSet, GlossaryTermViewSet)


register_snippet(TeachingViewSetGroup)
