"""Issue 12 item 25: example posts have drafts, revisions and publishing like pages, so a half-edited post never
reaches a class: a draft lives in a revision while learners keep the published post, and a post that was never
published stays out of every set."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.loader import load_content
from cms.models import ExerciseSetItem, Scenario
from lessons.classroom.selectors import assignment_dashboard
from lessons.practice import selectors
from lessons.practice.services import attempt_finish_if_complete
from tests.cms.test_loader_updates import _changed, loader_content
from tests.factories import (
    AnswerFactory,
    AssignmentFactory,
    AttemptFactory,
    ExerciseSetFactory,
    ScenarioFactory,
    StudentFactory,
    UserFactory,
    make_lesson,
)


@pytest.mark.django_db
def test_a_draft_stays_in_its_revision_until_it_is_published():
    scenario = ScenarioFactory(text="Zoals de klas het kent.")
    assert scenario.live
    editor = UserFactory(username="redacteur", is_staff=True, is_superuser=True)

    scenario.text = "Half bewerkt, nog niet klaar"
    revision = scenario.save_revision(user=editor)
    scenario.refresh_from_db()
    assert scenario.text == "Zoals de klas het kent." and scenario.has_unpublished_changes
    assert selectors.scenario_get(key=scenario.key).text == "Zoals de klas het kent."

    revision.publish(user=editor)
    assert selectors.scenario_get(key=scenario.key).text == "Half bewerkt, nog niet klaar"


@pytest.mark.django_db
def test_a_post_never_published_is_in_no_set_and_has_no_page():
    exercise_set = ExerciseSetFactory()
    published = ScenarioFactory()
    draft = ScenarioFactory(live=False)
    for n, scenario in enumerate([published, draft]):
        ExerciseSetItem.objects.create(exercise_set=exercise_set, scenario=scenario, sort_order=n)

    assert selectors.set_scenario_ids(exercise_set_id=exercise_set.pk) == [published.pk]
    assert selectors.exercise_sets_with_size().get(pk=exercise_set.pk).item_count == 1
    assert exercise_set.ordered_scenarios() == [published]
    with pytest.raises(Exception, match="No Scenario matches"):
        selectors.scenario_get(key=draft.key)


@pytest.fixture
def set_with_a_draft():
    """A class's assignment of a set whose middle post was never published."""
    first, draft, last = (
        ScenarioFactory(text="Eerste bericht."),
        ScenarioFactory(live=False),
        ScenarioFactory(text="Laatste bericht."),
    )
    assignment = AssignmentFactory(exercise_set=ExerciseSetFactory(scenarios=[first, draft, last]))
    student = StudentFactory(school_class=assignment.school_class, pseudonym="Sam")
    attempt = AttemptFactory(user=student.user, exercise_set=assignment.exercise_set)
    return assignment, student, attempt, (first, draft, last)


@pytest.mark.django_db
def test_a_draft_post_does_not_keep_a_round_from_finishing_or_count_in_its_score(set_with_a_draft):
    _assignment, _student, attempt, (first, _draft, last) = set_with_a_draft
    for post in (first, last):
        AnswerFactory(attempt=attempt, scenario=post, concreteness=2, reach=2, responses=["ignore"])

    assert attempt_finish_if_complete(attempt=attempt)
    summary = selectors.attempt_summary(attempt=attempt)
    assert (summary.total, summary.completed) == (2, 2)


@pytest.mark.django_db
def test_the_teachers_dashboard_numbers_the_posts_as_the_students_see_them(set_with_a_draft):
    assignment, student, attempt, (first, draft, last) = set_with_a_draft
    AnswerFactory(attempt=attempt, scenario=last)
    teacher = Client()
    teacher.force_login(assignment.school_class.teacher)
    school_class = assignment.school_class.public_id

    dashboard = assignment_dashboard(assignment=assignment)
    assert [column.scenario for column in dashboard.items] == [first, last]
    cell = teacher.get(
        reverse("teacher:assignment_cell", args=[school_class, assignment.public_id, student.public_id, 2])
    )
    html = cell.content.decode()
    assert "Sam: bericht 2 van 2" in html and "Laatste bericht." in html
    assert draft.text not in html
    beyond = reverse("teacher:assignment_cell", args=[school_class, assignment.public_id, student.public_id, 3])
    assert teacher.get(beyond).status_code == 404


@pytest.mark.django_db
def test_a_lesson_leaves_out_a_post_that_is_not_published(site):
    published, draft = (
        ScenarioFactory(text="Dit bericht is gepubliceerd."),
        ScenarioFactory(text="Dit bericht is nog een concept.", live=False),
    )
    lesson = make_lesson(site["index"], 1, scenarios=[published, draft])

    html = Client().get(lesson.url).content.decode()

    assert "Dit bericht is gepubliceerd." in html
    assert "Dit bericht is nog een concept." not in html and draft.key not in html


@pytest.mark.django_db
def test_a_loaded_post_opens_in_the_admin_as_the_loader_last_wrote_it():
    """Wagtail's editor opens a post from its latest revision: a post the loader made or corrected has one, so an
    editor who saves it does not quietly undo the correction."""
    content = loader_content()
    load_content(content)
    post = Scenario.objects.get(key="up-01")
    assert post.live_revision_id and post.latest_revision_id == post.live_revision_id

    load_content(_changed(content, "scenarios", "up-01", explanation="Scherpe kritiek, maar geen oproep."))

    post.refresh_from_db()
    latest = post.get_latest_revision_as_object()
    assert latest.explanation == post.explanation == "Scherpe kritiek, maar geen oproep."
    assert not post.has_unpublished_changes


@pytest.mark.django_db
def test_the_loader_leaves_a_post_alone_while_an_editor_has_a_draft_of_it():
    content = loader_content()
    load_content(content)
    post = Scenario.objects.get(key="up-01")
    post.text = "De redactie werkt hier nog aan."
    post.save_revision(clean=False)

    report = load_content(_changed(content, "scenarios", "up-01", explanation="Nieuwe uitleg uit het bestand."))

    post.refresh_from_db()
    assert post.explanation == "Kritiek zonder oproep of dreiging."
    assert post.get_latest_revision_as_object().text == "De redactie werkt hier nog aan."
    assert "scenario up-01: changed by an editor; the new content was not written" in report.skipped
