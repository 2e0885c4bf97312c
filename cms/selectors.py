"""Reads of taught content that views need outside Wagtail's page routing."""

from django.db.models import Prefetch

from .models import Statement, StatementSet


def statement_set_for_signs(*, key: str) -> StatementSet | None:
    """A statement set with its statements in order: two queries however many statements it has."""
    statements = Prefetch("statements", queryset=Statement.objects.order_by("sort_order", "pk"))
    return StatementSet.objects.prefetch_related(statements).filter(key=key).first()
