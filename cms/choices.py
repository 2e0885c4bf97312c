"""The fixed vocabularies of what is taught. Values are stable identifiers; labels are what users read."""

from django.db import models


class Audience(models.TextChoices):
    STUDENTS_LOWER = "students_lower", "Leerlingen onderbouw (12–14 jaar)"
    STUDENTS_UPPER = "students_upper", "Leerlingen bovenbouw (15–18 jaar)"
    PARENTS = "parents", "Ouders"
    OLDER_ADULTS = "older_adults", "Ouderen"
    GROUPS = "groups", "Groepen in bibliotheek of buurthuis"


class Category(models.TextChoices):
    OPINION = "opinion", "Mening"
    THREAT = "threat", "Dreiging"
    DISORDER = "disorder", "Oproep tot ordeverstoring"


class SourceType(models.TextChoices):
    PRIVATE = "private", "Privépersoon"
    INFLUENCER = "influencer", "Influencer"
    COMPANY = "company", "Bedrijf"
    NEWS = "news", "Nieuwsmedium"
    GOVERNMENT = "government", "Overheid"
    ANONYMOUS = "anonymous", "Anoniem account"
    SATIRE = "satire", "Satire-account"


class Platform(models.TextChoices):
    CHAT = "chat", "Groepsapp"
    VIDEO = "video", "Video-app"
    MICROBLOG = "microblog", "Korte berichten"
    FORUM = "forum", "Forum"


class Signal(models.TextChoices):
    TIME = "time", "Tijd"
    PLACE = "place", "Plaats"
    TARGET = "target", "Doelwit"
    MEANS = "means", "Middel"
    CALL = "call", "Oproep aan anderen"


class Response(models.TextChoices):
    IGNORE = "ignore", "Niets doen"
    REPLY_CALMLY = "reply_calmly", "Rustig reageren"
    DONT_FORWARD = "dont_forward", "Niet doorsturen"
    REPORT_PLATFORM = "report_platform", "Melden bij het platform"
    REPORT_HOTLINE = "report_hotline", "Melden bij een meldpunt"
    REPORT_POLICE = "report_police", "Melden bij de politie"
    TALK_TO_SOMEONE = "talk_to_someone", "Praten met iemand die je vertrouwt"


class Offence(models.TextChoices):
    NONE = "", "Geen strafbaar feit"
    OPRUIING = "opruiing", "Opruiing"
    BEDREIGING = "bedreiging", "Bedreiging"
    HAATZAAIEN = "haatzaaien", "Haatzaaien"
    GROEPSBELEDIGING = "groepsbelediging", "Groepsbelediging"
    DOXING = "doxing", "Doxing"
    OPENLIJKE_GEWELDPLEGING = "openlijke-geweldpleging", "Openlijke geweldpleging"
    BELEDIGING = "belediging", "Belediging"


class TestForm(models.TextChoices):
    """Which parallel test form a post belongs to (the `measurement` app). Blank: a practice post, never tested."""

    NONE = "", "Oefenbericht (geen toets)"
    A = "A", "Toetsvorm A"
    B = "B", "Toetsvorm B"
    C = "C", "Toetsvorm C"


class Difficulty(models.IntegerChoices):
    EASY = 1, "Makkelijk"
    MEDIUM = 2, "Gemiddeld"
    HARD = 3, "Moeilijk"


class Competence(models.TextChoices):
    """Mediawijsheid Competentiemodel 2021 (Netwerk Mediawijsheid)."""

    NONE = "", "—"
    BEDIENEN = "bedienen", "Bedienen"
    EXPLOREREN = "exploreren", "Exploreren"
    VINDEN = "vinden", "Vinden"
    CREEREN = "creeren", "Creëren"
    VERBINDEN = "verbinden", "Verbinden"
    DISCUSSIEREN = "discussieren", "Discussiëren"
    DOORGRONDEN = "doorgronden", "Doorgronden"
    REFLECTEREN = "reflecteren", "Reflecteren"


class SloGoal(models.TextChoices):
    """The curriculum goal a lesson goal serves (cms/content/SCHEMA.md, "Curriculum identifiers").

    The kerndoelen onderbouw vo (2006, Mens & Maatschappij) are in force; the concept-kerndoelen digitale
    geletterdheid (6 March 2024, numbered 1-9) and burgerschap are concepts until anchored in law. The first four
    values are the first edition's and stay as they are; their labels carry the concept goal's number.
    """

    NONE = "", "—"
    MEDIA_INFORMATION = (
        "digitale-media-en-informatie",
        "Digitale media en informatie (concept-kerndoel digitale geletterdheid 2)",
    )
    SAFETY_PRIVACY = "veiligheid-en-privacy", "Veiligheid en privacy (concept-kerndoel digitale geletterdheid 3)"
    SELF_OTHERS = (
        "technologie-jezelf-en-de-ander",
        "Digitale technologie, jezelf en de ander (concept-kerndoel digitale geletterdheid 8)",
    )
    SOCIETY_WORLD = (
        "technologie-samenleving-en-wereld",
        "Digitale technologie, de samenleving en de wereld (concept-kerndoel digitale geletterdheid 9)",
    )
    KERNDOEL_36 = "kerndoel-36", "Kerndoel 36 (onderbouw vo): maatschappelijke kwesties, standpunt, kritiek"
    KERNDOEL_43 = "kerndoel-43", "Kerndoel 43 (onderbouw vo): respect voor elkaars opvattingen en leefwijzen"
    KERNDOEL_44 = "kerndoel-44", "Kerndoel 44 (onderbouw vo): de democratie en hoe mensen meedoen"
    BURGERSCHAP_B = "burgerschap-b", "Burgerschap (concept), domein B: handelen en democratische waarden"


# The 1–5 scale of concreteness and reach (step 2 of the exercise, and the reference placement of every post).
SCALE_MIN, SCALE_MAX = 1, 5
SCALE_VALUES = range(SCALE_MIN, SCALE_MAX + 1)
SCALE = [(n, str(n)) for n in SCALE_VALUES]
