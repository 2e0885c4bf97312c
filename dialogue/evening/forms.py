from django import forms

from cms.models import StatementSet

from .models import INFO_MAX, BlockKind


class EveningStartForm(forms.Form):
    title = forms.CharField(label="Titel van de avond", max_length=120, required=False)
    place = forms.CharField(label="Plaats (mag leeg)", max_length=120, required=False)
    statement_set = forms.ModelChoiceField(
        label="Stellingen voor langs de lijn",
        queryset=StatementSet.objects.order_by("title"),
        empty_label=None,
        error_messages={
            "required": "Kies een stellingenset uit de lijst.",
            "invalid_choice": "Deze stellingenset kennen we niet. Kies er een uit de lijst.",
        },
    )
    national = forms.BooleanField(
        label="Zoals de landelijke burgerdialoog: met het programma en de oplossingsrichtingen van toen",
        required=False,
    )


class BlockForm(forms.Form):
    kind = forms.ChoiceField(label="Soort", choices=BlockKind.choices)
    title = forms.CharField(label="Titel", max_length=120)
    body = forms.CharField(label="Tekst op het scherm", max_length=INFO_MAX, required=False, widget=forms.Textarea)
