from django import forms

from cms.models import StatementSet

from .models import COMMENT_MAX_LENGTH, JOIN_CODE_LENGTH, LINE_STEPS


class StartForm(forms.Form):
    statement_set = forms.ModelChoiceField(
        label="Stellingenset",
        queryset=StatementSet.objects.order_by("title"),
        empty_label=None,
        error_messages={
            "required": "Kies een stellingenset uit de lijst.",
            "invalid_choice": "Deze stellingenset kennen we niet. Kies er een uit de lijst.",
        },
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": "Vul de code in die je op het scherm ziet."},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).upper()
        if len(code) != JOIN_CODE_LENGTH:
            raise forms.ValidationError(f"De code heeft {JOIN_CODE_LENGTH} tekens. Kijk nog eens op het scherm.")
        return code


class PositionForm(forms.Form):
    plek = forms.IntegerField(min_value=0, max_value=LINE_STEPS)


class CommentForm(forms.Form):
    tekst = forms.CharField(
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"max_length": f"Je reactie is te lang. Gebruik maximaal {COMMENT_MAX_LENGTH} tekens."},
    )
