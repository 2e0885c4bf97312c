"""The loader refuses a field whose YAML type is not what the schema says, naming file, key and field; and every
post shows its time exactly as the content file writes it (YAML once read "21:07" as the number 1267)."""

import re

import pytest

from cms.content_schema import SchemaError, check_lessons, check_scenarios
from cms.loader import CONTENT_DIR, ContentError, read_content


def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_an_unquoted_time_stops_the_load_and_says_where(tmp_path):
    _write(tmp_path, "scenarios_x.yaml", "- key: op-99\n  age_label: 21:07\n")
    with pytest.raises(ContentError) as error:
        read_content(tmp_path)
    message = str(error.value)
    assert "scenarios_x.yaml" in message and "op-99" in message and "'age_label'" in message
    assert "1267" in message and '"21:07"' in message


@pytest.mark.parametrize(
    ("field", "value", "found"),
    [
        ("likes", "veel", "text"),
        ("grey_area", "nee", "text"),
        ("concreteness", True, "yes/no"),
        ("responses", "ignore", "text"),
        ("text", ["a", "b"], "list"),
    ],
)
def test_every_field_is_checked_against_its_type(field, value, found):
    with pytest.raises(SchemaError, match=rf"scenario op-1, field '{field}': expected .*found {found}"):
        check_scenarios([{"key": "op-1", field: value}], file="f.yaml")


def test_unknown_fields_and_bad_nested_items_are_refused():
    with pytest.raises(SchemaError, match="unknown field 'categroy'"):
        check_scenarios([{"key": "op-1", "categroy": "opinion"}], file="f.yaml")
    with pytest.raises(SchemaError, match="signal.*'quote'"):
        check_scenarios([{"key": "op-1", "signals": [{"kind": "time", "quote": 2107}]}], file="f.yaml")
    with pytest.raises(SchemaError, match="lesson les-1 goal, field 'slo'"):
        check_lessons([{"slug": "les-1", "goals": [{"text": "x", "slo": 3}]}], file="lessons.yaml")


def test_the_shipped_content_passes_the_type_check():
    read_content()  # raises ContentError on the first field of a wrong type


def _age_labels_as_written() -> dict[str, str]:
    """key → the age_label text exactly as it stands in the files (quotes taken off)."""
    found, key = {}, None
    for path in sorted(CONTENT_DIR.glob("scenarios_*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"- key: (\S+)", line):
                key = match.group(1)
            elif match := re.match(r"  age_label: (.+)$", line):
                found[key] = match.group(1).strip().strip("\"'")
    return found


@pytest.mark.django_db
def test_every_loaded_post_shows_its_time_as_written(client):
    from cms.loader import load_content
    from cms.models import Scenario

    load_content()
    written = _age_labels_as_written()
    stored = dict(Scenario.objects.values_list("key", "age_label"))
    assert {key: stored[key] for key in written} == written
    timed = [key for key, label in written.items() if re.search(r"\d:\d\d", label)]
    assert timed, "the content set has posts with a clock time"
    page = client.get(f"/oefenen/bericht/{timed[0]}/")
    assert written[timed[0]] in page.content.decode()
