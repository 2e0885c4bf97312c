"""Pass phrases for students: four short Dutch words, easy to read aloud and to type on a phone."""

import secrets

# Short, common Dutch words that are easy to read aloud and to type on a phone (no accents, no look-alikes).
_WORDS = """
appel bank beer berg bloem boom boot brood brug bus dak das deur dier dorp duif eend egel ei emmer fiets fluit
gans geit gitaar glas gras haas hamer hart hek hond honing hoed huis ijs jas kaas kam kast kat kerk kip klok knop
koe kom kool kroon kunst lamp leeuw lepel lucht maan mand markt mees melk mier mol muis muur neus noot oor oven
paard pad pan pen peer pet pijl pizza plant pop raam regen ring rivier roos schip school sjaal slak sok spin ster
stoel storm strand tafel tak tas tent thee tijger tomaat toren trein tuin uil vaas veer vis vlag vlinder vogel
vork vos vuur wolk worm zaag zand zee zeep zon zwaan
"""
PASSPHRASE_WORDS = tuple(_WORDS.split())
PASSPHRASE_LENGTH = 4  # 4 words from ~130: about 28 bits, enough behind the login throttle


def new_passphrase() -> str:
    return "-".join(secrets.choice(PASSPHRASE_WORDS) for _ in range(PASSPHRASE_LENGTH))


def normalise_passphrase(raw: str) -> str:
    """Spaces or dashes between the words, any capitals: all the same pass phrase."""
    return "-".join(raw.lower().replace("-", " ").split())
