"""The three steps' inputs. Field names are Dutch because they show in addresses (the embedded post uses GET)."""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from cms.choices import SCALE, Category, Response

from .feedback import Choices
from .services import STEP_1_FIRST, STEP_2_FIRST

STEP_FIELDS = {1: ("soort",), 2: ("concreetheid", "bereik"), 3: ("actie",)}


class CategoryForm(forms.Form):
    soort = forms.ChoiceField(
        choices=Category.choices,
        error_messages={
            "required": "Kies wat voor bericht dit is: mening, dreiging of oproep tot ordeverstoring.",
            "invalid_choice": "Dat antwoord kennen we niet. Kies mening, dreiging of oproep tot ordeverstoring.",
        },
    )


class PlacementForm(forms.Form):
    concreetheid = forms.TypedChoiceField(
        choices=SCALE,
        coerce=int,
        error_messages={
            "required": "Kies hoe concreet het bericht is: een getal van 1 tot en met 5.",
            "invalid_choice": "Kies voor concreetheid een getal van 1 tot en met 5.",
        },
    )
    bereik = forms.TypedChoiceField(
        choices=SCALE,
        coerce=int,
        error_messages={
            "required": "Kies hoeveel mensen het bericht bereikt: een getal van 1 tot en met 5.",
            "invalid_choice": "Kies voor bereik een getal van 1 tot en met 5.",
        },
    )


class ResponsesForm(forms.Form):
    actie = forms.MultipleChoiceField(
        choices=Response.choices,
        error_messages={
            "required": "Kies minstens één ding dat jij zou doen. Je mag er ook meer kiezen.",
            "invalid_choice": "Dat antwoord kennen we niet. Kies uit de zes mogelijkheden.",
        },
    )

    def clean_actie(self) -> tuple[str, ...]:
        chosen = set(self.cleaned_data["actie"])
        return tuple(value for value in Response.values if value in chosen)  # a stable order, no repeats


STEP_FORMS: dict[int, type[forms.Form]] = {1: CategoryForm, 2: PlacementForm, 3: ResponsesForm}


class TogetherCategoryForm(forms.Form):
    """Step 1 when two people practise together ("samen oefenen"): each chooses."""

    soort = forms.ChoiceField(
        choices=Category.choices,
        error_messages={
            "required": "Kies wat persoon 1 denkt: mening, dreiging of oproep tot ordeverstoring.",
            "invalid_choice": "Dat antwoord kennen we niet. Kies mening, dreiging of oproep tot ordeverstoring.",
        },
    )
    soort2 = forms.ChoiceField(
        choices=Category.choices,
        error_messages={
            "required": "Kies ook wat persoon 2 denkt: mening, dreiging of oproep tot ordeverstoring.",
            "invalid_choice": "Dat antwoord kennen we niet. Kies mening, dreiging of oproep tot ordeverstoring.",
        },
    )


def first_error(form: forms.Form) -> str:
    """The form's first error message, for the one Dutch sentence we show."""
    for errors in form.errors.values():
        return str(errors[0])
    return "Er ging iets mis met je antwoord. Probeer het opnieuw."


def step_values(step: int, cleaned_data: dict) -> dict:
    """A valid step form's data under the names of `Choices` (and of the services' keyword arguments)."""
    if step == 1:
        partner = {"partner_category": cleaned_data["soort2"]} if "soort2" in cleaned_data else {}
        return {"category": cleaned_data["soort"], **partner}
    if step == 2:
        return {"concreteness": cleaned_data["concreetheid"], "reach": cleaned_data["bereik"]}
    return {"responses": cleaned_data["actie"]}


@dataclass(frozen=True)
class PracticeRead:
    choices: Choices
    step: int | None  # the step just submitted; None for a fresh post
    error: str  # a Dutch message when the query is refused (400), else ""


def read_practice_query(data: QueryDict) -> PracticeRead:
    """The answers an embedded post's GET form carries. `stap` names the step submitted; every step up to it must
    be present and valid, else the learner gets the first problem as a message."""
    raw_step = data.get("stap", "")
    if raw_step == "":
        return PracticeRead(Choices(), None, "")
    if raw_step not in {"1", "2", "3"}:
        return PracticeRead(Choices(), None, "Deze stap kennen we niet. Begin opnieuw bij stap 1.")
    submitted, values = int(raw_step), {}
    for step in range(1, submitted + 1):
        form = STEP_FORMS[step](data)
        if not form.is_valid():
            skipped = step < submitted and not any(name in data for name in STEP_FIELDS[step])
            message = {1: STEP_1_FIRST, 2: STEP_2_FIRST}[step] if skipped else first_error(form)
            return PracticeRead(Choices(**values), submitted, message)
        values.update(step_values(step, form.cleaned_data))
    return PracticeRead(Choices(**values), submitted, "")
