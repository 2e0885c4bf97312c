"""StreamField blocks: each renders with its own template in templates/components/blocks/."""

import copy
from functools import cache

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import Competence, Signal, SloGoal

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Afbeelding")
    alt = blocks.CharBlock(label="Alternatieve tekst", help_text="Wat is er te zien? Voor wie de afbeelding niet ziet.")
    caption = blocks.CharBlock(label="Onderschrift", required=False)

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "components/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "Goed om te weten"), ("tip", "Tip"), ("warning", "Let op")],
        default="info",
        label="Soort",
    )
    title = blocks.CharBlock(label="Titel")
    text = blocks.TextBlock(label="Tekst")

    class Meta:
        icon = "help"
        label = "Kader"
        template = "components/blocks/callout.html"

    # A box whose title starts like this is a note for the teacher or host: learners (students, parents, anonymous
    # visitors) never see it; signed-in teachers do, and it is part of the printable teacher guide.
    TEACHER_TITLES = ("voor de docent", "voor de begeleider", "voor de gespreksleider")

    @classmethod
    def is_for_teachers(cls, value) -> bool:
        return value["title"].strip().lower().startswith(cls.TEACHER_TITLES)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["for_teachers"] = self.is_for_teachers(value)
        return context


POST_IMAGE_FILTER = "width-640"  # as in components/post_card.html


class PostChooserBlock(SnippetChooserBlock):
    """A post chosen for a lesson. A post's card shows its image, if it has one: the images of all posts on the
    page, with their renditions, load in one go, instead of two queries for each post."""

    def bulk_to_python(self, values):
        posts = self._posts_in_order(values)
        with_image = [post for post in posts if post is not None and post.image_id]
        if with_image:
            images = get_image_model().objects.prefetch_renditions(POST_IMAGE_FILTER)
            prefetch_related_objects(with_image, Prefetch("image", queryset=images))
        return posts

    def _posts_in_order(self, values) -> list:
        """What Wagtail's SnippetChooserBlock.bulk_to_python returns (the posts in the order of `values`, None for a
        missing one, a copy for a repeated one), read with plain SQL: on every uncached lesson page, building this
        query with the ORM (its ORDER BY included, which the order here ignores) cost several times running it."""
        pks = list(dict.fromkeys(value for value in values if value is not None))
        model = self.model_class
        found = {post.pk: post for post in model.objects.raw(_posts_sql(model, len(pks)), pks)} if pks else {}
        posts, seen = [], set()
        for value in values:
            post = found.get(value)
            posts.append(copy.copy(post) if post is not None and value in seen else post)
            seen.add(value)
        return posts


@cache
def _posts_sql(model, count: int) -> str:
    """SELECT every column of `model` WHERE its primary key is one of `count` values; built once per process."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
    return "SELECT {} FROM {} WHERE {} IN ({})".format(
        columns, quote(model._meta.db_table), quote(model._meta.pk.column), ", ".join(["%s"] * count)
    )


class ScenarioBlock(blocks.StructBlock):
    scenario = PostChooserBlock("cms.Scenario", label="Voorbeeldbericht")

    def clean(self, value):
        """A test item (Scenario.test_form) is never shown in a lesson: nobody may practise the test."""
        value = super().clean(value)
        post = value.get("scenario")
        if post is not None and post.test_form:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "scenario": ValidationError(
                        "Dit bericht is een toetsvraag. Toetsvragen komen niet in een les; kies een ander bericht."
                    )
                }
            )
        return value

    class Meta:
        icon = "openquote"
        label = "Voorbeeldbericht"
        template = "components/blocks/scenario.html"


class QuestionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Gespreksvraag")
    hint = blocks.TextBlock(label="Tip voor de begeleider", required=False)

    class Meta:
        icon = "help"
        label = "Gespreksvraag"
        template = "components/blocks/question.html"


class StatementBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Stelling")

    class Meta:
        icon = "pick"
        label = "Stelling"
        template = "components/blocks/statement.html"


class HomeCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel")
    questions = blocks.ListBlock(blocks.CharBlock(label="Vraag"), label="Vragen", min_num=1)
    tip = blocks.TextBlock(label="Tip", required=False)

    class Meta:
        icon = "home"
        label = "Voor thuis"
        template = "components/blocks/home_card.html"


class MoreBlock(blocks.StructBlock):
    """A closed "Meer weten" disclosure: details for who wants them (law articles, for instance), out of the way of
    a plain-language text. The title is fixed."""

    text = blocks.TextBlock(label="Tekst")

    class Meta:
        icon = "help"
        label = "Meer weten"
        template = "components/blocks/more.html"


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Tekst", template="components/blocks/text.html")
    image = ImageBlock()
    callout = CalloutBlock()
    scenario = ScenarioBlock()
    question = QuestionBlock()
    statement = StatementBlock()
    home_card = HomeCardBlock()
    more = MoreBlock()


class GoalBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Leerdoel")
    mediawijsheid = blocks.ChoiceBlock(choices=Competence.choices, required=False, label="Mediawijsheid-competentie")
    slo = blocks.ChoiceBlock(choices=SloGoal.choices, required=False, label="SLO-kerndoel (concept)")

    class Meta:
        icon = "tick"
        label = "Leerdoel"


class SignalBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=Signal.choices, label="Signaal")
    quote = blocks.CharBlock(label="Woorden in het bericht", help_text="Precies zoals ze in de tekst staan.")

    class Meta:
        icon = "search"
        label = "Signaal"


class ProgrammeItemBlock(blocks.StructBlock):
    minutes = blocks.IntegerBlock(min_value=1, label="Minuten")
    title = blocks.CharBlock(label="Onderdeel")
    text = blocks.TextBlock(label="Uitleg")

    class Meta:
        icon = "time"
        label = "Programma-onderdeel"


class StatementSetBlock(blocks.StructBlock):
    statement_set = SnippetChooserBlock("cms.StatementSet", label="Stellingenset")

    class Meta:
        icon = "list-ul"
        label = "Stellingenset"
