"""The projector in Chromium (issue 12 items 17 and 18): after round 2 and its reveal, the statement, both rounds, the
shift and the room's comments fit one screen at the sizes a library's projector has; nobody scrolls a projector.
A pair of poles is headed by its theme, and every number on the board says what it counts."""

import pytest
from django.conf import settings
from django.test import Client

from cms.models import StatementSet
from dialogue import services
from dialogue.models import Comment, Round
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = [(1280, 720), (1920, 1080), (1024, 768)]


def host_context(browser, live_site: str, viewport: dict):
    client = Client()
    client.force_login(TeacherFactory(user__username="bieb@example.org", role="bibliotheek").user)
    context = browser.new_context(viewport=viewport)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_site}])
    return context


def evening_after_round_two(host) -> tuple:
    """Twelve people stood twice on the first pair of poles, six comments went up on the screen."""
    statement_set = StatementSet.objects.get(key="langs-de-lijn")
    session = services.session_start(host=host, statement_set=statement_set)
    people = [services.participant_join(session=session) for _ in range(12)]
    for n, person in enumerate(people):
        services.position_set(session=session, participant=person, value=(n * 7) % 21)
    services.session_reveal(session=session, revealed=True)
    services.session_round(session=session, round=Round.SECOND)
    for n, person in enumerate(people):
        services.position_set(session=session, participant=person, value=min(20, (n * 7) % 21 + 3))
    services.session_reveal(session=session, revealed=True)
    statement = session.current_statement
    for person in people[:6]:
        Comment.objects.create(
            session=session,
            participant=person,
            statement=statement,
            text="Ik sta hier omdat ik vind dat je de overheid moet kunnen controleren, en dat lukt nu niet altijd."[
                : Comment._meta.get_field("text").max_length
            ],
        )
    for comment in Comment.objects.all():
        services.comment_moderate(session=session, comment_id=comment.pk, approved=True)
    return session, statement


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_round_two_and_the_shift_fit_the_projector(browser, live_site, axe_check, width, height):
    viewport = {"width": width, "height": height}
    context = host_context(browser, live_site, viewport)
    session, statement = evening_after_round_two(
        TeacherFactory._meta.model.objects.get(user__username="bieb@example.org").user
    )
    page = context.new_page()
    page.goto(live_site + f"/live/{session.public_id}/scherm/")
    page.screenshot(path=f"/tmp/projector-{width}x{height}.png")
    board = page.locator("#board")
    assert "De groep schoof gemiddeld" in board.inner_text()
    # The heading names the theme, as the report does; the poles each show once, under round 2.
    assert page.locator("h1").inner_text() == f"1. {statement.theme}" == "1. Vertrouwen in de overheid"
    assert board.inner_text().count(statement.text) == 1
    # Every number says what it counts: the mean markers name their round, the bars' numbers are explained.
    assert page.locator(".line__mark").all_inner_texts() == [
        "gemiddeld, ronde 1",
        "gemiddeld, ronde 1",
        "gemiddeld, ronde 2",
    ]
    assert "getal boven een staaf = aantal mensen" in board.inner_text()
    for selector in (".board__shift", ".line:not(.line--small)", ".line--small", ".board__statement"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
    scroll = page.evaluate("() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth]")
    assert scroll[0] <= height and scroll[1] <= width, scroll
    assert axe_check(page) == []
