import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailTestUtils  # noqa: F401  (keeps Wagtail's test helpers importable)

from cms.models import (
    ContentPage,
    DialogueKitPage,
    GlossaryPage,
    HomePage,
    LessonIndexPage,
    LessonPage,
    ParentGuidePage,
)
from tests.factories import (
    ExerciseSetFactory,
    GlossaryTermFactory,
    OpinionFactory,
    ScenarioFactory,
    StatementFactory,
    StatementSetFactory,
    TeacherFactory,
    ThreatFactory,
    make_lesson,
)

pytestmark = pytest.mark.django_db


class TestPageTree:
    def test_home_only_under_root(self):
        assert HomePage.parent_page_types == ["wagtailcore.Page"]
        assert HomePage.max_count == 1

    def test_lessons_live_only_in_the_lesson_index(self):
        assert LessonPage.allowed_parent_page_models() == [LessonIndexPage]
        assert LessonIndexPage.allowed_subpage_models() == [LessonPage]
        assert LessonPage.allowed_subpage_models() == []

    @pytest.mark.parametrize("model", [LessonIndexPage, ParentGuidePage, DialogueKitPage, GlossaryPage])
    def test_sections_hang_under_home_once(self, model):
        assert model.allowed_parent_page_models() == [HomePage]
        assert model.max_count == 1

    def test_content_pages_nest(self):
        assert set(ContentPage.allowed_parent_page_models()) == {HomePage, ContentPage}

    def test_a_lesson_cannot_be_added_under_home(self, site):
        assert not LessonPage.can_create_at(site["home"])
        assert LessonPage.can_create_at(site["index"])


class TestEveryPageTypeRenders:
    def test_home(self, client, site):
        make_lesson(site["index"], 1)
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Meer dan een mening" in html and "Les 1" in html
        assert 'lang="nl"' in html and 'href="#inhoud"' in html

    def test_lesson_index_and_audience_filter(self, client, site):
        make_lesson(site["index"], 1)
        response = client.get("/lessen/")
        assert response.status_code == 200
        assert "Les 1" in response.content.decode()
        assert "Les 1" not in client.get("/lessen/?voor=older_adults").content.decode()
        assert "Les 1" in client.get("/lessen/?voor=parents").content.decode()

    def test_an_unknown_audience_shows_every_lesson_as_alle_lessen(self, client, site):
        make_lesson(site["index"], 1)
        html = client.get("/lessen/?voor=0").content.decode()
        assert "Les 1" in html
        assert 'href="?" aria-current="true"' in html

    def test_lesson_shows_goals_blocks_and_the_post(self, client, site):
        scenario = ScenarioFactory(display_name="Mo Bakker")
        exercise_set = ExerciseSetFactory(scenarios=[scenario])
        make_lesson(site["index"], 1, scenarios=[scenario], exercise_set=exercise_set)
        html = client.get("/lessen/les-1/").content.decode()
        assert "Mediawijsheid:" not in html  # school jargon is for teachers (issue 12, item 4)
        for text in [
            "Je ziet het verschil.",
            "Mo Bakker",
            "Neem vuurwerk mee",
            "Privépersoon",
            "Praat erover",
            "Voor thuis",
            "Doorsturen is ook meedoen.",
            "45 minuten",
            f"/oefenen/{exercise_set.slug}/",
        ]:
            assert text in html, text

        client.force_login(TeacherFactory().user)
        teacher_view = client.get("/lessen/les-1/").content.decode()
        assert "Mediawijsheid: Doorgronden" in teacher_view and "Digitale media en informatie" in teacher_view

    def test_parent_guide(self, client, site):
        make_lesson(site["index"], 1)
        html = client.get("/ouders/").content.decode()
        assert "Begin met interesse." in html and "Les 1" in html

    def test_dialogue_kit_lists_statements_with_poles(self, client, site):
        pair = StatementFactory(text="Ik vertrouw de overheid.", opposite="Ik vertrouw de overheid niet.")
        single = StatementFactory(statement_set=StatementSetFactory(), text="Burgers moeten meedoen.")
        kit = site["dialogue"]
        kit.programme = [{"type": "item", "value": {"minutes": 15, "title": "Welkom", "text": "Koffie."}}]
        kit.statement_sets = [
            {"type": "set", "value": {"statement_set": s.pk}} for s in (pair.statement_set, single.statement_set)
        ]
        kit.save_revision().publish()
        html = client.get("/dialoogavond/").content.decode()
        for text in [
            "Welkom",
            "15 minuten",
            "Ik vertrouw de overheid niet.",
            "Burgers moeten meedoen.",
            "Helemaal mee oneens",
            "Helemaal mee eens",
            "Wat zou jou helpen?",
        ]:
            assert text in html, text

    def test_glossary(self, client, site):
        GlossaryTermFactory(term="Opruiing", slug="opruiing")
        html = client.get("/woordenlijst/").content.decode()
        assert 'id="opruiing"' in html and "artikel 131" in html

    def test_content_page(self, client, site):
        assert "Over ons." in client.get("/over-ons/").content.decode()

    def test_unknown_page_is_a_dutch_404(self, client, site):
        response = client.get("/bestaat-niet/")
        assert response.status_code == 404
        assert "Deze pagina bestaat niet" in response.content.decode()


class TestQueryCounts:
    """A page needs the same number of queries whatever the amount of content."""

    def _count(self, client, url, django_assert_max_num_queries, budget):
        with django_assert_max_num_queries(budget) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    def _grow(self, site, n):
        scenarios = [ScenarioFactory(), OpinionFactory(), ThreatFactory()]
        for i in range(n):
            make_lesson(site["index"], 100 + i, scenarios=scenarios)
        kit = site["dialogue"]
        statement_sets = [StatementFactory().statement_set for _ in range(3)]
        for statement_set in statement_sets:
            for _ in range(6):
                StatementFactory(statement_set=statement_set)
        kit.statement_sets = [{"type": "set", "value": {"statement_set": s.pk}} for s in statement_sets]
        kit.save_revision().publish()

    @pytest.fixture(autouse=True)
    def _uncached(self, settings):
        settings.PAGE_CACHE_SECONDS = 0  # measure the real render, not the shared page cache

    @pytest.mark.parametrize(
        "url",
        ["/", "/lessen/", "/lessen/les-1/", "/ouders/", "/dialoogavond/", "/woordenlijst/", "/over-ons/"],
    )
    def test_constant(self, client, site, url, django_assert_max_num_queries):
        scenario = ScenarioFactory()
        make_lesson(site["index"], 1, scenarios=[scenario], exercise_set=ExerciseSetFactory(scenarios=[scenario]))
        GlossaryTermFactory()
        kit = site["dialogue"]
        kit.statement_sets = [{"type": "set", "value": {"statement_set": StatementFactory().statement_set.pk}}]
        kit.save_revision().publish()
        client.get(url)  # warm Wagtail's site-root cache, as a running server has it
        small = self._count(client, url, django_assert_max_num_queries, 10)
        self._grow(site, 12)
        for _ in range(10):
            GlossaryTermFactory()
        client.get(url)
        large = self._count(client, url, django_assert_max_num_queries, 10)
        assert large == small

    def test_posts_with_pictures_cost_no_query_each(self, client, site, django_assert_max_num_queries):
        def pictured_post():
            picture = get_image_model().objects.create(title="Foto", file=get_test_image_file())
            return ScenarioFactory(image=picture, image_alt="Een volle straat")

        make_lesson(site["index"], 1, scenarios=[pictured_post()])
        make_lesson(site["index"], 2, scenarios=[pictured_post() for _ in range(4)])
        counts = []
        for url in ("/lessen/les-1/", "/lessen/les-2/"):
            client.get(url)  # makes the renditions, once
            html = client.get(url).content.decode()
            assert html.count('class="post__image"') == (1 if url.endswith("1/") else 4)
            counts.append(self._count(client, url, django_assert_max_num_queries, 10))
        assert counts[0] == counts[1]


class TestSearch:
    def test_finds_lessons_and_glossary_terms(self, client, site):
        make_lesson(site["index"], 1)
        lesson = LessonPage.objects.get(slug="les-1")
        lesson.title = "Doorsturen of niet"
        lesson.save_revision().publish()
        GlossaryTermFactory(term="Opruiing", short="Anderen oproepen tot iets strafbaars.")
        html = client.get("/zoeken/", {"q": "doorsturen"}).content.decode()
        assert "Doorsturen of niet" in html
        assert "Opruiing" in client.get("/zoeken/", {"q": "opruiing"}).content.decode()

    def test_empty_and_nonsense_queries_are_friendly(self, client, site):
        assert "Typ een woord" in client.get("/zoeken/").content.decode()
        response = client.get("/zoeken/", {"q": "x" * 500, "pagina": "abc"})
        assert response.status_code == 200
        assert "Niets gevonden" in response.content.decode()

    def test_control_characters_are_not_searched_for(self, client, site):
        """PostgreSQL refuses a NUL in a query: it used to be a 500 there."""
        GlossaryTermFactory(term="Opruiing", short="Anderen oproepen tot iets strafbaars.")
        response = client.get("/zoeken/", {"q": "\x00opruiing\x00\x1f "})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Opruiing" in html and 'value="opruiing"' in html

    @pytest.mark.parametrize("query", ['"', '"opruiing', 'a"b'])
    def test_an_unmatched_quote_is_searched_for_as_a_space(self, client, site, query):
        """SQLite's full-text search failed on a double quote without its partner: a 500."""
        response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200

    def test_htmx_gets_only_the_results(self, client, site):
        response = client.get("/zoeken/", {"q": "iets"}, headers={"HX-Request": "true"})
        html = response.content.decode()
        assert 'id="zoekresultaten"' in html and "<html" not in html


class TestPageCache:
    def test_anonymous_pages_come_from_the_cache_until_publishing(self, site):
        client = Client()
        make_lesson(site["index"], 1)
        assert client.get("/lessen/les-1/")["X-Page-Cache"] == "miss"
        assert client.get("/lessen/les-1/")["X-Page-Cache"] == "hit"
        lesson = LessonPage.objects.get(slug="les-1")
        lesson.intro = "Een vernieuwde les."
        lesson.save_revision().publish()
        response = client.get("/lessen/les-1/")
        assert "Een vernieuwde les." in response.content.decode()

    def test_editing_a_snippet_refreshes_pages_that_show_it(self, site):
        client = Client()
        scenario = ScenarioFactory(display_name="Oude naam")
        make_lesson(site["index"], 1, scenarios=[scenario])
        assert "Oude naam" in client.get("/lessen/les-1/").content.decode()
        scenario.display_name = "Nieuwe naam"
        scenario.save()
        assert "Nieuwe naam" in client.get("/lessen/les-1/").content.decode()

    def test_signed_in_users_never_get_a_cached_page(self, site, django_user_model):
        make_lesson(site["index"], 1)
        Client().get("/lessen/les-1/")
        user = django_user_model.objects.create_superuser("redacteur", password="x")
        client = Client()
        client.force_login(user)
        response = client.get("/lessen/les-1/")
        assert "X-Page-Cache" not in response
        assert 'id="wagtail-userbar"' in response.content.decode() or "userbar" in response.content.decode()

    def test_reading_mode_is_cached_apart(self, site):
        client = Client()
        client.get("/")
        client.cookies["leesstand"] = "groot"
        html = client.get("/").content.decode()
        assert 'class="leesstand-groot"' in html

    def test_a_lesson_missing_from_the_cache_needs_three_queries(self, site, django_assert_num_queries):
        make_lesson(site["index"], 1, scenarios=[ScenarioFactory()], exercise_set=ExerciseSetFactory())
        client = Client()
        client.get("/lessen/les-1/")  # stores the site, its home page and "no view restrictions"
        with django_assert_num_queries(3):  # route, the lesson with its exercise set, its posts
            assert client.get("/lessen/les-1/?nieuw=1")["X-Page-Cache"] == "miss"

    @pytest.mark.parametrize("restricted", ["lesson", "index"])
    def test_a_view_restriction_applies_at_once_and_is_never_cached(self, site, restricted):
        from wagtail.models import PageViewRestriction

        lesson = make_lesson(site["index"], 1)
        client = Client()
        assert client.get("/lessen/les-1/").status_code == 200
        restriction = PageViewRestriction.objects.create(
            page=lesson if restricted == "lesson" else site["index"], restriction_type=PageViewRestriction.LOGIN
        )
        for _ in range(2):
            response = client.get("/lessen/les-1/")
            assert response.status_code == 302 and "X-Page-Cache" not in response
        restriction.delete()
        assert client.get("/lessen/les-1/").status_code == 200


@pytest.mark.parametrize("back", ["0", "lessen/", "https://evil.example/", "//evil.example/"])
def test_reading_mode_goes_back_only_to_a_path_on_this_site(client, back):
    """A relative address used to send the visitor to /leesstand/<it>, a 404."""
    response = client.get("/leesstand/", {"aan": "1", "terug": back})
    assert response.status_code == 302 and response["Location"] == "/"


class TestStatementPoles:
    def test_a_pair_keeps_the_reports_order(self):
        statement = StatementFactory.build(text="Ik vertrouw de overheid.", opposite="Ik vertrouw haar maar beperkt.")
        assert (statement.left_pole, statement.right_pole) == (
            "Ik vertrouw de overheid.",
            "Ik vertrouw haar maar beperkt.",
        )

    def test_a_single_statement_runs_from_disagree_to_agree(self):
        statement = StatementFactory.build(text="Doorsturen is meedoen.", opposite="")
        assert (statement.left_pole, statement.right_pole) == ("Helemaal mee oneens", "Helemaal mee eens")


def test_the_cache_key_carries_the_release(monkeypatch, rf):
    from core import pagecache

    request = rf.get("/lessen/")
    first = pagecache._cache_key(request, 1)
    monkeypatch.setattr(pagecache, "release_fingerprint", lambda: "another-release")
    assert pagecache._cache_key(request, 1) != first


class TestRouting:
    def test_an_unpublished_lesson_is_not_found(self, client, site):
        lesson = make_lesson(site["index"], 1)
        lesson.unpublish()
        assert client.get("/lessen/les-1/").status_code == 404

    def test_a_moved_page_is_found_at_its_new_path_only(self, client, site):
        lesson = make_lesson(site["index"], 1)
        lesson.slug = "nieuwe-naam"
        lesson.save_revision().publish()
        assert client.get("/lessen/nieuwe-naam/").status_code == 200
        assert client.get("/lessen/les-1/").status_code == 404

    def test_the_cached_site_follows_a_change_of_site_root(self, client, site):
        from wagtail.models import Site

        assert client.get("/lessen/").status_code == 200
        Site.objects.update(root_page=site["index"])  # a queryset update sends no signal, so save one site as well
        Site.objects.get().save()
        assert client.get("/lessen/").status_code == 404  # /lessen/ now lives at /


def test_app_pages_skip_the_editors_bar_and_its_permission_queries(db):
    teacher = Client()
    teacher.force_login(TeacherFactory().user)
    with CaptureQueriesContext(connection) as queries:
        response = teacher.get("/docent/")
    assert response.status_code == 200 and "wagtail-userbar" not in response.content.decode()
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
