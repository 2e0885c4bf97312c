"""Find personal data in free text that will be shown to a room or printed in a report (a comment, a dialogue card).

Participants are anonymous, so a text that names a phone number, an e-mail address or someone's full name is
refused with a Dutch message that says what to leave out, rather than stored and shown on a projector. The check is
deliberately simple and errs on the side of refusing: a participant can always rewrite a sentence. A full name is a
pair of capitalised words ("Jan Jansen", "Fatima de Vries"), except well-known names of places,
institutions and parties (KNOWN_PAIRS), which are not about a private person.
"""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# Dutch mobile and landline numbers in their usual spellings (06-12345678, +31 6 1234 5678, 010 123 45 67), and any
# run of nine or more digits with spaces or dashes between them.
PHONE = re.compile(r"(?<!\w)(\+|00)?\d(?:[\s-]?\d){8,}(?!\w)")
NAME_PARTICLES = r"(?:(?:van|de|der|den|het|ter|ten|te|el|al|bin|ben)\s+){0,3}"
FULL_NAME = re.compile(rf"\b([A-Z][a-zà-ÿ]+)\s+{NAME_PARTICLES}([A-Z][a-zà-ÿ]{{2,}})\b")
# Capitalised pairs that name no private person; extend when a real sentence is refused wrongly.
_KNOWN = (
    "Tweede Eerste Kamer Den Haag Nederland Europa Europese Unie Sociale Media Openbaar Ministerie "
    "Autoriteit Consument Markt Verenigde Staten Staten Generaal Digitale Diensten Nieuwe Nationale "
    "Politie Raad State Rijksoverheid Amsterdam Rotterdam Utrecht Groningen Eindhoven Tilburg Almere "
    "Breda Nijmegen Arnhem Zwolle Leeuwarden Maastricht Haarlem Leiden Delft Noord Zuid Oost West "
    "Holland Brabant Limburg Gelderland Friesland Zeeland Drenthe Overijssel Flevoland Facebook "
    "Instagram Google Meta Tiktok TikTok Youtube YouTube Telegram Whatsapp WhatsApp Twitter Snapchat "
    "China Amerika Rusland Universiteit Hogeschool Burgerdialoog Mediawijsheid Netwerk Koning Koningsdag "
    "Bibliotheek Gemeente Provincie Ministerie Justitie Veiligheid Binnenlandse Zaken Ik Wij We Zij Je "
    "Jij Hij Het De Een Dit Dat Als Maar En Of Want Dus Ook Niet Geen "
)
KNOWN_WORDS = frozenset(_KNOWN.split())

EMAIL_FOUND = "Laat het e-mailadres weg. Alles wat je schrijft is anoniem."
PHONE_FOUND = "Laat het telefoonnummer weg. Alles wat je schrijft is anoniem."
NAME_FOUND = "Noem geen namen van mensen. Schrijf bijvoorbeeld ‘een buurman’ of ‘een politicus’."


def personal_data_found(text: str) -> str:
    """A Dutch message naming the personal data in `text`, or "" when there is none to see."""
    if EMAIL.search(text):
        return EMAIL_FOUND
    if PHONE.search(text):
        return PHONE_FOUND
    for match in FULL_NAME.finditer(text):
        if match.group(1) not in KNOWN_WORDS and match.group(2) not in KNOWN_WORDS:
            return NAME_FOUND
    return ""
