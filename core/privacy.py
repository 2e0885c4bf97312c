"""Which stored fields hold data about a person, and why: the source of the privacybijsluiter (/privacy/bijsluiter/).

Each model that holds data about a person says so in its own code, next to its fields, with a class attribute::

    class StudentProfile(models.Model):
        ...
        personal_data = PersonalData(
            about="leerling",
            fields={
                "pseudonym": personal("Zo herkent de docent de leerling.", Retention.ACCOUNT),
                "public_id": not_personal("willekeurige code in het adres"),
            },
        )

`personal(purpose, retention)` marks a field that says something about a person (a pseudonym, an answer, a time
something was done, a hashed identifier); `not_personal(reason)` marks a field on such a model that does not (a
random code, a setting). A model outside our apps (Django's user and session tables) is declared with `declare()`
by the app that uses it (accounts does it for both).

A model must be declared when it relates to a person: it has a relation to the user model or to another model that
does, or a field whose name suggests a person (ip, token, email, uid, ...). Every field on it needs an entry, so a
field added later fails tests/test_privacy_declarations.py until someone decides what it is. `missing_declarations`
is that check; its messages say exactly what to add.

Why a class attribute and not a field option: a Django field does not accept unknown keyword arguments and Meta does
not accept unknown names; a plain attribute needs no migration and reads well in review. core imports no app: the
models are found through the app registry.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models


class Retention:
    """How long a field is kept, in words a privacy officer reads. Values that depend on settings are filled in."""

    ACCOUNT = "Zolang het account bestaat. De docent kan het eerder wissen."
    CLASS = "Zolang de klas bestaat. Een gearchiveerde klas wordt na {archived_days} dagen gewist."
    ANONYMOUS = (
        "Oefenen zonder account: {anonymous_days} dagen, daarna gewist. Met account: zolang het account bestaat."
    )
    LIVE_TOKEN = "30 dagen, daarna gewist. Wat de deelnemer deed blijft, zonder code en dus anoniem."
    LIVE_SESSION = "Zolang de gespreksleider het account heeft."
    SESSION = "Tot de sessie verloopt ({session_days} dagen) of de gebruiker uitlogt."

    @staticmethod
    def render(text: str) -> str:
        return text.format(
            archived_days=settings.ARCHIVED_CLASS_RETENTION_DAYS,
            anonymous_days=settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS,
            session_days=settings.SESSION_COOKIE_AGE // 86400,
        )


@dataclass(frozen=True)
class Entry:
    personal: bool
    purpose: str = ""  # why it is kept (personal) or why it is not about a person (not personal)
    retention: str = ""


def personal(purpose: str, retention: str) -> Entry:
    return Entry(personal=True, purpose=purpose, retention=retention)


def not_personal(reason: str) -> Entry:
    return Entry(personal=False, purpose=reason)


@dataclass(frozen=True)
class PersonalData:
    about: str  # whose data, in Dutch: "leerling", "docent", "deelnemer aan een dialoogavond", ...
    fields: dict[str, Entry] = field(default_factory=dict)
    # Teaching content that only carries an editor's trace (who locked it for editing): a model that points at it
    # (a set's item, a learner's answer) is not about a person because of that pointer.
    content: bool = False


_declared_elsewhere: dict[str, PersonalData] = {}

# Models that are not ours but store data about our users: they must be declared (with `declare`) like our own.
EXTERNAL_MODELS = ("sessions.Session",)

# A field with one of these words in its name is taken to be about a person, whatever model it is on.
PERSON_WORDS = ("ip", "token", "email", "uid", "brin", "session", "pseudonym", "affiliation", "tenant")


def declare(model_label: str, declaration: PersonalData) -> None:
    """Declare a model that is not ours (e.g. "auth.User"): called from the app that stores data in it."""
    _declared_elsewhere[model_label] = declaration


def declaration_for(model: type[models.Model]) -> PersonalData | None:
    return model.__dict__.get("personal_data") or _declared_elsewhere.get(model._meta.label)


def _own_models() -> list[type[models.Model]]:
    """Models of the apps in this repository (not Django's or Wagtail's), plus any declared from outside."""
    root = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        if Path(config.path).resolve().is_relative_to(root) and ".venv" not in Path(config.path).parts:
            found.extend(m for m in config.get_models() if not m._meta.proxy)
    found.extend(apps.get_model(label) for label in (settings.AUTH_USER_MODEL, *EXTERNAL_MODELS) if _installed(label))
    found.extend(apps.get_model(label) for label in _declared_elsewhere)
    return list(dict.fromkeys(found))


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _own_fields(model: type[models.Model]) -> list[models.Field]:
    """The stored fields defined on this model itself (not those inherited from a Wagtail page), without its key."""
    return [f for f in model._meta.local_concrete_fields if not f.auto_created]


def person_models() -> list[type[models.Model]]:
    """Our models that relate to a person, found from their fields (not from their declarations)."""
    candidates = _own_models()
    related: set = {apps.get_model(settings.AUTH_USER_MODEL)}
    related.update(m for m in candidates if declaration_for(m) is not None)
    for model in candidates:
        if any(_word_in(f.name) for f in _own_fields(model)):
            related.add(model)
    changed = True
    while changed:  # a model pointing at a person-related model is person-related, transitively
        changed = False
        for model in candidates:
            if model not in related and any(
                f.is_relation and f.related_model in related and not _is_content(f.related_model)
                for f in _own_fields(model)
            ):
                related.add(model)
                changed = True
    return [m for m in candidates if m in related] + [
        m for m in related if m not in candidates and declaration_for(m) is not None
    ]


def _is_content(model: type[models.Model]) -> bool:
    declaration = declaration_for(model)
    return declaration is not None and declaration.content


def _word_in(name: str) -> bool:
    parts = name.lower().split("_")
    return any(word in parts or name.lower() == word for word in PERSON_WORDS)


def missing_declarations() -> list[str]:
    """One message per undeclared model or field, telling a developer exactly what to write where."""
    problems = []
    for model in person_models():
        declaration = declaration_for(model)
        names = [f.name for f in _own_fields(model)]
        where = f"{model.__module__}.{model.__name__}"
        if declaration is None:
            entries = ",\n".join(f'            "{n}": personal("<waarom>", Retention.ACCOUNT)' for n in names)
            problems.append(
                f"{where} relates to a person but declares no personal data. Add to the class "
                f"(from core.privacy import PersonalData, Retention, not_personal, personal):\n"
                f'    personal_data = PersonalData(\n        about="<wie: leerling/docent/...>",\n'
                f"        fields={{\n{entries},\n        }},\n    )\n"
                f'Use not_personal("<why not>") for a field that says nothing about a person.'
            )
            continue
        for name in names:
            if name not in declaration.fields:
                problems.append(
                    f'{where}.{name} has no privacy entry. Add to its personal_data.fields: "{name}": '
                    f'personal("<why it is kept, in Dutch>", Retention.<ACCOUNT|CLASS|...>) '
                    f'or "{name}": not_personal("<why it says nothing about a person>").'
                )
        for name in set(declaration.fields) - set(names):
            problems.append(f"{where}.personal_data declares {name!r}, which is not a field of the model: remove it.")
    return problems


@dataclass(frozen=True)
class Row:
    table: str
    field: str
    purpose: str
    retention: str


@dataclass(frozen=True)
class Group:
    about: str
    rows: list[Row]


def inventory() -> list[Group]:
    """The personal fields, grouped by whose data they are, for the bijsluiter. Built once per call (cheap)."""
    groups: dict[str, list[Row]] = {}
    for model in person_models():
        declaration = declaration_for(model)
        if declaration is None:
            continue
        fields = {f.name: f for f in _own_fields(model)}
        for name, entry in declaration.fields.items():
            if entry.personal and name in fields:
                row = Row(
                    table=str(model._meta.verbose_name),
                    field=str(fields[name].verbose_name),
                    purpose=entry.purpose,
                    retention=Retention.render(entry.retention),
                )
                groups.setdefault(declaration.about, []).append(row)
    return [Group(about=about, rows=rows) for about, rows in groups.items()]


def data_subjects(groups: Iterable[Group]) -> list[str]:
    return [group.about for group in groups]
