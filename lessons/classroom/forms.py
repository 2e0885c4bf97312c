"""The form for giving a class work: a lesson (with its exercise set) or an exercise set, and a due date."""

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from cms.models import ExerciseSet, LessonPage


@dataclass(frozen=True)
class Work:
    exercise_set: ExerciseSet
    lesson: LessonPage | None


class AssignmentForm(forms.Form):
    work = forms.ChoiceField(label="Wat geef je op?")
    due_at = forms.DateTimeField(
        label="Inleveren voor (mag leeg blijven)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    poging = forms.ChoiceField(
        label="Hebben leerlingen deze oefenset al eerder gemaakt?",
        choices=[
            ("nieuw", "Nieuwe poging: iedereen begint opnieuw"),
            ("verder", "Verder waar je was: eerder werk aan deze oefenset telt mee"),
        ],
        initial="nieuw",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, lessons, sets, **kwargs):
        super().__init__(*args, **kwargs)
        self._lessons = {str(lesson.pk): lesson for lesson in lessons}
        self._sets = {str(s.pk): s for s in sets}
        self.fields["work"].choices = [
            ("Lessen", [(f"les:{lesson.pk}", lesson.title) for lesson in lessons]),
            ("Oefensets", [(f"set:{s.pk}", s.title) for s in sets]),
        ]

    def clean_work(self) -> Work:
        """ "les:<pk>" or "set:<pk>", as offered above (ChoiceField already refused anything else)."""
        kind, _, pk = self.cleaned_data["work"].partition(":")
        if kind == "les":
            lesson = self._lessons[pk]
            return Work(exercise_set=lesson.exercise_set, lesson=lesson)
        return Work(exercise_set=self._sets[pk], lesson=None)

    def clean_poging(self) -> bool:
        """True for a new attempt (also when the field is missing: a re-assigned set must not show as done)."""
        return self.cleaned_data.get("poging") != "verder"

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at is not None and due_at < timezone.now():
            raise forms.ValidationError("Kies een moment in de toekomst.")
        return due_at
