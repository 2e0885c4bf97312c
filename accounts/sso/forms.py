from django import forms

from accounts.forms import clean_pseudonym


class TeacherConfirmForm(forms.Form):
    """What a teacher types once after a first Entree sign-in: the name pupils see and the school."""

    name = forms.CharField(
        label="Je naam", max_length=100, help_text="Zo zien je leerlingen je, bijvoorbeeld 'Mevrouw De Vries'."
    )
    school = forms.CharField(label="Je school", max_length=150)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_school(self) -> str:
        return " ".join(self.cleaned_data["school"].split())


class AccountPasswordForm(forms.Form):
    """The e-mail and password of an existing teacher account, asked before a Microsoft sign-in is linked to it."""

    email = forms.EmailField(label="E-mailadres van je account", max_length=150)
    password = forms.CharField(
        label="Wachtwoord", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class PupilWaitForm(forms.Form):
    """A pupil without a class code asks a teacher of their school to add them; the name may stay empty."""

    name = forms.CharField(
        label="Je naam in de klas",
        max_length=40,
        required=False,
        help_text="Je voornaam of een bijnaam, hoogstens 20 tekens. Mag leeg blijven: dan kiest je docent een naam.",
    )

    def clean_name(self) -> str:
        raw = self.cleaned_data["name"]
        return clean_pseudonym(raw) if raw.strip() else ""


class PupilPlaceForm(forms.Form):
    """A teacher places a waiting pupil in one of their own active classes, under the pupil's name or another."""

    school_class = forms.ChoiceField(label="Klas")
    name = forms.CharField(
        label="Naam in de klas", max_length=40, help_text="Een voornaam of bijnaam, hoogstens 20 tekens."
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self._classes = {c.public_id: c for c in classes}
        self.fields["school_class"].choices = [(c.public_id, c.name) for c in classes]

    def clean_name(self) -> str:
        return clean_pseudonym(self.cleaned_data["name"])

    def chosen_class(self):
        return self._classes[self.cleaned_data["school_class"]]
