"""Issue 12 item 26: Wagtail's default groups, workflow and task are stored data; editors read them in Dutch."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow


@pytest.mark.django_db
def test_the_default_groups_workflow_and_task_have_dutch_names():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Moderatoren", "Redacteuren"} <= names and not names & {"Moderators", "Editors"}
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Goedkeuring door moderatoren"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Goedkeuring door moderatoren"]
