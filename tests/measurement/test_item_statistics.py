"""Item statistics for editors: p-value and item-rest correlation from known answer patterns, in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from measurement.selectors import item_statistics
from tests.factories import SchoolClassFactory, StudentFactory

from .conftest import bulk_sit, open_measurement

pytestmark = pytest.mark.django_db


def test_p_value_and_item_rest_correlation(test_forms):
    school_class = SchoolClassFactory()
    measurement = open_measurement(school_class)
    items = test_forms["A"]
    # Five students, each stronger than the one before (items 1 to 2n+2 right). Item 0 is right for the two
    # strongest only, so it goes with the rest; item 11 is right for the two weakest only (a bad item).
    for n in range(5):
        right = set(range(1, 3 + 2 * n)) | ({0} if n >= 3 else set()) | ({11} if n <= 1 else set())

        order = iter(range(12))  # bulk_sit answers the items in form order

        def choose(truth, right=right, order=order):
            return truth if next(order) in right else ("opinion" if truth != "opinion" else "threat")

        bulk_sit(measurement, StudentFactory(school_class=school_class), "A", choose=choose, items=items)
    stats = {s.scenario.key: s for s in item_statistics()}
    assert stats["fa-01"].answered == 5 and stats["fa-01"].p_value == pytest.approx(2 / 5)
    assert stats["fa-01"].item_rest > 0.5
    assert stats["fa-12"].item_rest < 0
    assert stats["fb-01"].answered == 0 and stats["fb-01"].p_value is None


def test_editors_see_the_table_in_the_admin(test_forms, client):
    editor = get_user_model().objects.create_superuser("redacteur", "r@example.org", "geheim-wachtwoord-123")
    client.force_login(editor)
    page = client.get(reverse("measurement_item_statistics"))
    assert page.status_code == 200 and "fa-01" in page.text and "r (rest)" in page.text
    assert client.get("/admin/").status_code == 200
