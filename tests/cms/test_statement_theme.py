"""Issue 12 item 18: a statement that is a pair of poles is headed by its theme, as the national report names it."""

import pytest

from cms.loader import load_content
from cms.models import Statement
from tests.factories import ensure_wagtail_roots

REPORT_THEMES = {
    "ldl-1": "Vertrouwen in de overheid",
    "ldl-2": "De overheid en ethische kaders voor online gedrag",
    "ldl-3": "Veiligheid versus privacy: online monitoren",
    "ldl-4": "Veiligheid versus privacy: modereren door bedrijven",
    "ldl-5": "De rol van burgers zelf",
}


@pytest.mark.django_db
def test_the_report_pairs_load_with_their_theme_as_heading():
    ensure_wagtail_roots()
    load_content()
    for key, theme in REPORT_THEMES.items():
        statement = Statement.objects.get(key=key)
        assert statement.opposite and statement.theme == theme and statement.heading == theme


def test_a_single_statement_or_a_pair_without_theme_is_headed_by_its_text():
    assert Statement(text="Stelling.", theme="Thema").heading == "Stelling."  # no opposite: no pair
    assert Statement(text="Links.", opposite="Rechts.").heading == "Links."
