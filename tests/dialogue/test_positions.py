"""One position per participant, statement and round: a database constraint, and a single upsert so that 20 rapid
updates, in a row or all at once, leave one row with the last value. The concurrent test runs on SQLite and on
PostgreSQL (DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)."""

import threading

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse

from dialogue import services
from dialogue.models import Position
from tests.concurrency import waiting_for_sqlite_locks

from .conftest import join, member_of


@pytest.mark.django_db
def test_the_database_refuses_a_second_row(live):
    member = member_of(join(live), live)
    Position.objects.create(session=live, participant=member, statement=live.current_statement, round=1, value=3)
    with pytest.raises(IntegrityError):
        Position.objects.create(session=live, participant=member, statement=live.current_statement, round=1, value=4)


@pytest.mark.django_db
def test_the_database_refuses_a_place_off_the_line(live):
    member = member_of(join(live), live)
    with pytest.raises(IntegrityError):
        Position.objects.create(session=live, participant=member, statement=live.current_statement, round=1, value=21)


@pytest.mark.django_db
def test_off_the_line_values_are_refused_by_the_view(live):
    phone = join(live)
    for value in ("21", "-1", "abc", ""):
        assert phone.post(reverse("doemee:position", args=[live.code]), {"plek": value}).status_code == 400
    assert not Position.objects.exists()


@pytest.mark.django_db
def test_twenty_updates_in_a_row_leave_one_row_with_the_last_value(live):
    phone = join(live)
    for value in range(20):
        phone.post(reverse("doemee:position", args=[live.code]), {"plek": value}, headers={"HX-Request": "true"})
    assert list(Position.objects.values_list("value", flat=True)) == [19]


@pytest.mark.django_db
def test_rounds_and_statements_keep_their_own_rows(live):
    member = member_of(join(live), live)
    services.position_set(session=live, participant=member, value=4)
    services.session_round(session=live, round=2)
    services.position_set(session=live, participant=member, value=9)
    services.session_move(session=live, step=1)
    services.position_set(session=live, participant=member, value=1)
    assert sorted(Position.objects.values_list("round", "value")) == [(1, 1), (1, 4), (2, 9)]


def _upsert_waiting_for_locks(session, member, value) -> None:
    """One position, waiting out the locks of SQLite's in-memory test database (tests/concurrency.py)."""
    waiting_for_sqlite_locks(lambda: services.position_set(session=session, participant=member, value=value))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_updates_at_once_leave_one_row_with_the_last_written_value(statement_set, host):
    session = services.session_start(host=host, statement_set=statement_set)
    member = member_of(join(session), session)
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def send(value: int) -> None:
        try:
            barrier.wait(timeout=10)
            _upsert_waiting_for_locks(session, member, value)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(value,)) for value in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    rows = list(Position.objects.filter(participant=member).values_list("value", "updated_at"))
    assert len(rows) == 1 and rows[0][0] in range(20)
    # the row holds the value of the write that committed last: a final update from the same phone wins
    services.position_set(session=session, participant=member, value=13)
    assert list(Position.objects.filter(participant=member).values_list("value", flat=True)) == [13]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_phones_at_once_each_keep_their_own_last_value(statement_set, host):
    session = services.session_start(host=host, statement_set=statement_set)
    phones = [join(session, Client()) for _ in range(8)]
    members = [member_of(phone, session) for phone in phones]
    barrier = threading.Barrier(len(members))
    errors: list[BaseException] = []

    def burst(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            for value in range(5):
                _upsert_waiting_for_locks(session, members[index], (index + value) % 21)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=burst, args=(i,)) for i in range(len(members))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    stored = dict(Position.objects.values_list("participant_id", "value"))
    assert stored == {m.pk: (i + 4) % 21 for i, m in enumerate(members)}
