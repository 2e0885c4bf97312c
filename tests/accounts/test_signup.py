"""Sign-up and password reset reveal nobody's account and cannot be flooded (issue 13, item 3 and 4): the same
answer for new and known addresses, a mail instead, limits per client address and per mailbox counted before the
password is hashed, at most HASHING_SLOTS hashes at once, and a few reset mails per account an hour."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client

from accounts import signup as signup_flow
from accounts.models import TeacherProfile
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Fatima de Vries",
    "school": "Stadscollege",
    "role": "docent",
    "email": "f.devries@school.example",
    "password": "lange-zin-voor-de-klas",
}


def _page(response) -> str:
    """The page without what differs by nature: the CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _link(message) -> str:
    return re.search(r"http://testserver(/docent/aanmelden/bevestigen/\S+/)", message.body).group(1)


def test_a_new_and_a_known_address_get_the_same_answer():
    TeacherFactory(user__username="bekend@school.example", user__email="bekend@school.example")

    new = Client().post("/docent/aanmelden/", {**SIGNUP, "email": "nieuw@school.example"})
    known = Client().post("/docent/aanmelden/", {**SIGNUP, "email": "bekend@school.example"})

    assert new.status_code == known.status_code == 200
    assert _page(new) == _page(known)
    to = {m.to[0]: m for m in mail.outbox}
    assert "Bevestig" in to["nieuw@school.example"].subject
    assert "Iemand probeerde" in to["bekend@school.example"].subject
    assert "/bevestigen/" not in to["bekend@school.example"].body  # the owner's account is left alone
    known_user = get_user_model().objects.get(username="bekend@school.example")
    assert known_user.check_password("geheim-wachtwoord") and known_user.is_active


def test_the_account_is_usable_only_after_the_link():
    Client().post("/docent/aanmelden/", SIGNUP)
    before = Client().post("/docent/inloggen/", {"email": SIGNUP["email"], "password": SIGNUP["password"]})
    assert before.status_code == 400

    browser = Client()
    assert "Ja, dit is mijn account" in browser.get(_link(mail.outbox[0])).content.decode()
    assert not get_user_model().objects.get().is_active  # opening the link (a mail scanner) confirms nothing
    assert browser.post(_link(mail.outbox[0])).status_code == 302

    assert browser.get("/docent/").status_code == 200
    after = Client().post("/docent/inloggen/", {"email": SIGNUP["email"], "password": SIGNUP["password"]})
    assert after.status_code == 302
    again = Client().post(_link(mail.outbox[0]))
    assert again.status_code == 400 and "werkt niet meer" in again.content.decode()  # used once, then dead


def test_signing_up_again_before_confirming_replaces_the_details_and_the_link():
    Client().post("/docent/aanmelden/", SIGNUP)
    Client().post("/docent/aanmelden/", {**SIGNUP, "name": "F. de Vries", "password": "nog-een-lange-zin"})

    first, second = mail.outbox
    assert Client().post(_link(first)).status_code == 400  # the old link stopped working
    assert Client().post(_link(second)).status_code == 302
    profile = TeacherProfile.objects.select_related("user").get()
    assert profile.name == "F. de Vries" and profile.user.check_password("nog-een-lange-zin")


def test_a_wrong_link_is_a_dutch_400():
    for link in ("/docent/aanmelden/bevestigen/MQ/fout-token/", "/docent/aanmelden/bevestigen/%00/x/"):
        response = Client().get(link)
        assert response.status_code == 400 and "Deze link werkt niet meer" in response.content.decode()


def test_signups_are_counted_per_mailbox_and_per_address_before_hashing(monkeypatch):
    hashed = []
    monkeypatch.setattr(signup_flow, "make_password", lambda raw: hashed.append(1) or make_password(raw))
    for _ in range(signup_flow.SIGNUPS_PER_EMAIL + 2):  # someone flooding one mailbox from many addresses
        Client(REMOTE_ADDR=f"10.8.0.{len(hashed)}").post("/docent/aanmelden/", SIGNUP)
    assert len(mail.outbox) == signup_flow.SIGNUPS_PER_EMAIL == len(hashed)

    school = Client(REMOTE_ADDR="10.9.9.9")
    statuses = [
        school.post("/docent/aanmelden/", {**SIGNUP, "email": f"collega{n}@school.example"}).status_code
        for n in range(signup_flow.SIGNUPS_PER_ADDRESS + 3)
    ]
    assert statuses.count(200) == signup_flow.SIGNUPS_PER_ADDRESS and statuses[-3:] == [429] * 3
    assert len(hashed) == signup_flow.SIGNUPS_PER_EMAIL + signup_flow.SIGNUPS_PER_ADDRESS  # refused: not hashed
    refused = school.post("/docent/aanmelden/", {**SIGNUP, "email": "laat@school.example"})
    assert "Wacht een uur" in refused.content.decode()


def test_no_more_than_the_hashing_slots_hash_at_once():
    """15 sign-ups at the same moment: at most HASHING_SLOTS hash at once, the rest are turned away at once (they
    never wait, which would hold a worker). The slot counter is core.throttle's, atomic on Redis and the database
    cache alike (tests/test_throttle.py)."""
    running, most, turned_away = [0], [0], [0]
    lock = threading.Lock()
    start = threading.Barrier(15)

    def sign_up(_):
        start.wait()
        with signup_flow.hashing_slot() as free:
            if not free:
                with lock:
                    turned_away[0] += 1
                return
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.3)  # as long as a real hash takes
            with lock:
                running[0] -= 1

    with ThreadPoolExecutor(max_workers=15) as pool:
        list(pool.map(sign_up, range(15)))

    assert most[0] == signup_flow.HASHING_SLOTS and turned_away[0] == 15 - signup_flow.HASHING_SLOTS
    with signup_flow.hashing_slot() as free:
        assert free  # every slot was given back


def test_a_sign_up_without_a_free_slot_is_told_to_try_again_and_nothing_is_stored(monkeypatch):
    monkeypatch.setattr(signup_flow, "HASHING_SLOTS", 0)

    response = Client().post("/docent/aanmelden/", SIGNUP)

    assert response.status_code == 503 and "Probeer het over een minuut opnieuw" in response.content.decode()
    assert not TeacherProfile.objects.exists() and not mail.outbox


def test_reset_mails_are_limited_per_account_with_the_same_answer_for_known_and_unknown():
    teacher = TeacherFactory()
    answers = [
        Client(REMOTE_ADDR=f"10.6.0.{n}").post("/docent/wachtwoord/", {"email": teacher.user.email}) for n in range(20)
    ]
    unknown = Client().post("/docent/wachtwoord/", {"email": "niemand@school.example"})

    assert len(mail.outbox) == signup_flow.RESETS_PER_ACCOUNT
    assert {(a.status_code, a["Location"]) for a in [*answers, unknown]} == {(302, "/docent/wachtwoord/verstuurd/")}


def test_reset_requests_are_limited_per_address():
    teachers = [TeacherFactory() for _ in range(signup_flow.RESETS_PER_ADDRESS + 5)]
    script = Client(REMOTE_ADDR="10.5.5.5")
    for teacher in teachers:
        assert script.post("/docent/wachtwoord/", {"email": teacher.user.email}).status_code == 302

    assert len(mail.outbox) == signup_flow.RESETS_PER_ADDRESS


def test_a_refused_signup_or_reset_is_logged_without_the_address(caplog):
    caplog.set_level("INFO", logger="edu.security")
    for _ in range(signup_flow.SIGNUPS_PER_EMAIL + 1):
        Client().post("/docent/aanmelden/", SIGNUP)
    for _ in range(signup_flow.RESETS_PER_ACCOUNT + 1):
        Client().post("/docent/wachtwoord/", {"email": SIGNUP["email"]})

    scopes = [r.scope for r in caplog.records if getattr(r, "event", None) == "rate_limited"]
    assert scopes == ["signup", "reset"]
    assert SIGNUP["email"] not in caplog.text and SIGNUP["password"] not in caplog.text
