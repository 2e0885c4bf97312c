"""The types of every field in the content files (cms/content/SCHEMA.md says what each field means).

YAML guesses types: an unquoted `21:07` becomes the number 1267, `no` becomes False, `1.0` a float. So every item
is checked against the type its field must have before anything is loaded, and a wrong or unknown field stops the
load with a message that names the file, the item's key and the field.
"""

from collections.abc import Mapping

TEXT, NUMBER, FLAG, LIST, MAPPING = "text", "number", "yes/no", "list", "mapping"

SCENARIO = {
    "key": TEXT, "display_name": TEXT, "handle": TEXT, "source_type": TEXT, "platform": TEXT, "text": TEXT,
    "image": TEXT, "image_alt": TEXT, "age_label": TEXT, "likes": NUMBER, "shares": NUMBER, "replies": NUMBER,
    "views": NUMBER, "followers": NUMBER, "reach_note": TEXT, "category": TEXT, "signals": LIST,
    "concreteness": NUMBER, "reach": NUMBER, "placement_note": TEXT, "responses": LIST, "response_note": TEXT,
    "explanation": TEXT, "offence": TEXT, "grey_area": FLAG, "grey_area_note": TEXT, "audiences": LIST,
    "difficulty": NUMBER, "pair": TEXT, "pair_difference": TEXT, "test_form": TEXT, "paid_promotion": FLAG,
}  # fmt: skip
SIGNAL = {"kind": TEXT, "quote": TEXT}
EXERCISE_SET = {"key": TEXT, "title": TEXT, "intro": TEXT, "audience": TEXT, "scenarios": LIST}
GLOSSARY_TERM = {"slug": TEXT, "term": TEXT, "short": TEXT, "body": TEXT, "law": TEXT, "penalty": TEXT}
STATEMENT_SET = {"key": TEXT, "title": TEXT, "intro": TEXT, "statements": LIST}
STATEMENT = {"key": TEXT, "text": TEXT, "opposite": TEXT, "question": TEXT, "theme": TEXT}
LESSON = {
    "slug": TEXT, "title": TEXT, "intro": TEXT, "audiences": LIST, "duration": NUMBER, "goals": LIST,
    "exercise_set": TEXT, "body": LIST, "kerndoelen": LIST,
}  # fmt: skip
GOAL = {"text": TEXT, "mediawijsheid": TEXT, "slo": TEXT}

_PYTHON_TYPES = {TEXT: (str,), NUMBER: (int,), FLAG: (bool,), LIST: (list,), MAPPING: (dict,)}


class SchemaError(Exception):
    """A field of the wrong type, or one the schema does not know."""


def _type_name(value) -> str:
    return {bool: "yes/no", int: "number", float: "number", str: "text", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


def check_fields(item, spec: Mapping[str, str], *, file: str, where: str) -> None:
    """Every field of `item` is known to `spec` and has its type (None counts as empty)."""
    if not isinstance(item, dict):
        raise SchemaError(f"{file}, {where}: expected a mapping of fields, found {_type_name(item)}")
    for name, value in item.items():
        if name not in spec:
            raise SchemaError(f"{file}, {where}: unknown field '{name}' (SCHEMA.md lists the fields)")
        if value is None:
            continue
        wanted = spec[name]
        # bool is a subclass of int in Python: a number field must not take yes/no, nor a text field a number.
        if not isinstance(value, _PYTHON_TYPES[wanted]) or (wanted == NUMBER and isinstance(value, bool)):
            hint = ' (put quotes around times such as "21:07")' if wanted == TEXT and isinstance(value, int) else ""
            raise SchemaError(
                f"{file}, {where}, field '{name}': expected {wanted}, found {_type_name(value)} {value!r}{hint}"
            )


def _check_list(items, spec, *, file: str, label: str, key_field: str) -> None:
    if items is None:
        return
    if not isinstance(items, list):
        raise SchemaError(f"{file}: expected a list of {label}s, found {_type_name(items)}")
    for position, item in enumerate(items, start=1):
        key = item.get(key_field, f"#{position}") if isinstance(item, dict) else f"#{position}"
        check_fields(item, spec, file=file, where=f"{label} {key}")
        yield key, item


def check_scenarios(items, *, file: str) -> None:
    for key, item in _check_list(items, SCENARIO, file=file, label="scenario", key_field="key"):
        for signal in item.get("signals") or []:
            check_fields(signal, SIGNAL, file=file, where=f"scenario {key} signal")


def check_exercise_sets(items, *, file: str) -> None:
    for _ in _check_list(items, EXERCISE_SET, file=file, label="exercise set", key_field="key"):
        pass


def check_glossary(items, *, file: str) -> None:
    for _ in _check_list(items, GLOSSARY_TERM, file=file, label="glossary term", key_field="slug"):
        pass


def check_statement_sets(items, *, file: str) -> None:
    for key, item in _check_list(items, STATEMENT_SET, file=file, label="statement set", key_field="key"):
        for statement in item.get("statements") or []:
            check_fields(statement, STATEMENT, file=file, where=f"statement set {key} statement")


def check_lessons(items, *, file: str) -> None:
    for key, item in _check_list(items, LESSON, file=file, label="lesson", key_field="slug"):
        for goal in item.get("goals") or []:
            check_fields(goal, GOAL, file=file, where=f"lesson {key} goal")
        for block in item.get("body") or []:
            check_block(block, file=file, where=f"lesson {key}")


def check_block(block, *, file: str, where: str) -> None:
    """A body block: its `type` is text and every value is text, a number or a list of texts."""
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        raise SchemaError(f"{file}, {where}: a block needs a 'type'")
    for name, value in block.items():
        ok = (
            isinstance(value, str | int)
            and not isinstance(value, bool)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        )
        if not ok:
            raise SchemaError(
                f"{file}, {where}, {block['type']} block, field '{name}': expected text, found {_type_name(value)}"
            )
