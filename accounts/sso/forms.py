from django import forms


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
