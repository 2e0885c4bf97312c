"""The feedback texts and the marking of signals in a post."""

import pytest

from cms.choices import Category, Offence, Response
from lessons.practice.feedback import (
    OFFENCE_PLAIN,
    RESPONSE_REASONS,
    Choices,
    category_feedback,
    highlight_signals,
    placement_feedback,
    responses_feedback,
)
from tests.factories import OpinionFactory, ScenarioFactory, ThreatFactory


def _signal(kind: str, quote: str) -> dict:
    return {"kind": kind, "quote": quote}


def test_highlight_marks_each_quote_with_its_label():
    html = highlight_signals(
        "Zaterdag om 21.00 uur naar het plein!",
        [_signal("time", "Zaterdag om 21.00 uur"), _signal("place", "het plein")],
    )

    assert html == (
        '<mark class="signal signal--time"><span class="visually-hidden">Signaal tijd: </span>Zaterdag om 21.00 uur'
        '<span class="signal__tag" aria-hidden="true">Tijd</span></mark> naar '
        '<mark class="signal signal--place"><span class="visually-hidden">Signaal plaats: </span>het plein'
        '<span class="signal__tag" aria-hidden="true">Plaats</span></mark>!'
    )


def test_highlight_escapes_the_post_and_the_quotes():
    text = 'Kom <script>alert("x")</script> om 8 uur & neem "vuurwerk" mee'

    html = highlight_signals(text, [_signal("means", '"vuurwerk"'), _signal("time", "<script>")])

    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&quot;vuurwerk&quot;" in html
    assert html.count("<mark") == 2


def test_highlight_keeps_line_breaks_and_drops_the_trailing_one():
    html = highlight_signals("Regel een\nRegel twee\n", [])

    assert html == "Regel een<br>Regel twee"


def test_highlight_finds_a_quote_regardless_of_case_and_skips_overlaps_and_missing_quotes():
    text = "ZATERDAG OM 21.00 UUR RELLEN OP HET STATION"
    signals = [
        _signal("time", "zaterdag om 21.00 uur"),  # other case
        _signal("call", "21.00 UUR RELLEN"),  # overlaps the time
        _signal("place", "OP HET STATION"),
        _signal("means", "vuurwerk"),  # not in the text
    ]

    html = highlight_signals(text, signals)

    assert html.count("<mark") == 2
    assert "ZATERDAG OM 21.00 UUR<span" in html  # the post's own spelling is kept
    assert "signal--call" not in html and "signal--means" not in html


@pytest.mark.django_db
def test_category_feedback_right_and_wrong():
    threat = ThreatFactory(grey_area=True, grey_area_note="Het kan ook een grap zijn.")

    right = category_feedback(threat, "threat")
    wrong = category_feedback(threat, "disorder")

    assert right.is_correct and right.headline == "Goed! Dit is een dreiging."
    assert not wrong.is_correct
    assert wrong.headline == "Niet goed. Je koos: oproep tot ordeverstoring. Maar dit is een dreiging."
    assert right.offence_value == "bedreiging" and right.offence_label == "Bedreiging"
    assert right.grey_area_note == "Het kan ook een grap zijn."
    present = {row.kind: row.quotes for row in right.signals}
    assert present == {"time": ["morgen na school"], "place": [], "target": ["Daan"], "means": [], "call": []}
    assert right.signal_count == 2


@pytest.mark.django_db
def test_category_feedback_for_an_opinion_says_it_is_allowed():
    feedback = category_feedback(OpinionFactory(grey_area_note="Niet zichtbaar: geen grijs gebied."), "opinion")

    assert feedback.offence_value == "" and "vrijheid van meningsuiting" in feedback.offence_plain
    assert feedback.grey_area_note == ""  # only shown when the post is marked grey-area
    assert feedback.signal_count == 0


@pytest.mark.django_db
def test_harmful_post_without_an_offence_does_not_claim_it_is_allowed():
    feedback = category_feedback(ThreatFactory(offence=""), "threat")

    assert "hangt af van de situatie" in feedback.offence_plain


def test_every_offence_has_plain_words():
    assert set(OFFENCE_PLAIN) == set(Offence.values) - {""}


def test_every_response_has_a_reason_for_every_category():
    assert set(RESPONSE_REASONS) == {(r, c) for r in Response.values for c in Category.values}
    assert all(fits and less and fits != less for fits, less in RESPONSE_REASONS.values())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("yours", "verdicts", "close"),
    [
        ((5, 3), ["Precies dezelfde plek als wij.", "Precies dezelfde plek als wij."], True),
        ((4, 2), ["Bijna dezelfde plek als wij.", "Bijna dezelfde plek als wij."], True),
        ((2, 5), ["Jij vond het bericht vager dan wij.", "Jij schatte het bereik groter in dan wij."], False),
    ],
)
def test_placement_feedback(yours, verdicts, close):
    feedback = placement_feedback(ScenarioFactory(concreteness=5, reach=3), *yours)

    assert [axis.verdict for axis in feedback.axes] == verdicts
    assert feedback.is_close is close
    cells = [cell for row in feedback.grid for cell in row]
    assert len(cells) == 25
    assert [(c.concreteness, c.reach) for c in cells if c.ours] == [(5, 3)]
    assert [(c.concreteness, c.reach) for c in cells if c.yours] == [yours]
    assert feedback.grid[0][0].reach == 5  # the top row is the largest reach


@pytest.mark.django_db
def test_responses_feedback_judges_every_option():
    post = ScenarioFactory(responses=["dont_forward", "report_platform", "report_police"])

    feedback = responses_feedback(post, ("report_police", "ignore"))

    rows = {row.value: (row.chosen, row.status) for row in feedback.rows}
    assert rows == {
        "report_police": (True, "Past goed"),
        "ignore": (True, "Past minder"),
        "dont_forward": (False, "Had ook gepast"),
        "report_platform": (False, "Had ook gepast"),
        "report_hotline": (False, "Past minder"),
        "reply_calmly": (False, "Past minder"),
        "talk_to_someone": (False, "Past minder"),
    }
    assert [row.chosen for row in feedback.rows][:2] == [True, True]  # your own choices first
    assert feedback.headline.startswith("Een deel past goed.")
    assert responses_feedback(post, ("dont_forward", "report_platform", "report_police")).headline.startswith(
        "Heel goed!"
    )


def test_open_step():
    assert Choices().open_step == 1
    assert Choices(category="opinion").open_step == 2
    assert Choices(category="opinion", concreteness=1, reach=1).open_step == 3
    assert Choices(category="opinion", concreteness=1, reach=1, responses=()).open_step is None
