"""Factories for the test suite: build content without the YAML set, so tests control their data."""

import factory
from wagtail.models import Page, Site

from cms.models import (
    ContentPage,
    DialogueKitPage,
    ExerciseSet,
    ExerciseSetItem,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    LessonIndexPage,
    LessonPage,
    ParentGuidePage,
    Scenario,
    Statement,
    StatementSet,
)


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    key = factory.Sequence(lambda n: f"t-{n:03d}")
    display_name = factory.Sequence(lambda n: f"Sam Jansen {n}")
    handle = factory.Sequence(lambda n: f"@sam{n}")
    source_type = "private"
    platform = "microblog"
    text = "Zaterdag om 21.00 uur allemaal naar het Marktplein. Neem vuurwerk mee en deel dit!"
    age_label = "2 uur geleden"
    likes = 40
    shares = 12
    replies = 5
    views = 900
    followers = 300
    category = "disorder"
    signals = factory.LazyFunction(
        lambda: [
            {"type": "signal", "value": {"kind": "time", "quote": "Zaterdag om 21.00 uur"}},
            {"type": "signal", "value": {"kind": "place", "quote": "het Marktplein"}},
            {"type": "signal", "value": {"kind": "means", "quote": "vuurwerk"}},
            {"type": "signal", "value": {"kind": "call", "quote": "deel dit"}},
        ]
    )
    concreteness = 5
    reach = 3
    placement_note = "Tijd, plaats en middel staan erin; 900 mensen zagen het."
    responses = factory.LazyFunction(lambda: ["dont_forward", "report_platform", "report_police"])
    response_note = "Niet doorsturen en melden."
    explanation = "Een oproep aan anderen met tijd, plaats en vuurwerk: opruiing."
    offence = "opruiing"
    audiences = factory.LazyFunction(lambda: ["students_lower"])
    difficulty = 1


class OpinionFactory(ScenarioFactory):
    text = "Wat een slecht plan van de gemeente. Ik teken de petitie, jij ook?"
    category = "opinion"
    signals = factory.LazyFunction(list)
    concreteness = 1
    reach = 2
    responses = factory.LazyFunction(lambda: ["ignore", "reply_calmly"])
    explanation = "Kritiek zonder dreiging of oproep tot iets strafbaars: een mening."
    offence = ""


class ThreatFactory(ScenarioFactory):
    text = "Jij krijgt morgen na school klappen, Daan. Let maar op."
    category = "threat"
    signals = factory.LazyFunction(
        lambda: [
            {"type": "signal", "value": {"kind": "target", "quote": "Daan"}},
            {"type": "signal", "value": {"kind": "time", "quote": "morgen na school"}},
        ]
    )
    concreteness = 4
    reach = 1
    responses = factory.LazyFunction(lambda: ["talk_to_someone", "report_platform"])
    explanation = "Een bedreiging van een persoon met geweld."
    offence = "bedreiging"


class ExerciseSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseSet
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"set-{n}")
    title = factory.Sequence(lambda n: f"Oefenset {n}")
    intro = "Oefen met voorbeeldberichten."
    audience = "students_lower"

    @factory.post_generation
    def scenarios(self, create, extracted, **kwargs):
        for position, scenario in enumerate(extracted or []):
            ExerciseSetItem.objects.create(exercise_set=self, scenario=scenario, sort_order=position)


class StatementSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementSet

    key = factory.Sequence(lambda n: f"stellingen-{n}")
    title = factory.Sequence(lambda n: f"Stellingen {n}")
    intro = "Kies je plek op de lijn."


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    statement_set = factory.SubFactory(StatementSetFactory)
    key = factory.Sequence(lambda n: f"stelling-{n}")
    text = "Burgers moeten zelf bijdragen aan een veilige online omgeving."
    opposite = ""
    question = "Wat zou jou helpen?"


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    slug = factory.Sequence(lambda n: f"begrip-{n}")
    term = factory.Sequence(lambda n: f"Begrip {n}")
    short = "Een korte uitleg."
    body = "<p>Een langere uitleg.</p>"
    law = "artikel 131 Wetboek van Strafrecht"


def _add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


def make_site() -> dict:
    """A published site with one page of every type, as the loader would build it."""
    root = Page.get_first_root_node()
    home = HomePage(title="Meer dan een mening", slug="start", intro="Leer het verschil zien.")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = _add(home, LessonIndexPage(title="Lessen", slug="lessen", intro="Alle lessen."))
    return {
        "home": HomePage.objects.get(pk=home.pk),
        "index": index,
        "parents": _add(
            home,
            ParentGuidePage(
                title="Voor ouders",
                slug="ouders",
                intro="Praat erover.",
                body=[{"type": "text", "value": "<p>Begin met interesse.</p>"}],
            ),
        ),
        "dialogue": _add(home, DialogueKitPage(title="Dialoogavond", slug="dialoogavond", intro="Organiseer het.")),
        "glossary": _add(home, GlossaryPage(title="Woordenlijst", slug="woordenlijst", intro="Begrippen.")),
        "about": _add(
            home,
            ContentPage(
                title="Over ons",
                slug="over-ons",
                intro="Wie we zijn.",
                body=[{"type": "text", "value": "<p>Over ons.</p>"}],
            ),
        ),
    }


def make_lesson(index: LessonIndexPage, n: int, scenarios=(), exercise_set=None) -> LessonPage:
    body = [{"type": "text", "value": "<p>Uitleg bij de les.</p>"}]
    body += [{"type": "scenario", "value": {"scenario": s.pk}} for s in scenarios]
    body += [
        {"type": "callout", "value": {"tone": "tip", "title": "Let op", "text": "Kijk naar tijd en plaats."}},
        {"type": "question", "value": {"text": "Wat vind jij?", "hint": "Laat iedereen praten."}},
        {"type": "statement", "value": {"text": "Doorsturen is ook meedoen."}},
        {
            "type": "home_card",
            "value": {"title": "Praat erover", "questions": ["Wat zag je?"], "tip": "Luister."},
        },
    ]
    return _add(
        index,
        LessonPage(
            title=f"Les {n}",
            slug=f"les-{n}",
            intro="Een les.",
            audiences=["students_lower", "parents"],
            duration=45,
            goals=[
                {
                    "type": "goal",
                    "value": {
                        "text": "Je ziet het verschil.",
                        "mediawijsheid": "doorgronden",
                        "slo": "digitale-media-en-informatie",
                    },
                }
            ],
            body=body,
            exercise_set=exercise_set,
        ),
    )


# ---------------------------------------------------------------------------------------------------- lessons

from django.contrib.auth import get_user_model  # noqa: E402

from lessons.models import Answer, Attempt  # noqa: E402


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"leerling-{n}")
    password = factory.django.Password("geheim-wachtwoord")


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    exercise_set = factory.SubFactory(ExerciseSetFactory)
    user = None


class AnswerFactory(factory.django.DjangoModelFactory):
    """Step 1 done by default; pass concreteness/reach and responses for the later steps."""

    class Meta:
        model = Answer

    attempt = factory.SubFactory(AttemptFactory)
    scenario = factory.SubFactory(ScenarioFactory)
    chosen_category = factory.LazyAttribute(lambda answer: answer.scenario.category)
    is_correct = factory.LazyAttribute(lambda answer: answer.chosen_category == answer.scenario.category)


def ensure_wagtail_roots() -> None:
    """Recreate what Wagtail's migrations made, if a flush between transactional tests removed it.

    Serialized rollback cannot be relied on here: once Playwright's event loop runs in the test thread, Django's
    async-aware connection handler hands out a different connection object than the one that holds the
    serialized snapshot. The content types (and permissions) that post_migrate creates are restored first.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.sql import emit_post_migrate_signal
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type_id=_page_content_type_id()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _page_content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page).pk


# ---------------------------------------------------------------------------------------------------- classes

from accounts.models import SchoolClass, StudentProfile, TeacherProfile  # noqa: E402
from accounts.names import name_skeleton  # noqa: E402
from lessons.models import Assignment  # noqa: E402

STUDENT_PASSPHRASE = "appel-boom-kat-zon"


class TeacherFactory(factory.django.DjangoModelFactory):
    """A teacher's profile; its user signs in with e-mail and `geheim-wachtwoord`."""

    class Meta:
        model = TeacherProfile

    user = factory.SubFactory(
        UserFactory,
        username=factory.Sequence(lambda n: f"docent{n}@school.example"),
        email=factory.SelfAttribute("username"),
    )
    name = factory.Sequence(lambda n: f"Docent {n}")
    school = "Het Stadscollege"
    role = "docent"


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    teacher = factory.LazyFunction(lambda: TeacherFactory().user)
    name = factory.Sequence(lambda n: f"Klas {n}")
    join_code = factory.Sequence(lambda n: f"KLAS{n:02d}".replace("0", "X").replace("1", "Y"))


class StudentUserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"leerling-f{n}")
    password = factory.django.Password(STUDENT_PASSPHRASE)


class StudentFactory(factory.django.DjangoModelFactory):
    """A student's profile; its user signs in at /klas/ with the class code, pseudonym and STUDENT_PASSPHRASE."""

    class Meta:
        model = StudentProfile

    user = factory.SubFactory(StudentUserFactory)
    school_class = factory.SubFactory(SchoolClassFactory)
    pseudonym = factory.Sequence(lambda n: f"Leerling {n}")
    name_skeleton = factory.LazyAttribute(lambda profile: name_skeleton(profile.pseudonym))


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    school_class = factory.SubFactory(SchoolClassFactory)
    exercise_set = factory.SubFactory(ExerciseSetFactory)
