"""core.personal_text: the personal-data check for texts shown to a room (dialogue cards; comments may reuse it)."""

import pytest

from core.personal_text import EMAIL_FOUND, NAME_FOUND, PHONE_FOUND, personal_data_found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bel me op 06-12345678", PHONE_FOUND),
        ("+31 6 1234 5678 is mijn nummer", PHONE_FOUND),
        ("010 123 45 67", PHONE_FOUND),
        ("mail naar iemand@example.org", EMAIL_FOUND),
        ("Jan Jansen zei het al", NAME_FOUND),
        ("Ik sprak Fatima de Vries", NAME_FOUND),
        ("De Tweede Kamer moet meer doen.", ""),
        ("Het is in Den Haag besloten, door de Europese Unie gesteund.", ""),
        ("De overheid moet transparant zijn. Burgers moeten meedoen.", ""),
        ("Jan zei het", ""),  # a first name alone names nobody
        ("In 2025 waren er 300 meldingen", ""),
    ],
)
def test_personal_data_is_found_and_ordinary_sentences_pass(text, found):
    assert personal_data_found(text) == found
