"""Forms for people: teachers (sign up, log in, classes, their students) and students (join, log in). Messages in
Dutch."""

import re
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model, password_validation

from .models import TeacherRole
from .names import invisible_characters, name_skeleton, normalise_name

User = get_user_model()

PSEUDONYM_MAX = 20
EMAIL_MAX = 150  # the e-mail address is the username, which holds 150 characters
_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(\+|\b0)\d[\d\s-]{7,}")
_URL = re.compile(r"(https?://|www\.|\b[\w-]+\.(nl|com|be|org|net|eu|io|tv|me|app)\b)", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


def clean_pseudonym(raw: str) -> str:
    """A first name or nickname: 1–20 characters, no e-mail address, phone number or web address, and nothing
    invisible. NFKC first (accounts/names.py), so every later check, and the spreadsheet formula guard of the
    exports, sees the letters that are stored."""
    name = normalise_name(raw)
    if invisible_characters(name):
        raise forms.ValidationError(
            "Deze naam bevat een onzichtbaar teken of een teken dat de tekst omdraait. Typ de naam opnieuw, "
            "alleen met letters, cijfers en spaties."
        )
    if not name:
        raise forms.ValidationError("Vul een naam in: je voornaam of een bijnaam.")
    if len(name) > PSEUDONYM_MAX:
        raise forms.ValidationError(f"Een naam mag niet langer zijn dan {PSEUDONYM_MAX} tekens.")
    if _EMAIL.search(name) or _URL.search(name) or _PHONE.search(name) or len(_DIGITS.findall(name)) >= 6:
        raise forms.ValidationError(
            "Gebruik alleen je voornaam of een bijnaam. Geen e-mailadres, telefoonnummer of website."
        )
    return name


class TeacherSignupForm(forms.Form):
    name = forms.CharField(label="Je naam", max_length=100)
    school = forms.CharField(label="School of organisatie", max_length=150)
    role = forms.ChoiceField(
        label="Ik ben", choices=TeacherRole.choices, initial=TeacherRole.TEACHER, widget=forms.RadioSelect
    )
    email = forms.EmailField(label="E-mailadres", max_length=EMAIL_MAX)
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minstens 8 tekens. Niet alleen cijfers, en geen veelgebruikt wachtwoord.",
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if len(email) > EMAIL_MAX:  # a capital like "İ" can become two letters in lower case
            raise forms.ValidationError(
                f"Dit e-mailadres is te lang. Gebruik een adres van hoogstens {EMAIL_MAX} tekens."
            )
        return email  # whether it has an account is never said here: accounts/signup.py mails the address instead

    def clean(self) -> dict:
        data = super().clean()
        password = data.get("password")
        if password:
            probe = User(username=data.get("email", ""), email=data.get("email", ""), first_name=data.get("name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class TeacherLoginForm(forms.Form):
    email = forms.EmailField(label="E-mailadres", max_length=150)
    password = forms.CharField(
        label="Wachtwoord", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    remember = forms.BooleanField(
        label="Onthoud mij op deze computer",
        required=False,
        help_text="Alleen op je eigen computer. Anders ben je uitgelogd als je de browser sluit, of na een werkdag.",
    )


class ClassNameForm(forms.Form):
    name = forms.CharField(label="Naam van de klas", max_length=80, help_text="Bijvoorbeeld: 2B mentorklas")


@dataclass(frozen=True)
class RepeatedName:
    """A name in the "add students" list that repeats (or looks like) one on an earlier line; it was skipped."""

    name: str
    line: int
    same_as: str
    same_as_line: int


class StudentNamesForm(forms.Form):
    names = forms.CharField(
        label="Namen van leerlingen",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Eén naam per regel: een voornaam of bijnaam, hoogstens 20 tekens.",
    )

    def clean_names(self) -> list[str]:
        """The names to make, once each. A name that repeats one above it (or looks the same: accounts/names.py) is
        the same pupil typed twice: it is skipped, and `self.repeated` tells the teacher which and why."""
        names, seen = [], {}
        self.repeated: list[RepeatedName] = []
        for number, line in enumerate(self.cleaned_data["names"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                name = clean_pseudonym(line)
            except forms.ValidationError as error:
                raise forms.ValidationError(f"Regel {number} ({line.strip()[:30]}): {error.messages[0]}") from error
            earlier = seen.get(name_skeleton(name))
            if earlier is not None:
                self.repeated.append(RepeatedName(name=name, line=number, same_as=earlier[0], same_as_line=earlier[1]))
                continue
            seen[name_skeleton(name)] = (name, number)
            names.append(name)
        if not names:
            raise forms.ValidationError("Vul minstens één naam in.")
        if len(names) > 60:
            raise forms.ValidationError("Voeg hoogstens 60 leerlingen tegelijk toe.")
        return names


class JoinForm(forms.Form):
    code = forms.CharField(label="Klascode", max_length=12, help_text="Die krijg je van je docent.")
    name = forms.CharField(
        label="Je naam in de klas",
        max_length=40,
        help_text="Je voornaam of een bijnaam, hoogstens 20 tekens. Geen achternaam, e-mail of telefoonnummer.",
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_name(self) -> str:
        return clean_pseudonym(self.cleaned_data["name"])


class StudentLoginForm(forms.Form):
    code = forms.CharField(label="Klascode", max_length=12)
    name = forms.CharField(label="Je naam in de klas", max_length=40)
    passphrase = forms.CharField(
        label="Wachtzin", max_length=100, strip=True, help_text="De vier woorden op je inlogkaart."
    )


class JoinLimitForm(forms.Form):
    """How many more pupils may join with the class code (accounts.services.student_join takes one place each)."""

    joins_left = forms.IntegerField(
        label="Hoeveel leerlingen mogen zich nog aanmelden met de code?",
        required=False,
        min_value=0,
        max_value=500,
        help_text="Laat leeg als er geen grens is. Bij 0 kan niemand zich meer aanmelden.",
        error_messages={
            "invalid": "Vul een heel getal in, of laat het vak leeg.",
            "min_value": "Vul 0 of meer in.",
            "max_value": "Vul hoogstens 500 in.",
        },
    )
