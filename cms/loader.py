"""Loads the Dutch content set in cms/content/*.yaml (format: cms/content/SCHEMA.md) into the CMS.

An item is identified by its key (snippets) or its slug (pages). The loader creates what is missing and records it
in LoadedContent with two fingerprints: one of the YAML item it read, one of what it wrote. Corrections to the
content files must reach sites that already run, but an editor's work always wins, so on a later run an item whose
YAML changed is updated only while the database still holds exactly what the loader wrote:

- a snippet is rewritten when its editable fields still match the written fingerprint; otherwise it is left alone
  and the report says so;
- a page gets a new revision, published when the live page is still the loader's revision and has no draft;
  otherwise the revision stays a draft for an editor to review, and the report says so;
- an item an editor deleted stays deleted; an item that existed before the loader ever saw it is never touched.

Records from before the fingerprints (blank `written_hash`) count as the loader's when nobody touched the object in
the admin: a snippet without any admin log entry, a page with a single revision. A second run changes nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import ModelLogEntry, Page, Revision, Site

from core.pagecache import invalidate_page_cache

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
    updated: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # one line per item left alone, saying why

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def count_update(self, kind: str) -> None:
        self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


# An adopted item: it existed before the loader recorded it (an editor made it), so the loader never writes to it.
NOT_OURS = "not-written-by-loader"


def item_hash(item) -> str:
    """The fingerprint of a YAML item as read: a change to any of its fields changes the hash."""
    return hashlib.sha256(json.dumps(item, sort_keys=True, default=str).encode()).hexdigest()


def _strip_ids(value):
    """Stream data without its block ids (new ones are made on every build; they carry no content)."""
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value


def object_hash(obj, names: list[str], extra=None) -> str:
    """The fingerprint of an object's editable fields as stored, so an editor's change to any of them shows."""
    values = {}
    for name in names:
        model_field = obj._meta.get_field(name)
        raw = model_field.value_from_object(obj)
        if hasattr(raw, "raw_data"):  # StreamValue
            raw = list(raw.raw_data)
        elif model_field.get_internal_type() not in ("JSONField",) and not isinstance(raw, list | dict):
            raw = model_field.get_prep_value(raw)
        values[name] = _strip_ids(raw)
    values["_extra"] = extra
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


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


SCENARIO_FIELDS = [
    "display_name", "handle", "source_type", "platform", "text", "age_label", "likes", "shares", "replies", "views",
    "followers", "reach_note", "category", "signals", "concreteness", "reach", "placement_note", "responses",
    "response_note", "explanation", "offence", "grey_area", "grey_area_note", "audiences", "difficulty", "test_form",
    "image", "image_alt", "pair_difference", "paid_promotion",
]  # fmt: skip
LESSON_PAGE_FIELDS = ("title", "intro", "audiences", "duration", "goals", "body", "exercise_set")
GLOSSARY_FIELDS = ["term", "short", "body", "law", "penalty"]
EXERCISE_SET_FIELDS = ["title", "intro", "audience"]
STATEMENT_SET_FIELDS = ["title", "intro"]


def _set_keys(exercise_set: ExerciseSet) -> list[str]:
    return list(exercise_set.items.order_by("sort_order").values_list("scenario__key", flat=True))


def _statements(statement_set: StatementSet) -> list[list[str]]:
    # A theme counts only when set, so statements loaded before themes existed keep their fingerprint.
    rows = statement_set.statements.order_by("sort_order").values_list("key", "text", "opposite", "question", "theme")
    return [list(row[:4]) + ([row[4]] if row[4] else []) for row in rows]


class Loader:
    def __init__(self, content: dict):
        self.content = content
        self.report = LoadReport()
        self.records = {(r.kind, r.key): r for r in LoadedContent.objects.all()}
        self.image_dir = Path(content.get("image_dir") or IMAGE_DIR)
        self.created_now: set[tuple[str, str]] = set()  # what this run made or rewrote (only those get a pair link)

    def _should_create(self, kind: str, key: str, exists: bool) -> bool:
        if (kind, key) in self.records:
            return False
        if exists:  # made before this record existed, or by an editor: record it, never touch it
            self.records[(kind, key)] = LoadedContent.objects.create(kind=kind, key=key, written_hash=NOT_OURS)
            return False
        return True

    def _created(self, kind: str, key: str, *, source: str = "", written: str = "", revision_id=None) -> None:
        self.records[(kind, key)] = LoadedContent.objects.create(
            kind=kind, key=key, source_hash=source, written_hash=written, revision_id=revision_id
        )
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
        if self.report.updated:  # some updates are queryset writes that send no post_save: drop cached pages
            invalidate_page_cache()
        return self.report

    # updates

    def _changed_record(self, kind: str, key: str, source: str, obj) -> LoadedContent | None:
        """The record of an item whose content file changed since the loader last wrote it, or None when there is
        nothing to do. An item an editor deleted, or one the loader never made, stays as it is (said once)."""
        record = self.records[(kind, key)]
        if record.source_hash == source:
            return None
        reason = None
        if obj is None:
            reason = "deleted by an editor; not brought back"
        elif record.written_hash == NOT_OURS:
            reason = "not made by the loader; left alone"
        if reason is None:
            return record
        self.report.skipped.append(f"{kind} {key}: {reason}")
        record.source_hash = source  # report each change of the content file once
        record.save(update_fields=["source_hash"])
        return None

    def _update_snippet(self, kind: str, key: str, item: dict, obj, names: list[str], write, extra=None) -> None:
        """Rewrite a snippet from its changed YAML item, but only while it is exactly what the loader wrote."""
        source = item_hash(item)
        record = self._changed_record(kind, key, source, obj)
        if record is None:
            return
        current = object_hash(obj, names, extra(obj) if extra else None)
        if getattr(obj, "has_unpublished_changes", False):
            ours = False  # an editor's draft waits in the admin: publishing ours would bury it
        elif record.written_hash:
            ours = current == record.written_hash
        else:  # recorded before fingerprints: the loader's while nobody edited it in the admin
            ours = not ModelLogEntry.objects.for_instance(obj).exists()
        if not ours:
            self.report.skipped.append(f"{kind} {key}: changed by an editor; the new content was not written")
            record.source_hash = source
            record.save(update_fields=["source_hash"])
            return
        write(obj)
        obj.refresh_from_db()
        written = object_hash(obj, names, extra(obj) if extra else None)
        if written != current:
            self.report.count_update(kind)
            self.created_now.add((kind, key))
        record.source_hash, record.written_hash = source, written
        record.save(update_fields=["source_hash", "written_hash"])

    # snippets

    def _scenario_fields(self, item: dict) -> dict:
        return dict(
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
            paid_promotion=bool(item.get("paid_promotion")),
        )

    def load_scenarios(self) -> None:
        for item in self.content["scenarios"]:
            key = item["key"]
            existing = Scenario.objects.filter(key=key).first()
            if self._should_create("scenario", key, existing is not None):
                post = Scenario.objects.create(key=key, **self._scenario_fields(item))
                self._created("scenario", key, source=item_hash(item), written=object_hash(post, SCENARIO_FIELDS))
            elif ("scenario", key) in self.records:

                def write(post, item=item):
                    for name, value in self._scenario_fields(item).items():
                        setattr(post, name, value)
                    post.save()

                self._update_snippet("scenario", key, item, existing, SCENARIO_FIELDS, write)
        self._link_pairs()
        self._publish_loaded_posts()

    def _publish_loaded_posts(self) -> None:
        """Each post this run made or rewrote becomes a published revision. Wagtail's editor opens a post from its
        latest revision: without this one it would show the text from before the loader's correction, and saving
        it would quietly undo that correction. The post's history in the admin also starts here."""
        keys = [key for kind, key in self.created_now if kind == "scenario"]
        posts = list(Scenario.objects.filter(key__in=keys).order_by("pk"))
        if not posts:
            return
        # In bulk, what save_revision() and publish() would do one post at a time (four times slower for a first
        # load of every post); nothing here needs their signals, and the page cache is emptied once at the end.
        now, content_type = timezone.now(), ContentType.objects.get_for_model(Scenario)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(post.pk),
                object_str=str(post),
                content=post.serializable_data(),
                created_at=now,
            )
            for post in posts
        )
        for post, revision in zip(posts, revisions, strict=True):
            post.latest_revision = post.live_revision = revision
            post.live, post.has_unpublished_changes = True, False
            post.first_published_at = post.first_published_at or now
            post.last_published_at = now
        Scenario.objects.bulk_update(
            posts,
            [
                "latest_revision",
                "live_revision",
                "live",
                "has_unpublished_changes",
                "first_published_at",
                "last_published_at",
            ],
        )

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

        def write_items(exercise_set: ExerciseSet, item: dict) -> None:
            ExerciseSetItem.objects.bulk_create(
                ExerciseSetItem(exercise_set=exercise_set, scenario=scenarios[scenario_key], sort_order=position)
                for position, scenario_key in enumerate(item["scenarios"])
                if scenario_key in scenarios
            )

        for item in self.content["exercise_sets"]:
            key = item["key"]
            fields = {"title": item["title"], "intro": item["intro"].strip(), "audience": item["audience"]}
            existing = ExerciseSet.objects.filter(slug=key).first()
            if self._should_create("exercise_set", key, existing is not None):
                exercise_set = ExerciseSet.objects.create(slug=key, **fields)
                write_items(exercise_set, item)
                written = object_hash(exercise_set, EXERCISE_SET_FIELDS, _set_keys(exercise_set))
                self._created("exercise_set", key, source=item_hash(item), written=written)
                continue

            def write(exercise_set, item=item, fields=fields):
                ExerciseSet.objects.filter(pk=exercise_set.pk).update(**fields)
                exercise_set.items.all().delete()
                write_items(exercise_set, item)

            self._update_snippet("exercise_set", key, item, existing, EXERCISE_SET_FIELDS, write, _set_keys)

    def load_statement_sets(self) -> None:
        """A statement is updated in place and never deleted: evenings that used it keep their answers."""

        def write_statements(statement_set: StatementSet, item: dict) -> None:
            for position, statement in enumerate(item["statements"]):
                Statement.objects.update_or_create(
                    key=statement["key"],
                    defaults={
                        "statement_set": statement_set,
                        "sort_order": position,
                        "text": statement["text"].strip(),
                        "opposite": (statement.get("opposite") or "").strip(),
                        "question": (statement.get("question") or "").strip(),
                        "theme": (statement.get("theme") or "").strip(),
                    },
                )

        for item in self.content["statements"]:
            key = item["key"]
            fields = {"title": item["title"], "intro": item.get("intro", "")}
            existing = StatementSet.objects.filter(key=key).first()
            if self._should_create("statement_set", key, existing is not None):
                statement_set = StatementSet.objects.create(key=key, **fields)
                write_statements(statement_set, item)
                written = object_hash(statement_set, STATEMENT_SET_FIELDS, _statements(statement_set))
                self._created("statement_set", key, source=item_hash(item), written=written)
                continue

            def write(statement_set, item=item, fields=fields):
                StatementSet.objects.filter(pk=statement_set.pk).update(**fields)
                write_statements(statement_set, item)

            self._update_snippet("statement_set", key, item, existing, STATEMENT_SET_FIELDS, write, _statements)

    def load_glossary(self) -> None:
        for item in self.content["glossary"]:
            key = item["slug"]
            fields = {
                "term": item["term"],
                "short": item["short"].strip(),
                "body": item["body"].strip(),
                "law": item.get("law", "") or "",
                "penalty": item.get("penalty", "") or "",
            }
            existing = GlossaryTerm.objects.filter(slug=key).first()
            if self._should_create("glossary_term", key, existing is not None):
                term = GlossaryTerm.objects.create(slug=key, **fields)
                self._created("glossary_term", key, source=item_hash(item), written=object_hash(term, GLOSSARY_FIELDS))
                continue

            def write(term, fields=fields):
                GlossaryTerm.objects.filter(pk=term.pk).update(**fields)

            self._update_snippet("glossary_term", key, item, existing, GLOSSARY_FIELDS, write)

    # pages

    def _add_page(self, parent: Page, page: Page, kind: str, source=None, fields=()) -> Page | None:
        """Create the page, or bring a changed one up to date (_update_page). `source` is the YAML it came from and
        `fields` the page fields the loader writes; without them the page is only ever created."""
        key = f"{parent.url_path}{page.slug}/"
        existing = parent.get_children().filter(slug=page.slug).first()
        if not self._should_create(kind, key, existing is not None):
            if existing is not None and source is not None:
                self._update_page(kind, key, existing.specific, page, list(fields), item_hash(source))
            elif existing is None and source is not None:
                self._changed_record(kind, key, item_hash(source), None)
            return None
        parent.add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        self._created(kind, key, source=item_hash(source) if source is not None else "", revision_id=revision.pk)
        return page

    def _update_page(self, kind: str, key: str, page: Page, built: Page, fields: list[str], source: str) -> None:
        """A new revision from the changed YAML: published while the live page is still the loader's revision and
        nobody has a draft on it. Otherwise a draft on top of the editor's latest version, for review, carrying only
        the fields whose content changed since the loader's own revision (the editor's other changes stay)."""
        record = self._changed_record(kind, key, source, page)
        if record is None:
            return
        if record.revision_id:
            ours = page.live and page.live_revision_id == record.revision_id == page.latest_revision_id
        else:  # recorded before fingerprints: the loader's while it has only the revision the loader published
            ours = page.live and not page.has_unpublished_changes and page.revisions.count() == 1
        latest = page if ours else page.get_latest_revision_as_object()
        if not ours:
            loaders = page.revisions.filter(pk=record.revision_id).first() if record.revision_id else None
            loaders = loaders or page.revisions.order_by("created_at", "pk").first()
            base = loaders.as_object() if loaders else None
            fields = [n for n in fields if base is None or object_hash(base, [n]) != object_hash(built, [n])]
        if object_hash(latest, fields) != object_hash(built, fields):
            for name in fields:
                setattr(latest, name, getattr(built, name))
            revision = latest.save_revision()
            if ours:
                revision.publish()
                record.revision_id = revision.pk
                self.report.count_update(kind)
            else:
                self.report.skipped.append(
                    f"{kind} {key}: changed by an editor; the new content is a draft to review, not published"
                )
        elif ours:
            record.revision_id = page.live_revision_id
        record.source_hash = source
        record.save(update_fields=["source_hash", "revision_id"])

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
                data,
                ("title", "intro", "body"),
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
            self._add_page(index, self._lesson_page(item, scenarios, sets), "page", item, LESSON_PAGE_FIELDS)

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
        self._add_page(home, page, "page", data, ("title", "intro", "body"))

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
        self._add_page(home, page, "page", data, ("title", "intro", "programme", "body", "statement_sets"))

    def _load_glossary_page(self, home: HomePage, data: dict) -> None:
        page = GlossaryPage(
            title=data["title"],
            slug=data.get("slug", "woordenlijst"),
            intro=data["intro"].strip(),
            show_in_menus=True,
            menu_title=data.get("menu_title", "Woordenlijst"),
        )
        self._add_page(home, page, "page", data, ("title", "intro"))


def load_content(content: dict | None = None) -> LoadReport:
    return Loader(content if content is not None else read_content()).run()
