from django import forms

from cms.models import StatementSet

from .models import INFO_MAX, BlockKind, PollScale


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
    poll_scale = forms.ChoiceField(
        label="Hoe geven deelnemers in de steunpeiling hun oordeel?",
        choices=PollScale.choices,
        initial=PollScale.FIVE,
        required=False,  # an older form without the choice: five answers, as before
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies vijf antwoorden of een schuif."},
    )


class BlockTextForm(forms.Form):
    """What the host writes on a block: its title and the text on the screen (adding and editing a block)."""

    title = forms.CharField(label="Titel", max_length=120)
    body = forms.CharField(label="Tekst op het scherm", max_length=INFO_MAX, required=False, widget=forms.Textarea)


class BlockForm(BlockTextForm):
    kind = forms.ChoiceField(label="Soort", choices=BlockKind.choices)
    field_order = ["kind", "title", "body"]
