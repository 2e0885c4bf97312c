"""Forms: the teacher's schedule, and one test item (category and sureness). Messages in plain Dutch."""

import time

from django import forms
from django.core import signing

from cms.choices import Category

from .models import Moment, Sureness
from .services import DELAYED_RULE

SHOWN_SALT = "measurement.item-shown"


class ScheduleForm(forms.Form):
    moment = forms.ChoiceField(label="Welke meting?", choices=Moment.choices)
    opens_at = forms.DateTimeField(
        label="Open vanaf",
        help_text=DELAYED_RULE,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label="Open tot", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "De sluittijd moet na de starttijd liggen.")
        return data


class ItemForm(forms.Form):
    soort = forms.ChoiceField(
        label="Wat voor bericht is dit?",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wat voor bericht dit is.", "invalid_choice": "Kies wat voor bericht dit is."},
    )
    zeker = forms.ChoiceField(
        label="Hoe zeker ben je?",
        choices=Sureness.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe zeker je bent.", "invalid_choice": "Kies hoe zeker je bent."},
    )
    getoond = forms.CharField(widget=forms.HiddenInput, required=False)

    def seconds(self) -> int | None:
        """Time taken on this item: from the signed moment the page was shown (never trusted beyond an hour)."""
        try:
            shown = signing.loads(self.cleaned_data.get("getoond") or "", salt=SHOWN_SALT, max_age=3600)
            return max(0, round(time.time() - float(shown)))
        except (signing.BadSignature, TypeError, ValueError):
            return None


def shown_stamp() -> str:
    return signing.dumps(time.time(), salt=SHOWN_SALT)
