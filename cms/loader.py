"""Loads the Dutch content set in cms/content/*.yaml (format: cms/content/SCHEMA.md) into the CMS.

It only ever creates. An item is identified by its key (snippets) or its slug (pages); an item the loader created
once is recorded in LoadedContent, so a later run skips it: an editor's change is never overwritten, and an item
an editor deleted does not come back. A second run therefore changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Page, Site

from . import content_schema
from .choices import Audience, Category, Offence, Platform, Response, Signal, SourceType, TestForm
from .models import (
    ContentPage,
    DialogueKitPage,
    ExerciseSet,
    ExerciseSetItem,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    LessonIndexPage,
    LessonPage,
    LoadedContent,
    ParentGuidePage,
    Scenario,
    Statement,
    StatementSet,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
IMAGE_DIR = CONTENT_DIR / "images"  # a post's `image:` names a file here (drawn by scripts/make_post_images.py)
IMAGE_ALT_MAX = 200  # Scenario.image_alt


class ContentError(Exception):
    """The content files contradict their schema; the message says where."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values())


def read_content(directory: Path = CONTENT_DIR) -> dict:
    """Every content file, each checked against the field types of content_schema before anything is loaded."""

    def read(name: str, check=None):
        path = directory / name
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        if check is not None:
            try:
                check(data, file=name)
            except content_schema.SchemaError as error:
                raise ContentError(str(error)) from error
        return data

    scenarios = []
    for path in sorted(directory.glob("scenarios_*.yaml")):
        scenarios.extend(read(path.name, content_schema.check_scenarios) or [])
    pages = {**(read("pages.yaml") or {}), **(read("pages_more.yaml") or {})}
    return {
        "image_dir": directory / "images",
        "scenarios": scenarios,
        "exercise_sets": read("exercise_sets.yaml", content_schema.check_exercise_sets) or [],
        "lessons": read("lessons.yaml", content_schema.check_lessons) or [],
        "glossary": read("glossary.yaml", content_schema.check_glossary) or [],
        "statements": read("statements.yaml", content_schema.check_statement_sets) or [],
        "pages": pages,
    }


# ------------------------------------------------------------------------------------------------ validation


def _check_choice(where: str, value, allowed) -> None:
    if value not in allowed:
        raise ContentError(f"{where}: {value!r} is not one of {sorted(allowed)}")


def validate_scenario(item: dict) -> None:
    where = f"scenario {item.get('key', '?')}"
    for name in ("key", "display_name", "handle", "text", "category", "explanation", "concreteness", "reach"):
        if item.get(name) in (None, ""):
            raise ContentError(f"{where}: '{name}' is missing")
    _check_choice(where, item["category"], set(Category.values))
    _check_choice(where, item.get("source_type"), set(SourceType.values))
    _check_choice(where, item.get("platform"), set(Platform.values))
    _check_choice(where, item.get("offence", ""), set(Offence.values))
    for axis in ("concreteness", "reach"):
        _check_choice(f"{where} {axis}", item[axis], {1, 2, 3, 4, 5})
    for response in item.get("responses", []):
        _check_choice(f"{where} responses", response, set(Response.values))
    for audience in item.get("audiences", []):
        _check_choice(f"{where} audiences", audience, set(Audience.values))
    for signal in item.get("signals", []) or []:
        _check_choice(f"{where} signal", signal.get("kind"), set(Signal.values))
        if str(signal.get("quote", "")) not in item["text"]:
            raise ContentError(f"{where}: signal quote {signal.get('quote')!r} is not in the text")
    if item.get("grey_area") and not item.get("grey_area_note"):
        raise ContentError(f"{where}: a grey-area post needs a grey_area_note")
    _check_choice(f"{where} test_form", item.get("test_form", "") or "", set(TestForm.values))
    _validate_image(where, item)


def _validate_image(where: str, item: dict) -> None:
    name = item.get("image") or ""
    if not name:
        return
    if Path(name).name != name or Path(name).suffix.lower() != ".png":
        raise ContentError(f"{where}: image {name!r} must be a .png file name in content/images/, without a folder")
    alt = item.get("image_alt") or ""
    if not alt.strip():
        raise ContentError(f"{where}: a post with an image needs image_alt (every word in the picture)")
    if len(alt) > IMAGE_ALT_MAX:
        raise ContentError(f"{where}: image_alt is {len(alt)} characters; at most {IMAGE_ALT_MAX}")


def validate(content: dict) -> None:
    image_dir = Path(content.get("image_dir") or IMAGE_DIR)
    missing_images = [
        f"{item.get('key')}: {item['image']}"
        for item in content["scenarios"]
        if item.get("image") and Path(item["image"]).name == item["image"] and not (image_dir / item["image"]).is_file()
    ]
    if missing_images:
        raise ContentError(f"pictures not found in {image_dir}: {missing_images}")
    keys = [item.get("key") for item in content["scenarios"]]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ContentError(f"duplicate scenario keys: {sorted(duplicates)}")
    for item in content["scenarios"]:
        validate_scenario(item)
    known = set(keys)
    _validate_pairs(content["scenarios"])
    test_items = {item["key"] for item in content["scenarios"] if item.get("test_form")}
    for exercise_set in content["exercise_sets"]:
        _check_choice(f"exercise set {exercise_set['key']}", exercise_set["audience"], set(Audience.values))
        missing = [key for key in exercise_set["scenarios"] if key not in known]
        if missing:
            raise ContentError(f"exercise set {exercise_set['key']}: unknown scenarios {missing}")
        tested = [key for key in exercise_set["scenarios"] if key in test_items]
        if tested:  # nobody may practise the test
            raise ContentError(f"exercise set {exercise_set['key']}: test items {tested} cannot be practised")
    set_keys = {item["key"] for item in content["exercise_sets"]}
    for lesson in content["lessons"]:
        if lesson.get("exercise_set") and lesson["exercise_set"] not in set_keys:
            raise ContentError(f"lesson {lesson['slug']}: unknown exercise set {lesson['exercise_set']!r}")
        for audience in lesson.get("audiences", []):
            _check_choice(f"lesson {lesson['slug']} audiences", audience, set(Audience.values))
        _validate_blocks(f"lesson {lesson['slug']}", lesson.get("body", []), known)


def _validate_pairs(scenarios: list[dict]) -> None:
    """A context pair is two posts that point at each other, each saying what differs (SCHEMA.md, Context pairs)."""
    by_key = {item["key"]: item for item in scenarios}
    for item in scenarios:
        partner_key = item.get("pair")
        if not partner_key:
            if item.get("pair_difference"):
                raise ContentError(f"scenario {item['key']}: a pair_difference needs a pair")
            continue
        where = f"scenario {item['key']}"
        if partner_key == item["key"]:
            raise ContentError(f"{where}: a post cannot be its own pair")
        partner = by_key.get(partner_key)
        if partner is None:
            raise ContentError(f"{where}: pair {partner_key!r} is not a known post")
        if partner.get("pair") != item["key"]:
            raise ContentError(f"{where}: its pair {partner_key} does not point back at it")
        if not (item.get("pair_difference") or "").strip():
            raise ContentError(f"{where}: a post in a pair needs a pair_difference")


def _validate_blocks(where: str, blocks: list, scenario_keys: set) -> None:
    for block in blocks or []:
        _check_choice(f"{where} block", block.get("type"), set(_BLOCK_BUILDERS))
        if block["type"] == "scenario" and block.get("key") not in scenario_keys:
            raise ContentError(f"{where}: unknown scenario {block.get('key')!r}")


# ------------------------------------------------------------------------------------------------ building


def _stream(blocks: list | None, scenarios: dict[str, Scenario]) -> list[dict]:
    return [
        {"type": block["type"], "value": _BLOCK_BUILDERS[block["type"]](block, scenarios)} for block in blocks or []
    ]


_BLOCK_BUILDERS = {
    "text": lambda b, s: b["value"],
    "callout": lambda b, s: {"tone": b.get("tone", "info"), "title": b["title"], "text": b["text"]},
    "scenario": lambda b, s: {"scenario": s[b["key"]].pk},
    "question": lambda b, s: {"text": b["text"], "hint": b.get("hint", "")},
    "statement": lambda b, s: {"text": b["text"]},
    "more": lambda b, s: {"text": b["text"]},
    "home_card": lambda b, s: {
        "title": b["title"],
        "questions": list(b["questions"]),
        "tip": b.get("tip", ""),
    },
}


class Loader:
    def __init__(self, content: dict):
        self.content = content
        self.report = LoadReport()
        self.done = {(kind, key) for kind, key in LoadedContent.objects.values_list("kind", "key")}
        self.image_dir = Path(content.get("image_dir") or IMAGE_DIR)
        self.created_now: set[tuple[str, str]] = set()  # what this run made (only those get their pair link)

    def _should_create(self, kind: str, key: str, exists: bool) -> bool:
        if (kind, key) in self.done:
            return False
        if exists:  # made before this record existed, or by an editor: record it, never touch it
            LoadedContent.objects.create(kind=kind, key=key)
            self.done.add((kind, key))
            return False
        return True

    def _created(self, kind: str, key: str) -> None:
        LoadedContent.objects.create(kind=kind, key=key)
        self.done.add((kind, key))
        self.created_now.add((kind, key))
        self.report.count(kind)

    def run(self) -> LoadReport:
        validate(self.content)
        with transaction.atomic():
            self.load_scenarios()
            self.load_exercise_sets()
            self.load_statement_sets()
            self.load_glossary()
            self.load_pages()
        return self.report

    # snippets

    def load_scenarios(self) -> None:
        for item in self.content["scenarios"]:
            key = item["key"]
            if not self._should_create("scenario", key, Scenario.objects.filter(key=key).exists()):
                continue
            Scenario.objects.create(
                key=key,
                display_name=item["display_name"],
                handle=item["handle"],
                source_type=item["source_type"],
                platform=item["platform"],
                text=item["text"].strip(),
                age_label=item.get("age_label", ""),
                likes=item.get("likes", 0),
                shares=item.get("shares", 0),
                replies=item.get("replies", 0),
                views=item.get("views", 0),
                followers=item.get("followers", 0),
                reach_note=item.get("reach_note", ""),
                category=item["category"],
                signals=[
                    {"type": "signal", "value": {"kind": s["kind"], "quote": str(s["quote"])}}
                    for s in item.get("signals") or []
                ],
                concreteness=item["concreteness"],
                reach=item["reach"],
                placement_note=item.get("placement_note", ""),
                responses=list(item.get("responses", [])),
                response_note=item.get("response_note", ""),
                explanation=item["explanation"].strip(),
                offence=item.get("offence", "") or "",
                grey_area=bool(item.get("grey_area")),
                grey_area_note=item.get("grey_area_note", "") or "",
                audiences=list(item.get("audiences", [])),
                difficulty=item.get("difficulty", 1),
                test_form=item.get("test_form", "") or "",
                image=self._image(item["image"]) if item.get("image") else None,
                image_alt=(item.get("image_alt") or "").strip() if item.get("image") else "",
                pair_difference=(item.get("pair_difference") or "").strip(),
            )
            self._created("scenario", key)
        self._link_pairs()

    def _link_pairs(self) -> None:
        """Point each half of a context pair at the other (both halves exist once all posts are made). Only a post
        made in this run gets its link; a post made earlier, or by an editor, is never changed."""
        wanted = {item["key"]: item["pair"] for item in self.content["scenarios"] if item.get("pair")}
        if not wanted:
            return
        posts = {s.key: s for s in Scenario.objects.filter(key__in=[*wanted, *wanted.values()])}
        for key, partner_key in wanted.items():
            post, partner = posts.get(key), posts.get(partner_key)
            if post is None or partner is None or ("scenario", key) not in self.created_now:
                continue
            post.pair = partner
            post.save(update_fields=["pair"])

    def _image(self, name: str):
        """The Wagtail image for a picture in content/images/, made once and found again by its title.

        The file goes through the editors' upload form (cms/images.py: Wagtail's size, pixel and format checks, and
        re-encoding without metadata), so a loaded picture meets the same rules as an uploaded one. Like every other
        item, an image the loader made once is never made again: an editor may replace or delete it.
        """
        image_model = get_image_model()
        title = f"Voorbeeldbericht {name}"
        existing = image_model.objects.filter(title=title).first()
        if not self._should_create("image", name, existing is not None):
            return existing  # made on an earlier run (None if an editor has deleted it since)
        upload = SimpleUploadedFile(name, (self.image_dir / name).read_bytes(), content_type="image/png")
        form = get_image_form(image_model)(data={"title": title}, files={"file": upload})
        if not form.is_valid():
            raise ContentError(f"image {name}: {form.errors.as_text()}")
        image = form.save()
        self._created("image", name)
        return image

    def load_exercise_sets(self) -> None:
        scenarios = {s.key: s for s in Scenario.objects.all()}
        for item in self.content["exercise_sets"]:
            key = item["key"]
            if not self._should_create("exercise_set", key, ExerciseSet.objects.filter(slug=key).exists()):
                continue
            exercise_set = ExerciseSet.objects.create(
                slug=key, title=item["title"], intro=item["intro"].strip(), audience=item["audience"]
            )
            ExerciseSetItem.objects.bulk_create(
                ExerciseSetItem(exercise_set=exercise_set, scenario=scenarios[scenario_key], sort_order=position)
                for position, scenario_key in enumerate(item["scenarios"])
                if scenario_key in scenarios
            )
            self._created("exercise_set", key)

    def load_statement_sets(self) -> None:
        for item in self.content["statements"]:
            key = item["key"]
            if not self._should_create("statement_set", key, StatementSet.objects.filter(key=key).exists()):
                continue
            statement_set = StatementSet.objects.create(key=key, title=item["title"], intro=item.get("intro", ""))
            for position, statement in enumerate(item["statements"]):
                Statement.objects.create(
                    statement_set=statement_set,
                    sort_order=position,
                    key=statement["key"],
                    text=statement["text"].strip(),
                    opposite=(statement.get("opposite") or "").strip(),
                    question=(statement.get("question") or "").strip(),
                )
            self._created("statement_set", key)

    def load_glossary(self) -> None:
        for item in self.content["glossary"]:
            key = item["slug"]
            if not self._should_create("glossary_term", key, GlossaryTerm.objects.filter(slug=key).exists()):
                continue
            GlossaryTerm.objects.create(
                slug=key,
                term=item["term"],
                short=item["short"].strip(),
                body=item["body"].strip(),
                law=item.get("law", "") or "",
                penalty=item.get("penalty", "") or "",
            )
            self._created("glossary_term", key)

    # pages

    def _add_page(self, parent: Page, page: Page, kind: str) -> Page | None:
        key = f"{parent.url_path}{page.slug}/"
        exists = parent.get_children().filter(slug=page.slug).exists()
        if not self._should_create(kind, key, exists):
            return None
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._created(kind, key)
        return page

    def _home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = HomePage.objects.first()
        if home is None:
            data = self.content["pages"]["home"]
            root = Page.get_first_root_node()
            home = HomePage(
                title=data["title"],
                slug="start",
                intro=data["intro"].strip(),
                body=_stream(data.get("body"), self._scenarios()),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self._created("page", "home")
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Meer dan een mening",
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Meer dan een mening"
            site.save()
            if type(old_root.specific) is Page and old_root.depth == 2 and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
        return HomePage.objects.get(pk=home.pk)

    def _scenarios(self) -> dict[str, Scenario]:
        return {s.key: s for s in Scenario.objects.only("pk", "key")}

    def load_pages(self) -> None:
        """The home page and its sections, in the order the menu shows them."""
        home = self._home()
        scenarios = self._scenarios()
        self._load_lessons(home, scenarios)
        pages = self.content["pages"]
        if "parents" in pages:
            self._load_parents_guide(home, pages["parents"], scenarios)
        if "dialogue" in pages:
            self._load_dialogue_kit(home, pages["dialogue"], scenarios)
        if "glossary" in pages:
            self._load_glossary_page(home, pages["glossary"])
        for data in pages.get("content", []):
            self._add_page(
                home,
                ContentPage(
                    title=data["title"],
                    slug=data["slug"],
                    intro=(data.get("intro") or "").strip(),
                    body=_stream(data.get("body"), scenarios),
                ),
                "page",
            )

    def _lesson_index(self, home: HomePage) -> LessonIndexPage | None:
        index = LessonIndexPage.objects.child_of(home).first()
        if index is not None:
            return index
        page = LessonIndexPage(
            title="Lessen",
            slug="lessen",
            show_in_menus=True,
            intro="Lessen voor de klas, voor thuis en voor groepen. Kies wat bij jou past.",
        )
        return self._add_page(home, page, "page") or LessonIndexPage.objects.child_of(home).first()

    def _load_lessons(self, home: HomePage, scenarios: dict[str, Scenario]) -> None:
        index = self._lesson_index(home)
        if index is None:  # an editor deleted the index: its lessons have nowhere to go
            return
        sets = {s.slug: s for s in ExerciseSet.objects.all()}
        for item in self.content["lessons"]:
            self._add_page(index, self._lesson_page(item, scenarios, sets), "page")

    @staticmethod
    def _lesson_page(item: dict, scenarios: dict[str, Scenario], sets: dict[str, ExerciseSet]) -> LessonPage:
        goals = [
            {
                "type": "goal",
                "value": {"text": g["text"], "mediawijsheid": g.get("mediawijsheid", ""), "slo": g.get("slo", "")},
            }
            for g in item.get("goals", [])
        ]
        return LessonPage(
            title=item["title"],
            slug=item["slug"],
            intro=item["intro"].strip(),
            audiences=list(item.get("audiences", [])),
            duration=item.get("duration", 50),
            goals=goals,
            body=_stream(item.get("body"), scenarios),
            exercise_set=sets.get(item.get("exercise_set") or ""),
        )

    def _load_parents_guide(self, home: HomePage, data: dict, scenarios: dict[str, Scenario]) -> None:
        page = ParentGuidePage(
            show_in_menus=True,
            menu_title=data.get("menu_title", "Voor ouders"),
            title=data["title"],
            slug=data.get("slug", "ouders"),
            intro=data["intro"].strip(),
            body=_stream(data.get("body"), scenarios),
        )
        self._add_page(home, page, "page")

    def _load_dialogue_kit(self, home: HomePage, data: dict, scenarios: dict[str, Scenario]) -> None:
        statement_sets = {s.key: s for s in StatementSet.objects.all()}
        page = DialogueKitPage(
            show_in_menus=True,
            menu_title=data.get("menu_title", "Dialoogavond"),
            title=data["title"],
            slug=data.get("slug", "dialoogavond"),
            intro=data["intro"].strip(),
            programme=[
                {"type": "item", "value": {"minutes": p["minutes"], "title": p["title"], "text": p["text"]}}
                for p in data.get("programme", [])
            ],
            body=_stream(data.get("body"), scenarios),
            statement_sets=[
                {"type": "set", "value": {"statement_set": statement_sets[key].pk}}
                for key in data.get("statement_sets", [])
                if key in statement_sets
            ],
        )
        self._add_page(home, page, "page")

    def _load_glossary_page(self, home: HomePage, data: dict) -> None:
        page = GlossaryPage(
            title=data["title"],
            slug=data.get("slug", "woordenlijst"),
            intro=data["intro"].strip(),
            show_in_menus=True,
            menu_title=data.get("menu_title", "Woordenlijst"),
        )
        self._add_page(home, page, "page")


def load_content(content: dict | None = None) -> LoadReport:
    return Loader(content if content is not None else read_content()).run()
