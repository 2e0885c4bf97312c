import copy

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.choices import Category
from cms.loader import ContentError, load_content, read_content, validate
from cms.models import (
    ContentPage,
    DialogueKitPage,
    ExerciseSet,
    ExerciseSetItem,
    GlossaryTerm,
    HomePage,
    LessonPage,
    ParentGuidePage,
    Scenario,
    Statement,
    StatementSet,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def content():
    return read_content()


def _state():
    return {
        "scenarios": sorted(Scenario.objects.values_list("key", "text", "explanation")),
        "sets": sorted(ExerciseSet.objects.values_list("slug", "title")),
        "statements": Statement.objects.count(),
        "terms": GlossaryTerm.objects.count(),
        "pages": sorted(Page.objects.values_list("url_path", "title", "live", "latest_revision_id")),
    }


class TestTheContentSet:
    """The shipped Dutch content set is complete and consistent (the issue's minimums)."""

    def test_it_validates(self, content):
        validate(content)

    def test_at_least_48_scenarios_and_12_per_category(self, content):
        assert len(content["scenarios"]) >= 48
        for category in Category.values:
            assert sum(1 for s in content["scenarios"] if s["category"] == category) >= 12, category

    def test_a_third_are_lawful_opinions_and_grey_areas_are_explained(self, content):
        opinions = [s for s in content["scenarios"] if s["category"] == "opinion"]
        assert len(opinions) >= len(content["scenarios"]) / 3 - 1
        grey = [s for s in content["scenarios"] if s.get("grey_area")]
        assert len(grey) >= 6
        assert all(len(s["grey_area_note"]) > 40 for s in grey)

    def test_every_post_comes_with_something_to_do(self, content):
        assert all(s["responses"] and s["response_note"] for s in content["scenarios"])

    def test_no_real_platform_brands(self, content):
        brands = ["facebook", "instagram", "tiktok", "snapchat", "whatsapp", "telegram", "twitter", "youtube"]
        for s in content["scenarios"]:
            text = (s["text"] + s["display_name"] + s["handle"]).lower()
            assert not any(brand in text for brand in brands), s["key"]

    def test_lessons_sets_statements_and_glossary(self, content):
        assert len(content["lessons"]) >= 10
        audiences = {a for lesson in content["lessons"] for a in lesson["audiences"]}
        assert {"students_lower", "students_upper", "parents", "older_adults", "groups"} <= audiences
        assert {s["key"] for s in content["exercise_sets"]} >= {"starter", "verdieping", "ouder-en-kind", "ouderen"}
        pairs = next(s for s in content["statements"] if s["key"] == "langs-de-lijn")["statements"]
        assert len(pairs) == 5 and all(p["opposite"] and p["question"] for p in pairs)
        singles = [st for s in content["statements"] for st in s["statements"] if not st.get("opposite")]
        assert len(singles) >= 10 and all(st["question"] for st in singles)
        slugs = {t["slug"] for t in content["glossary"]}
        assert {
            "opruiing",
            "bedreiging",
            "haatzaaien",
            "groepsbelediging",
            "doxing",
            "openlijke-geweldpleging",
        } <= slugs


class TestLoading:
    def test_loads_everything_into_a_live_site(self, content):
        report = load_content(content)
        assert report.created["scenario"] == len(content["scenarios"])
        site = Site.objects.get(is_default_site=True)
        assert isinstance(site.root_page.specific, HomePage)
        assert LessonPage.objects.live().count() == len(content["lessons"])
        assert ParentGuidePage.objects.live().get().url_path.endswith("/ouders/")
        assert DialogueKitPage.objects.live().get().url_path.endswith("/dialoogavond/")
        assert {p.slug for p in ContentPage.objects.live()} >= {"over-ons", "privacy", "toegankelijkheid"}
        assert StatementSet.objects.count() == len(content["statements"])
        assert not Page.objects.filter(title__icontains="Welcome to your new Wagtail site").exists()
        kit = DialogueKitPage.objects.get()
        assert len(kit.statement_sets) >= 2 and len(kit.programme) >= 4

    def test_a_second_run_changes_nothing(self, content):
        load_content(content)
        before = _state()
        report = load_content(content)
        assert report.total == 0
        assert _state() == before

    def test_it_never_overwrites_or_resurrects_an_editors_work(self, content):
        load_content(content)
        scenario = Scenario.objects.order_by("key").first()
        scenario.text = "Door een redacteur herschreven."
        scenario.save()
        lesson = LessonPage.objects.order_by("path").first()
        lesson.title = "Nieuwe titel van de redactie"
        lesson.save_revision().publish()
        # A scenario in an exercise set is protected from deletion; an unused one may go.
        deleted_key = Scenario.objects.exclude(pk__in=ExerciseSetItem.objects.values("scenario")).first().key
        Scenario.objects.filter(key=deleted_key).delete()
        load_content(content)
        assert Scenario.objects.get(pk=scenario.pk).text == "Door een redacteur herschreven."
        assert LessonPage.objects.get(pk=lesson.pk).title == "Nieuwe titel van de redactie"
        assert not Scenario.objects.filter(key=deleted_key).exists()

    def test_invalid_content_is_refused_whole(self, content):
        broken = copy.deepcopy(content)
        broken["scenarios"][0]["signals"] = [{"kind": "time", "quote": "dit staat niet in de tekst"}]
        with pytest.raises(ContentError, match="not in the text"):
            load_content(broken)
        assert not Scenario.objects.exists()

    def test_every_loaded_page_renders(self, client, content):
        load_content(content)
        for page in Page.objects.live().filter(depth__gte=2).specific():
            response = client.get(page.url)
            assert response.status_code == 200, page.url


class TestPictures:
    """A post's `image:` (cms/content/images/, drawn by scripts/make_post_images.py) becomes a Wagtail image once."""

    def test_a_picture_is_loaded_once_through_the_upload_rules(self, content):
        pictured = [s for s in content["scenarios"] if s.get("image")]
        assert len(pictured) >= 12
        load_content(content)
        for item in pictured:
            scenario = Scenario.objects.select_related("image").get(key=item["key"])
            assert scenario.image.title == f"Voorbeeldbericht {item['image']}"
            assert scenario.image_alt == item["image_alt"].strip()
            with scenario.image.open_file() as file, PILImage.open(file) as picture:
                assert picture.format == "PNG" and not picture.text  # re-encoded by cms/images.py: no text chunks
        images = get_image_model().objects.count()
        assert images == len({s["image"] for s in pictured})
        assert load_content(content).total == 0
        assert get_image_model().objects.count() == images

    def test_a_missing_picture_or_alt_text_is_refused(self, content):
        item = next(s for s in content["scenarios"] if s.get("image"))
        for change, message in [
            ({"image": "bestaat-niet.png"}, "pictures not found"),
            ({"image": "../SCHEMA.md"}, "must be a .png file name"),
            ({"image_alt": ""}, "needs image_alt"),
            ({"image_alt": "x" * 201}, "at most 200"),
        ]:
            broken = copy.deepcopy(content)
            next(s for s in broken["scenarios"] if s["key"] == item["key"]).update(change)
            with pytest.raises(ContentError, match=message):
                validate(broken)
