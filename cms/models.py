"""What is taught: the pages, example posts, exercise sets, statements and glossary that editors manage in Wagtail.

A *Scenario* is one realistic social-media post with its answer key: the category (mening, dreiging, oproep tot
ordeverstoring), the concreteness signals it contains, its reference placement on concreteness × reach, the
responses that fit and the explanation. An *ExerciseSet* is an ordered list of scenarios that learners work
through (the `lessons` app records their answers). *StatementSet*s hold the statements for dialogue evenings.
Pages only arrange and explain this material; this app imports nothing from `lessons` or `dialogue`.
"""

from functools import cache as once

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageViewRestriction,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.contracts import mark_public, view_restrictions_known
from core.privacy import PersonalData, not_personal, personal

from .blocks import (
    RICH_TEXT_FEATURES,
    BodyBlock,
    GoalBlock,
    ProgrammeItemBlock,
    SignalBlock,
    StatementSetBlock,
)
from .choices import (
    SCALE,
    Audience,
    Category,
    Competence,
    Difficulty,
    Offence,
    Platform,
    Response,
    SloGoal,
    SourceType,
    TestForm,
)
from .fields import ChoiceListField

# ---------------------------------------------------------------------------------------------------- snippets


RETENTION_LOCK = "Tot de redacteur het bericht vrijgeeft of een beheerder het slot eraf haalt."


class Scenario(DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    # Lesstof: an invented post. Only Wagtail's editing lock says something about a person (which editor).
    personal_data = PersonalData(
        about="redacteur (die een voorbeeldbericht bewerkt)",
        content=True,
        fields={
            **dict.fromkeys(
                (
                    "latest_revision",
                    "live",
                    "has_unpublished_changes",
                    "first_published_at",
                    "last_published_at",
                    "live_revision",
                    "go_live_at",
                    "expire_at",
                    "expired",
                    "locked",
                    "key",
                    "display_name",
                    "handle",
                    "source_type",
                    "platform",
                    "text",
                    "image",
                    "image_alt",
                    "age_label",
                    "likes",
                    "shares",
                    "replies",
                    "views",
                    "followers",
                    "reach_note",
                    "category",
                    "signals",
                    "concreteness",
                    "reach",
                    "placement_note",
                    "responses",
                    "response_note",
                    "explanation",
                    "offence",
                    "grey_area",
                    "grey_area_note",
                    "audiences",
                    "difficulty",
                    "test_form",
                    "pair",
                    "paid_promotion",
                    "pair_difference",
                ),
                not_personal("lesstof of de publicatiestand ervan, verzonnen en over niemand"),
            ),
            "locked_by": personal(
                "Welke redacteur het bericht op slot zette, zodat twee mensen niet tegelijk werken.", RETENTION_LOCK
            ),
            "locked_at": personal("Wanneer het slot erop ging.", RETENTION_LOCK),
        },
    )

    key = models.SlugField("sleutel", max_length=40, unique=True, help_text="Vaste code, bijvoorbeeld op-01.")
    display_name = models.CharField("naam", max_length=80)
    handle = models.CharField("accountnaam", max_length=60)
    source_type = models.CharField("soort bron", max_length=20, choices=SourceType.choices)
    platform = models.CharField("soort platform", max_length=20, choices=Platform.choices)
    text = models.TextField("tekst van het bericht")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField("alternatieve tekst", max_length=200, blank=True)
    age_label = models.CharField("geplaatst", max_length=40, help_text="Bijvoorbeeld: 2 uur geleden")
    likes = models.PositiveIntegerField("likes", default=0)
    shares = models.PositiveIntegerField("keer gedeeld", default=0)
    replies = models.PositiveIntegerField("reacties", default=0)
    views = models.PositiveIntegerField("keer bekeken", default=0)
    followers = models.PositiveIntegerField("volgers of groepsleden", default=0)
    reach_note = models.TextField("bereik in woorden", blank=True)

    category = models.CharField("soort bericht", max_length=20, choices=Category.choices)
    signals = StreamField([("signal", SignalBlock())], blank=True, verbose_name="signalen")
    concreteness = models.PositiveSmallIntegerField("concreetheid (1–5)", choices=SCALE)
    reach = models.PositiveSmallIntegerField("bereik (1–5)", choices=SCALE)
    placement_note = models.TextField("waarom deze plek", blank=True)
    responses = ChoiceListField("wat past", item_choices=Response.choices)
    response_note = models.TextField("waarom dit past", blank=True)
    explanation = models.TextField("uitleg")
    offence = models.CharField("strafbaar feit", max_length=30, choices=Offence.choices, blank=True)
    grey_area = models.BooleanField("grijs gebied", default=False)
    grey_area_note = models.TextField("waarom grijs gebied", blank=True)
    audiences = ChoiceListField("doelgroepen", item_choices=Audience.choices)
    difficulty = models.PositiveSmallIntegerField("moeilijkheid", choices=Difficulty.choices, default=Difficulty.EASY)
    # Blank for a practice post; A, B or C for an item of that test form. A test item never appears in an exercise
    # set (ExerciseSetItem.clean, the loader) nor on its own practice page, so nobody practises the test.
    test_form = models.CharField(
        "toetsvorm",
        max_length=1,
        choices=TestForm.choices,
        blank=True,
        default="",
        help_text="Leeg voor een oefenbericht. A, B of C: een toetsvraag, die nooit in een oefenset komt.",
    )
    # A context pair: the same or almost the same words, where one changed thing (source, moment, audience or
    # reach) changes the answer. Both posts point at each other; an exercise set shows them side by side on its
    # summary page once both are answered.
    pair = models.ForeignKey(
        "self",
        verbose_name="ander bericht van het paar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Een bericht met (bijna) dezelfde woorden, waar één ding anders is.",
    )
    paid_promotion = models.BooleanField(
        "betaald partnerschap",
        default=False,
        help_text="Aan: betaalde reclame van de maker. De kaart toont dan 'Betaald partnerschap'.",
    )
    pair_difference = models.TextField(
        "wat is er anders?",
        blank=True,
        help_text="Het ene ding dat verschilt tussen de twee berichten, en waarom dat het antwoord verandert.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("display_name"), FieldPanel("handle")]),
                FieldRowPanel([FieldPanel("source_type"), FieldPanel("platform"), FieldPanel("paid_promotion")]),
                FieldPanel("text"),
                FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
                FieldPanel("age_label"),
                FieldRowPanel([FieldPanel("likes"), FieldPanel("shares"), FieldPanel("replies"), FieldPanel("views")]),
            ],
            heading="Het bericht",
        ),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("signals"),
                FieldPanel("explanation"),
                FieldPanel("offence"),
                FieldRowPanel([FieldPanel("grey_area"), FieldPanel("grey_area_note")]),
            ],
            heading="Wat is het?",
        ),
        MultiFieldPanel(
            [
                FieldPanel("followers"),
                FieldPanel("reach_note"),
                FieldRowPanel([FieldPanel("concreteness"), FieldPanel("reach")]),
                FieldPanel("placement_note"),
            ],
            heading="Hoe ernstig?",
        ),
        MultiFieldPanel([FieldPanel("responses"), FieldPanel("response_note")], heading="Wat doe je?"),
        MultiFieldPanel([FieldPanel("pair"), FieldPanel("pair_difference")], heading="Paar: wat is er anders?"),
        MultiFieldPanel(
            [FieldPanel("key"), FieldPanel("audiences"), FieldPanel("difficulty"), FieldPanel("test_form")],
            heading="Voor wie",
        ),
    ]
    search_fields = [
        index.SearchField("text"),
        index.SearchField("display_name"),
        index.SearchField("handle"),
        index.SearchField("explanation"),
        index.SearchField("key"),
        # The admin's list searches the autocomplete fields only (as you type), so every field an editor looks a
        # post up by is one: its words, its name, its handle and its key.
        index.AutocompleteField("key"),
        index.AutocompleteField("text"),
        index.AutocompleteField("display_name"),
        index.AutocompleteField("handle"),
        index.FilterField("category"),
        index.FilterField("test_form"),
    ]

    # Drafts and revisions (issue 12 item 25): saving a draft keeps it in a revision; a class sees the post only as
    # last published, so a half-edited post never reaches it. Revisions go when the post is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="scenario")

    class Meta:
        verbose_name = "voorbeeldbericht"
        verbose_name_plural = "voorbeeldberichten"
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(test_form__in=TestForm.values), name="cms_scenario_test_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} · {self.display_name}: {self.text[:50]}"

    def get_preview_template(self, request, mode_name):
        return "cms/scenario_preview.html"

    @property
    def is_test_item(self) -> bool:
        return bool(self.test_form)

    @property
    def initials(self) -> str:
        parts = [part for part in self.display_name.replace("-", " ").split() if part[:1].isalnum()]
        return "".join(part[0] for part in parts[:2]).upper() or "?"

    @cached_property
    def signal_list(self) -> list[dict]:
        return [{"kind": s.value["kind"], "quote": s.value["quote"]} for s in self.signals]

    def get_category_display_lower(self) -> str:
        return self.get_category_display().lower()


class ExerciseSet(PreviewableMixin, index.Indexed, ClusterableModel):
    slug = models.SlugField("adres", max_length=60, unique=True)
    title = models.CharField("titel", max_length=120)
    intro = models.TextField("inleiding")
    audience = models.CharField("doelgroep", max_length=20, choices=Audience.choices)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        InlinePanel("items", label="Voorbeeldberichten, in volgorde", min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("intro"), index.FilterField("audience")]

    class Meta:
        verbose_name = "oefenset"
        verbose_name_plural = "oefensets"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_preview_template(self, request, mode_name):
        return "cms/exercise_set_preview.html"

    def ordered_scenarios(self) -> list[Scenario]:
        items = self.items.filter(scenario__live=True).select_related("scenario").order_by("sort_order")
        return [item.scenario for item in items]


class ExerciseSetItemQuerySet(models.QuerySet):
    def published(self):
        """Only items whose post is published: what learners get, and all that counts for a score or a dashboard."""
        return self.filter(scenario__live=True)

    def of_set(self, exercise_set_id: int):
        """One set's published items in the set's order: the posts a learner works through, numbered as shown."""
        return self.published().filter(exercise_set_id=exercise_set_id).order_by("sort_order", "pk")


class ExerciseSetItem(Orderable):
    exercise_set = ParentalKey(ExerciseSet, related_name="items", on_delete=models.CASCADE)
    scenario = models.ForeignKey(
        Scenario,
        verbose_name="voorbeeldbericht",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"test_form": ""},  # test items stay out of practice (the chooser offers only these)
    )

    objects = ExerciseSetItemQuerySet.as_manager()

    panels = [FieldPanel("scenario")]

    def clean(self) -> None:
        """A test item in a practice set would let learners practise the test; refuse it with a plain message."""
        super().clean()
        if self.scenario_id and Scenario.objects.filter(pk=self.scenario_id).exclude(test_form="").exists():
            raise ValidationError(
                {"scenario": "Dit bericht is een toetsvraag. Toetsvragen komen niet in een oefenset."}
            )

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["exercise_set", "scenario"], name="cms_exercisesetitem_unique_scenario")
        ]


class StatementSet(PreviewableMixin, index.Indexed, ClusterableModel):
    key = models.SlugField("sleutel", max_length=60, unique=True)
    title = models.CharField("titel", max_length=120)
    intro = models.TextField("inleiding", blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("intro"),
        InlinePanel("statements", label="Stellingen"),
    ]
    search_fields = [index.SearchField("title")]

    class Meta:
        verbose_name = "stellingenset"
        verbose_name_plural = "stellingensets"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_preview_template(self, request, mode_name):
        return "cms/statement_set_preview.html"


class Statement(index.Indexed, Orderable):
    """One statement for a "langs de lijn" round; the poles default to disagree/agree when no opposite is set."""

    statement_set = ParentalKey(StatementSet, related_name="statements", on_delete=models.CASCADE)
    key = models.SlugField("sleutel", max_length=60, unique=True)
    text = models.CharField("stelling", max_length=300)
    opposite = models.CharField(
        "tegenpool",
        max_length=300,
        blank=True,
        help_text="Leeg: de polen zijn 'Helemaal mee oneens' en 'Helemaal mee eens'.",
    )
    question = models.TextField("verdiepende vraag", blank=True)
    theme = models.CharField(
        "thema",
        max_length=120,
        blank=True,
        help_text="Bij twee polen: de kop op het scherm, bijvoorbeeld 'Vertrouwen in de overheid'. "
        "Leeg: de kop is de stelling zelf.",
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("theme"),
        FieldPanel("text"),
        FieldPanel("opposite"),
        FieldPanel("question"),
    ]
    search_fields = [index.SearchField("text"), index.SearchField("theme"), index.SearchField("question")]

    class Meta(Orderable.Meta):
        verbose_name = "stelling"
        verbose_name_plural = "stellingen"

    def __str__(self) -> str:
        return self.text

    @property
    def heading(self) -> str:
        """A pair of poles is named by its theme, as the national report does; its left pole is shown as a pole."""
        return self.theme if self.opposite and self.theme else self.text

    @property
    def left_pole(self) -> str:
        return self.text if self.opposite else "Helemaal mee oneens"

    @property
    def right_pole(self) -> str:
        return self.opposite or "Helemaal mee eens"


class GlossaryTerm(PreviewableMixin, index.Indexed, models.Model):
    slug = models.SlugField("adres", max_length=60, unique=True)
    term = models.CharField("begrip", max_length=80)
    short = models.CharField("in één zin", max_length=300)
    body = RichTextField("uitleg", features=RICH_TEXT_FEATURES)
    law = models.CharField("wetsartikel", max_length=200, blank=True)
    penalty = models.CharField("straf", max_length=300, blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("short"),
        FieldPanel("body"),
        FieldPanel("law"),
        FieldPanel("penalty"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("short"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "begrip"
        verbose_name_plural = "begrippen"
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return f"/woordenlijst/#{self.slug}"

    def get_preview_template(self, request, mode_name):
        return "cms/glossary_term_preview.html"


# ---------------------------------------------------------------------------------------------------- pages


def _at_most_one(queryset):
    """The row of a query that matches one row at most, or None. Unlike first(), without an ORDER BY: on the
    routing path of every uncached page, compiling one costs more than running the query."""
    return next(iter(queryset.order_by()[:1]), None)


def _live_page_and_type_at(url_path: str) -> tuple[int, int] | None:
    """(id, content type id) of the live page at this full url_path. Plain SQL: on the routing path of every
    uncached page, building this query with the ORM costs several times what running it does."""
    with connection.cursor() as cursor:
        cursor.execute(_live_page_and_type_sql(), [True, url_path])
        return cursor.fetchone()


@once
def _live_page_and_type_sql() -> str:
    quote, field = connection.ops.quote_name, Page._meta.get_field
    return "SELECT {}, {} FROM {} WHERE {} = %s AND {} = %s LIMIT 1".format(
        quote(field("id").column),
        quote(field("content_type").column),
        quote(Page._meta.db_table),
        quote(field("live").column),
        quote(field("url_path").column),
    )


class PublicPage(Page):
    """A page that reads the same for every anonymous visitor, so the shared page cache may keep it."""

    class Meta:
        abstract = True

    # Set by HomePage.route when the page cache middleware knows the site has no view restriction at all.
    no_view_restrictions_on_site = False

    def serve(self, request, *args, **kwargs):
        return mark_public(super().serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        # Wagtail checks the page and its ancestors with two queries on every request; with no restriction
        # anywhere on the site there is nothing to check. The empty query set comes already evaluated: Wagtail
        # iterates it on every serve, and evaluating none() still compiles a query first.
        if self.no_view_restrictions_on_site:
            restrictions = PageViewRestriction.objects.none()
            restrictions._result_cache = []
            return restrictions
        return super().get_view_restrictions()

    @classmethod
    def serving_queryset(cls):
        """The query HomePage.route loads this page with: a page type joins in here what its template reads."""
        return cls.objects.all()


class MenuSection(models.Model):
    """A section the header menu can list (cms.navigation): its short name there, beside "show in menus"."""

    menu_title = models.CharField(
        "naam in het menu", max_length=40, blank=True, help_text="Kort, bijvoorbeeld 'Voor ouders'. Leeg: de titel."
    )

    promote_panels = [*Page.promote_panels, FieldPanel("menu_title")]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def menu_label(self) -> str:
        return self.menu_title or self.title


class HomePage(PublicPage):
    intro = models.TextField("inleiding")
    body = StreamField(BodyBlock(), blank=True, verbose_name="inhoud")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.LessonIndexPage",
        "cms.ParentGuidePage",
        "cms.DialogueKitPage",
        "cms.GlossaryPage",
        "cms.ContentPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "startpagina"

    def route(self, request, path_components):
        """Find a live descendant by its full path (see _live_page_at), instead of Wagtail's walk of one lookup
        (plus one to make it specific) per level. Anything else (drafts, unknown paths) goes the standard way."""
        result = None
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = self._live_page_at(url_path)
            if page is not None:
                result = RouteResult(page)
        result = result or super().route(request, path_components)
        if view_restrictions_known(request) is False and isinstance(result.page, PublicPage):
            result.page.no_view_restrictions_on_site = True
        return result

    @staticmethod
    def _live_page_at(url_path: str) -> "PublicPage | None":
        """Two queries: which page lives there, then the page itself with what its template reads (see
        PublicPage.serving_queryset). Other page types are left to Wagtail's own routing."""
        found = _live_page_and_type_at(url_path)
        if found is None:
            return None
        model = ContentType.objects.get_for_id(found[1]).model_class()  # cached per process
        if model is None or not issubclass(model, PublicPage):
            return None
        return _at_most_one(model.serving_queryset().live().filter(pk=found[0]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = listed_lessons()[:6]
        return context


class LessonIndexPage(MenuSection, PublicPage):
    intro = models.TextField("inleiding")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LessonPage"]
    max_count = 1
    template = "pages/lesson_index_page.html"

    class Meta:
        verbose_name = "lessenoverzicht"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lessons = list(listed_lessons().child_of(self))
        chosen = request.GET.get("voor", "")
        if chosen not in Audience.values:
            chosen = ""  # an unknown audience shows every lesson, as "Alle lessen" does
        if chosen:
            lessons = [lesson for lesson in lessons if chosen in lesson.audiences]
        context.update(lessons=lessons, audiences=Audience.choices, chosen_audience=chosen)
        return context


def listed_lessons():
    """Lessons as every overview lists them (home, lesson index, parents' guide): live, public, in tree order, with
    only what a lesson card shows."""
    return (
        LessonPage.objects.live().public().order_by("path").only("title", "url_path", "intro", "audiences", "duration")
    )


class LessonPage(PublicPage):
    intro = models.TextField("samenvatting", help_text="Eén of twee zinnen; te zien in overzichten en zoekresultaten.")
    audiences = ChoiceListField("doelgroepen", item_choices=Audience.choices)
    duration = models.PositiveSmallIntegerField("duur in minuten", default=50)
    goals = StreamField([("goal", GoalBlock())], blank=True, verbose_name="leerdoelen")
    body = StreamField(BodyBlock(), verbose_name="inhoud")
    exercise_set = models.ForeignKey(
        ExerciseSet,
        verbose_name="oefenset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("exercise_set")]),
        FieldPanel("audiences"),
        FieldPanel("goals"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro", boost=2), index.SearchField("body")]
    parent_page_types = ["cms.LessonIndexPage"]
    subpage_types: list[str] = []
    template = "pages/lesson_page.html"

    class Meta:
        verbose_name = "les"
        verbose_name_plural = "lessen"

    @classmethod
    def serving_queryset(cls):
        return super().serving_queryset().select_related("exercise_set")

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[value] for value in self.audiences if value in labels]

    def goal_list(self) -> list[dict]:
        competences, slo_goals = dict(Competence.choices), dict(SloGoal.choices)
        return [
            {
                "text": goal.value["text"],
                "competence": competences.get(goal.value["mediawijsheid"] or "") if goal.value["mediawijsheid"] else "",
                "slo": slo_goals.get(goal.value["slo"] or "") if goal.value["slo"] else "",
            }
            for goal in self.goals
        ]


class ParentGuidePage(MenuSection, PublicPage):
    intro = models.TextField("inleiding")
    body = StreamField(BodyBlock(), verbose_name="inhoud")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "pages/parent_guide_page.html"

    class Meta:
        verbose_name = "gids voor ouders"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = [lesson for lesson in listed_lessons() if Audience.PARENTS in lesson.audiences]
        return context


class DialogueKitPage(MenuSection, PublicPage):
    intro = models.TextField("inleiding")
    programme = StreamField([("item", ProgrammeItemBlock())], blank=True, verbose_name="programma")
    body = StreamField(BodyBlock(), blank=True, verbose_name="tips voor de gespreksleider")
    statement_sets = StreamField([("set", StatementSetBlock())], blank=True, verbose_name="stellingen")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("programme"),
        FieldPanel("body"),
        FieldPanel("statement_sets"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "pages/dialogue_kit_page.html"

    class Meta:
        verbose_name = "dialoogavond-kit"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The chooser block already fetched the sets in one query; one more brings all their statements.
        sets = [block.value["statement_set"] for block in self.statement_sets if block.value["statement_set"]]
        prefetch_related_objects(sets, "statements")
        context["sets"] = sets
        context["total_minutes"] = sum(block.value["minutes"] for block in self.programme)
        return context


class GlossaryPage(MenuSection, PublicPage):
    intro = models.TextField("inleiding")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "pages/glossary_page.html"

    class Meta:
        verbose_name = "woordenlijst"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.order_by("term")
        return context


class ContentPage(MenuSection, PublicPage):
    intro = models.TextField("inleiding", blank=True)
    body = StreamField(BodyBlock(), verbose_name="inhoud")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]
    subpage_types = ["cms.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = "informatiepagina"


class LoadedContent(models.Model):
    """Remembers which items `load_content` created and what it wrote, so a later run can bring a corrected item up
    to date without overwriting an editor's change or bringing back an item an editor deleted (cms/loader.py)."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=80)
    loaded_at = models.DateTimeField(auto_now_add=True)
    # What the loader read (a hash of the YAML item): a later run updates the item only when this changed.
    source_hash = models.CharField(max_length=64, blank=True, default="")
    # What the loader wrote (a hash of a snippet's editable fields): the snippet is the loader's while it matches.
    # Blank on records from before fingerprints; "not-written-by-loader" for an item an editor made first.
    written_hash = models.CharField(max_length=64, blank=True, default="")
    # For a page: the revision the loader published; the page is the loader's while it is live and the latest.
    revision_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="cms_loadedcontent_unique_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
