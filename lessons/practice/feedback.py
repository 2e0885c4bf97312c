"""The feedback a learner reads after each step, built from a post's answer key and the learner's choices.

Pure functions, no database: the same feedback serves an exercise set (answers stored) and a post embedded in a
lesson (nothing stored). Every sentence here is read by learners from 12 to 85, so it is plain Dutch (B1).
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cms.choices import SCALE_VALUES, Category, Offence, Response, Signal
from cms.models import Scenario

HARMFUL = frozenset({Category.THREAT, Category.DISORDER})

CATEGORY_MEANING = {
    Category.OPINION: "Iemand zegt wat hij vindt, ook als dat hard of kwetsend is. Dat mag.",
    Category.THREAT: "Iemand dreigt een persoon of groep iets ergs aan te doen, zoals geweld.",
    Category.DISORDER: "Iemand roept anderen op om samen iets te doen dat niet mag, zoals rellen of geweld.",
}

SIGNAL_HINTS = {
    Signal.TIME: "Wanneer? Een dag of een tijd.",
    Signal.PLACE: "Waar? Een plek die je kunt vinden.",
    Signal.TARGET: "Wie? Een persoon of groep die je kunt aanwijzen.",
    Signal.MEANS: "Waarmee? Bijvoorbeeld vuurwerk, stenen of een wapen.",
    Signal.CALL: "Roept het bericht anderen op om mee te doen of het door te sturen?",
}

# The offence in plain words; the glossary (/woordenlijst/#<value>) explains it further.
OFFENCE_PLAIN = {
    Offence.OPRUIING: "Anderen in het openbaar oproepen om iets strafbaars te doen, of om geweld te gebruiken "
    "tegen de politie of de overheid. In de wet is het oproepen zelf het strafbare feit.",
    Offence.BEDREIGING: "Iemand dreigen met een ernstig misdrijf, zoals geweld. Het telt als de ander daar met "
    "reden bang van kan worden. Of die persoon ook echt bang was, maakt niet uit.",
    Offence.HAATZAAIEN: "In het openbaar oproepen tot haat, discriminatie of geweld tegen mensen, omdat ze een "
    "bepaald geloof, een bepaalde huidskleur of een bepaalde seksuele voorkeur hebben, of een handicap.",
    Offence.GROEPSBELEDIGING: "In het openbaar met opzet een groep mensen beledigen om hun ras, geloof, "
    "seksuele voorkeur of handicap.",
    Offence.DOXING: "Iemands persoonlijke gegevens, zoals een adres, verzamelen of verspreiden om die persoon "
    "bang te maken of ernstig te hinderen.",
    Offence.OPENLIJKE_GEWELDPLEGING: "Samen met anderen in het openbaar geweld gebruiken tegen mensen of spullen.",
    Offence.BELEDIGING: "Iemand met opzet beledigen. Kritiek op hoe een bestuurder zijn werk doet, is meestal "
    "geen belediging.",
}
NO_OFFENCE = (
    "Dit is geen strafbaar feit. Een mening mag, ook als die hard, boos of onaardig is. Zo werkt de vrijheid "
    "van meningsuiting."
)
OFFENCE_UNSURE = "Of dit strafbaar is, hangt af van de situatie. Lees de uitleg hierboven."

CONCRETENESS_LABELS = {1: "Heel vaag", 2: "Vaag", 3: "Een beetje concreet", 4: "Concreet", 5: "Heel concreet"}
REACH_LABELS = {
    1: "Heel weinig mensen",
    2: "Weinig mensen",
    3: "Een flinke groep",
    4: "Veel mensen",
    5: "Heel veel mensen",
}

# Why a response fits, or fits less, for each kind of post: (fits, fits less). The post's own response_note
# follows these generic reasons and says what is special about that post.
RESPONSE_REASONS: dict[tuple[str, str], tuple[str, str]] = {
    (Response.IGNORE, Category.OPINION): (
        "Een mening mag, ook als je het er niet mee eens bent. Je hoeft er niets mee te doen.",
        "Je kunt het laten gaan, maar bij dit bericht kun je beter iets doen.",
    ),
    (Response.IGNORE, Category.THREAT): (
        "Is de dreiging heel vaag en ken je de afzender niet? Dan kan laten gaan soms genoeg zijn.",
        "Een dreiging laat je niet zomaar liggen. Iemand kan echt gevaar lopen of bang worden.",
    ),
    (Response.IGNORE, Category.DISORDER): (
        "Niet reageren geeft een vage oproep geen extra aandacht.",
        "Een oproep om iets te doen dat niet mag, laat je niet liggen. Als niemand iets doet, kan het echt gebeuren.",
    ),
    (Response.REPLY_CALMLY, Category.OPINION): (
        "Ben je het er niet mee eens? Zeg dat rustig en zonder te schelden. Zo blijft het gesprek open.",
        "Reageren mag, maar het helpt hier weinig. Een ruzie in de reacties geeft het bericht ook meer bereik.",
    ),
    (Response.REPLY_CALMLY, Category.THREAT): (
        "Rustig zeggen dat dit niet oké is, kan helpen. Doe dat alleen als je je veilig voelt.",
        "Op een dreiging reageer je liever niet zelf. Je kunt het erger maken of zelf doelwit worden.",
    ),
    (Response.REPLY_CALMLY, Category.DISORDER): (
        "In een kleine groep die je kent, kun je rustig zeggen dat je niet meedoet, en waarom.",
        "Een reactie geeft de oproep meer aandacht. En in een grote of anonieme groep luistert bijna niemand.",
    ),
    (Response.DONT_FORWARD, Category.OPINION): (
        "Twijfel je of het klopt, of is het gemeen? Stuur het dan niet door. Zo help je het niet verder.",
        "Een mening mag je doorsturen. Dit bericht hoef je niet tegen te houden.",
    ),
    (Response.DONT_FORWARD, Category.THREAT): (
        "Stuur een dreiging niet door. Dan zien meer mensen het, en wordt het erger voor wie bedreigd wordt.",
        "Niet doorsturen is goed, maar bij dit bericht is iets anders belangrijker.",
    ),
    (Response.DONT_FORWARD, Category.DISORDER): (
        "Wie een oproep doorstuurt, helpt mee aan het bereik. Ook doorsturen kan strafbaar zijn.",
        "Niet doorsturen is goed, maar bij dit bericht is iets anders belangrijker.",
    ),
    (Response.REPORT_PLATFORM, Category.OPINION): (
        "Is het bericht kwetsend of gemeen? Dan kun je het melden. Het platform kijkt of het tegen de regels is.",
        "Een mening die je niet leuk vindt, is nog geen reden om te melden. Meningen mogen.",
    ),
    (Response.REPORT_PLATFORM, Category.THREAT): (
        "Het platform kan het bericht weghalen en het account blokkeren.",
        "Melden bij het platform kan, maar bij dit bericht past iets anders beter.",
    ),
    (Response.REPORT_PLATFORM, Category.DISORDER): (
        "Het platform kan de oproep weghalen voordat nog meer mensen hem zien.",
        "Melden bij het platform kan, maar bij dit bericht past iets anders beter.",
    ),
    (Response.REPORT_HOTLINE, Category.OPINION): (
        "Gaat het bericht over een groep mensen, om hun afkomst, geloof of geaardheid? Dan kan een meldpunt "
        "discriminatie kijken of het te ver gaat.",
        "Een mening is geen zaak voor een meldpunt. Meldpunten zijn voor discriminatie, misdrijven of online misbruik.",
    ),
    (Response.REPORT_HOTLINE, Category.THREAT): (
        "Durf je niet naar de politie, bijvoorbeeld omdat je de schrijver kent? Bel Meld Misdaad Anoniem: "
        "0800-7000. Word je zelf online bedreigd of gechanteerd? Helpwanted helpt, gratis en anoniem.",
        "Een meldpunt kan, maar bij deze dreiging past iets anders beter.",
    ),
    (Response.REPORT_HOTLINE, Category.DISORDER): (
        "Roept het bericht op tot haat of geweld tegen mensen om wie ze zijn? Meld het ook bij een meldpunt "
        "discriminatie. Durf je niet op je eigen naam? Bel Meld Misdaad Anoniem: 0800-7000.",
        "Een meldpunt kan, maar bij deze oproep past iets anders beter.",
    ),
    (Response.REPORT_POLICE, Category.OPINION): (
        "Bij een mening is de politie bijna nooit nodig. Lees de uitleg bij dit bericht.",
        "Een mening is niet strafbaar. De politie doet daar niets mee.",
    ),
    (Response.REPORT_POLICE, Category.THREAT): (
        "Een echte dreiging kun je melden bij de politie: 0900-8844. Is er nu gevaar? Bel dan 112.",
        "Deze dreiging is te vaag voor de politie. Houd het wel in de gaten en praat erover.",
    ),
    (Response.REPORT_POLICE, Category.DISORDER): (
        "Staan er een tijd en een plek in? Meld het bij de politie: 0900-8844. Bel 112 alleen bij acuut gevaar.",
        "Deze oproep is nog vaag. Melden bij het platform past beter.",
    ),
    (Response.TALK_TO_SOMEONE, Category.OPINION): (
        "Zit het bericht je dwars? Praat erover met iemand die je vertrouwt.",
        "Praten kan altijd. Maar bij dit bericht is het niet echt nodig.",
    ),
    (Response.TALK_TO_SOMEONE, Category.THREAT): (
        "Een dreiging kan je bang maken, ook als die niet voor jou is. Praat erover met iemand die je vertrouwt.",
        "Praten kan altijd. Maar bij dit bericht is iets anders belangrijker.",
    ),
    (Response.TALK_TO_SOMEONE, Category.DISORDER): (
        "Voel je druk om mee te doen, of weet je niet wat je moet doen? Praat erover met iemand die je vertrouwt.",
        "Praten kan altijd. Maar bij dit bericht is iets anders belangrijker.",
    ),
}


# (chosen by the learner, fits this post) -> what the learner reads
RESPONSE_STATUS = {
    (True, True): "Past goed",
    (True, False): "Past minder",
    (False, True): "Had ook gepast",
    (False, False): "Past minder",
}


# ---------------------------------------------------------------------------------------------------- choices


@dataclass(frozen=True)
class Choices:
    """What a learner chose for one post so far; None means that step is still open."""

    category: str | None = None
    concreteness: int | None = None
    reach: int | None = None
    responses: tuple[str, ...] | None = None
    partner_category: str | None = None  # "samen oefenen": the second person's step 1

    @property
    def open_step(self) -> int | None:
        """The step the learner does next: 1, 2 or 3, or None when the post is done."""
        if self.category is None:
            return 1
        if self.concreteness is None:
            return 2
        if self.responses is None:
            return 3
        return None


# ---------------------------------------------------------------------------------------------------- signals


def highlight_signals(text: str, signals: list[dict]) -> SafeString:
    """The post's text, escaped, with each signal quote wrapped in <mark> and labelled with its kind.

    A quote is found exactly, else without regard to case; a quote that overlaps an earlier one, or is not in the
    text, is not marked (it still shows in the list of signals).
    """
    text = text.strip("\n")
    labels = dict(Signal.choices)
    spans: list[tuple[int, int, str]] = []
    for signal in signals:
        quote = signal["quote"]
        start = text.find(quote) if quote else -1
        if start < 0 and quote:
            start = text.lower().find(quote.lower())
        if start >= 0:
            spans.append((start, start + len(quote), signal["kind"]))
    spans.sort(key=lambda span: (span[0], -span[1]))

    parts, position = [], 0
    for start, end, kind in spans:
        if start < position:
            continue  # overlaps a quote already marked
        label = escape(labels.get(kind, kind))
        parts.append(_plain(text[position:start]))
        parts.append(
            f'<mark class="signal signal--{escape(kind)}">'
            f'<span class="visually-hidden">Signaal {label.lower()}: </span>{_plain(text[start:end])}'
            f'<span class="signal__tag" aria-hidden="true">{label}</span></mark>'
        )
        position = end
    parts.append(_plain(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the post's text went through escape()


def _plain(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>")


# ---------------------------------------------------------------------------------------------------- feedback


@dataclass(frozen=True)
class SignalRow:
    kind: str
    label: str
    hint: str
    quotes: list[str]


@dataclass(frozen=True)
class CategoryFeedback:
    is_correct: bool
    chosen_label: str
    correct_label: str
    headline: str
    explanation: str
    signals: list[SignalRow]
    signal_count: int
    offence_value: str
    offence_label: str
    offence_plain: str
    grey_area_note: str
    highlighted_text: SafeString
    # For the sets for parents and older adults (item.html decides by the set's audience): the explanation without
    # article numbers, one sentence a paragraph, and the legal references for "Meer weten".
    plain_sentences: tuple[str, ...] = ()
    legal_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AxisFeedback:
    name: str
    yours: int
    yours_label: str
    ours: int
    ours_label: str
    verdict: str
    is_close: bool


@dataclass(frozen=True)
class GridCell:
    concreteness: int
    reach: int
    yours: bool
    ours: bool


@dataclass(frozen=True)
class PlacementFeedback:
    axes: list[AxisFeedback]
    placement_note: str
    reach_note: str
    grid: list[list[GridCell]]
    is_close: bool


@dataclass(frozen=True)
class ResponseRow:
    value: str
    label: str
    chosen: bool
    fits: bool
    status: str
    reason: str


@dataclass(frozen=True)
class ResponsesFeedback:
    rows: list[ResponseRow]
    headline: str
    response_note: str


@dataclass(frozen=True)
class ItemFeedback:
    category: CategoryFeedback | None = None
    placement: PlacementFeedback | None = None
    responses: ResponsesFeedback | None = None
    together: "TogetherFeedback | None" = None


@dataclass(frozen=True)
class TogetherFeedback:
    """Step 1 when two practise together: both choices side by side, and a question to talk about."""

    first_label: str
    first_right: bool
    second_label: str
    second_right: bool
    question: str


TOGETHER_QUESTIONS = {
    "same": "Jullie kozen hetzelfde. Welk woord in het bericht gaf voor jullie de doorslag?",
    "different": "Jullie kozen iets anders. Vertel elkaar waarom. Wat zag de een wel en de ander niet?",
}


def together_feedback(scenario: Scenario, choices: Choices) -> TogetherFeedback | None:
    if choices.category is None or choices.partner_category is None:
        return None
    labels = dict(Category.choices)
    same = "same" if choices.category == choices.partner_category else "different"
    return TogetherFeedback(
        first_label=labels[choices.category],
        first_right=choices.category == scenario.category,
        second_label=labels[choices.partner_category],
        second_right=choices.partner_category == scenario.category,
        question=TOGETHER_QUESTIONS[same],
    )


def item_feedback(scenario: Scenario, choices: Choices) -> ItemFeedback:
    category = category_feedback(scenario, choices.category) if choices.category else None
    placement = (
        placement_feedback(scenario, choices.concreteness, choices.reach)
        if choices.concreteness is not None and choices.reach is not None
        else None
    )
    responses = responses_feedback(scenario, choices.responses) if choices.responses is not None else None
    together = together_feedback(scenario, choices)
    return ItemFeedback(category=category, placement=placement, responses=responses, together=together)


def category_feedback(scenario: Scenario, chosen: str) -> CategoryFeedback:
    labels = dict(Category.choices)
    is_correct = chosen == scenario.category
    correct_label = labels[scenario.category]
    if is_correct:
        headline = f"Goed! Dit is een {correct_label.lower()}."
    else:
        headline = f"Niet goed. Je koos: {labels[chosen].lower()}. Maar dit is een {correct_label.lower()}."
    signal_rows = signal_checklist(scenario.signal_list)
    offence = scenario.offence or ""
    if offence:
        offence_plain = OFFENCE_PLAIN.get(offence, "")
    else:
        offence_plain = NO_OFFENCE if scenario.category == Category.OPINION else OFFENCE_UNSURE
    return CategoryFeedback(
        is_correct=is_correct,
        chosen_label=labels[chosen],
        correct_label=correct_label,
        headline=headline,
        explanation=scenario.explanation,
        signals=signal_rows,
        signal_count=sum(1 for row in signal_rows if row.quotes),
        offence_value=offence,
        offence_label=dict(Offence.choices).get(offence, "") if offence else "",
        offence_plain=offence_plain,
        grey_area_note=(scenario.grey_area_note or "") if scenario.grey_area else "",
        highlighted_text=highlight_signals(scenario.text, scenario.signal_list),
        **dict(zip(("plain_sentences", "legal_notes"), plain_first(scenario.explanation), strict=True)),
    )


LEGAL = re.compile(r"\b(artikel(en)?|art\.|EVRM|Wetboek|Grondwet|lid \d|Sr)\b")
LEGAL_BRACKETS = re.compile(r"\s*\(([^()]*)\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9„\"'(])")


def plain_first(explanation: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split an explanation into plain sentences and legal references, so plain-language sets say the point first
    and put article numbers behind "Meer weten". A reference in brackets moves out of its sentence; a sentence that
    is itself about an article (\"Dat staat in artikel 7 van de Grondwet …\") moves whole."""
    plain, legal = [], []
    for sentence in SENTENCE_END.split(" ".join(explanation.split())):

        def move(match: re.Match) -> str:
            if LEGAL.search(match.group(1)):
                if " " in match.group(1).strip():  # a bare abbreviation such as "(EVRM)" just goes
                    legal.append(match.group(1).strip())
                return ""
            return match.group(0)

        sentence = LEGAL_BRACKETS.sub(move, sentence).strip()
        sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence)
        if not sentence:
            continue
        (legal if LEGAL.search(sentence) else plain).append(sentence)
    return tuple(plain), tuple(legal)


def signal_checklist(signals: list[dict]) -> list[SignalRow]:
    """All five kinds of signal, each with the words of this post that show it (none: the signal is absent)."""
    return [
        SignalRow(
            kind=kind,
            label=label,
            hint=SIGNAL_HINTS[kind],
            quotes=[signal["quote"] for signal in signals if signal["kind"] == kind],
        )
        for kind, label in Signal.choices
    ]


def placement_feedback(scenario: Scenario, concreteness: int, reach: int) -> PlacementFeedback:
    axes = [
        _axis(
            "Concreetheid",
            concreteness,
            scenario.concreteness,
            CONCRETENESS_LABELS,
            more="Jij vond het bericht concreter dan wij.",
            less="Jij vond het bericht vager dan wij.",
        ),
        _axis(
            "Bereik",
            reach,
            scenario.reach,
            REACH_LABELS,
            more="Jij schatte het bereik groter in dan wij.",
            less="Jij schatte het bereik kleiner in dan wij.",
        ),
    ]
    yours, ours = (concreteness, reach), (scenario.concreteness, scenario.reach)
    grid = [  # rows from the largest reach down, so "more people" is at the top
        [GridCell(c, r, yours=(c, r) == yours, ours=(c, r) == ours) for c in SCALE_VALUES]
        for r in reversed(SCALE_VALUES)
    ]
    return PlacementFeedback(
        axes=axes,
        placement_note=scenario.placement_note,
        reach_note=scenario.reach_note,
        grid=grid,
        is_close=all(axis.is_close for axis in axes),
    )


def _axis(name: str, yours: int, ours: int, labels: dict[int, str], *, more: str, less: str) -> AxisFeedback:
    difference = yours - ours
    if difference == 0:
        verdict = "Precies dezelfde plek als wij."
    elif abs(difference) == 1:
        verdict = "Bijna dezelfde plek als wij."
    else:
        verdict = more if difference > 0 else less
    return AxisFeedback(
        name=name,
        yours=yours,
        yours_label=labels[yours],
        ours=ours,
        ours_label=labels[ours],
        verdict=verdict,
        is_close=abs(difference) <= 1,
    )


def responses_feedback(scenario: Scenario, chosen: tuple[str, ...] | list[str]) -> ResponsesFeedback:
    fitting = set(scenario.responses)
    rows = []
    for value, label in Response.choices:
        fits, is_chosen = value in fitting, value in chosen
        status = RESPONSE_STATUS[(is_chosen, fits)]
        why_fits, why_less = RESPONSE_REASONS[(value, scenario.category)]
        rows.append(
            ResponseRow(
                value=value,
                label=label,
                chosen=is_chosen,
                fits=fits,
                status=status,
                reason=why_fits if fits else why_less,
            )
        )
    rows.sort(key=lambda row: not row.chosen)  # the learner's own choices first
    good = sum(1 for row in rows if row.chosen and row.fits)
    less = sum(1 for row in rows if row.chosen and not row.fits)
    if less == 0 and good == len(fitting):
        headline = "Heel goed! Je koos alles wat past."
    elif less == 0:
        headline = "Goed gekozen. Er past nog meer, kijk hieronder."
    elif good:
        headline = "Een deel past goed. Niet alles wat je koos past even goed."
    else:
        headline = "Wat je koos, past minder goed bij dit bericht. Kijk hieronder wat beter past."
    return ResponsesFeedback(rows=rows, headline=headline, response_note=scenario.response_note)


# ---------------------------------------------------------------------------------------------------- summary

DISCERNMENT_MESSAGES = {
    "good": "Je ziet het verschil goed. Je herkent gevaar, en je laat een mening een mening.",
    "too_strict": (
        "Je bent streng. Je zag soms gevaar in een bericht dat een mening was. Een mening mag hard en onaardig "
        "zijn. Het wordt pas een dreiging of een oproep als er een doelwit, een tijd, een plek, een middel of "
        "een oproep aan anderen in staat."
    ),
    "too_mild": (
        "Je bent mild. Je zag soms een dreiging of een oproep aan voor een mening. Let goed op een doelwit, een "
        "tijd, een plek, een middel en een oproep aan anderen."
    ),
    "mixed": "Het verschil zien is soms lastig. Lees de uitleg bij de berichten nog eens, en oefen nog een keer.",
    "one_sided": (
        "In deze oefening zaten nog niet genoeg verschillende berichten om beide kanten te meten. Doe meer "
        "berichten, dan zie je hier meer."
    ),
}
