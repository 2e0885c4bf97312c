"""What the papers say, gathered in one place so the page and the .docx cannot tell different stories."""

from dataclasses import dataclass

from django.conf import settings

from accounts import login
from core.privacy import Group, inventory


@dataclass(frozen=True)
class Measure:
    title: str
    text: str


def subprocessors() -> list[list[str]]:
    """Each configured subprocessor as [name, what, where]; an empty list means none (the default)."""
    rows = []
    for item in settings.PRIVACY_SUBPROCESSORS:
        parts = [part.strip() for part in item.split("|")] + ["", ""]
        rows.append(parts[:3])
    return rows


def bijsluiter_groups() -> list[Group]:
    return inventory()


def security_measures() -> list[Measure]:
    minutes = login.THROTTLE_SECONDS // 60
    limits = getattr(login, "LIMITS", {})  # per purpose, when accounts/login.py has them
    per_address = (
        f" Per internetadres gelden ruimere grenzen ({limits['teacher'].per_address} voor docenten, "
        f"{limits['student'].per_address} voor leerlingen), zodat een hele school achter één adres gewoon kan werken."
        if {"teacher", "student"} <= set(limits)
        else ""
    )
    return [
        Measure(
            "Inloggen en pogingen beperken",
            f"Na {login.THROTTLE_LIMIT} verkeerde pogingen op één account in {minutes} minuten kan dat account "
            f"even niet inloggen.{per_address} Wachtwoorden en wachtzinnen worden alleen versleuteld (als hash) "
            "bewaard.",
        ),
        *_school_sign_in(),
        Measure(
            "Logboek van beveiliging",
            "Mislukte inlogpogingen, geweigerde toegang en te veel pogingen komen in een apart logboek. Daarin "
            "staan nooit wachtwoorden, wachtzinnen, klascodes, e-mailadressen of sessiecodes: een account staat "
            "er alleen als een korte, onomkeerbare code in.",
        ),
        Measure(
            "Versleutelde verbinding",
            "De site werkt alleen via HTTPS (TLS). De browser krijgt de opdracht om nooit zonder versleuteling "
            "te verbinden (HSTS). Cookies gaan alleen over een versleutelde verbinding.",
        ),
        Measure(
            "Geen andere websites",
            "Pagina's laden niets van andere servers: geen lettertypes, scripts, statistieken of advertenties. "
            "Een strenge Content Security Policy dwingt dat af.",
        ),
        Measure(
            "Waar de gegevens staan",
            f"De database en de back-ups staan {settings.PRIVACY_DATA_LOCATION}. "
            + ("Er zijn geen subverwerkers." if not subprocessors() else "Subverwerkers: zie de bijsluiter."),
        ),
        Measure(
            "Back-ups",
            "Er wordt een volledige back-up van de database gemaakt, die bij het terugzetten eerst in een nieuwe, "
            "lege database komt. Een geautomatiseerde test zet elke keer een back-up terug en vergelijkt alles.",
        ),
        Measure(
            "Wissen",
            f"Een docent kan een leerling of een klas met alles erin wissen. Een klas die "
            f"{settings.ARCHIVED_CLASS_RETENTION_DAYS} dagen gearchiveerd is, wordt vanzelf gewist. Oefenen zonder "
            f"account wordt na {settings.ANONYMOUS_ATTEMPT_RETENTION_DAYS} dagen gewist, de code van een deelnemer "
            "aan een dialoogavond na 30 dagen. Dat gebeurt elke dag automatisch.",
        ),
        Measure(
            "Alleen eigen gegevens zien",
            "Een docent ziet alleen de eigen klassen en leerlingen; een leerling alleen het eigen werk. Elke "
            "pagina controleert dat, en de tests proberen het elke keer met een andere docent en een andere "
            "leerling.",
        ),
        Measure(
            "Exporteren",
            "Een docent kan de resultaten van een klas downloaden (CSV per opdracht, JSON met alles), bijvoorbeeld "
            "voor een verzoek om inzage.",
        ),
    ]


def _school_sign_in() -> list[Measure]:
    """Only when a school sign-in is switched on (accounts/sso): what it keeps and what it checks."""
    doors = [
        name
        for name, on in (("Entree", settings.SSO_ENTREE_METADATA), ("Microsoft", settings.SSO_MICROSOFT_CLIENT_ID))
        if on
    ]
    if not doors:
        return []
    tenants = (
        " Met Microsoft kunnen alleen docenten inloggen van scholen die de beheerder heeft toegelaten."
        if settings.SSO_MICROSOFT_CLIENT_ID
        else ""
    )
    return [
        Measure(
            "Inloggen met een schoolaccount",
            f"Inloggen kan ook met het account van school ({' en '.join(doors)}). De site bewaart daarvan alleen "
            "een onomkeerbaar versleutelde code, of iemand leerling of medewerker is en de code van de school; "
            "geen naam, e-mailadres of ECK iD. Elke inlog wordt gecontroleerd: ondertekend, voor deze site, op "
            f"tijd en maar één keer te gebruiken. Een geweigerde inlog komt in het logboek.{tenants}",
        )
    ]
