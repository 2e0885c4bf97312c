"""Password rules for accounts, with every message in Dutch.

Django's own MinimumLengthValidator has no Dutch translation for its message in this release, so a teacher who
chose a short password was told why in English.
"""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"Dit wachtwoord is te kort. Gebruik minstens {self.min_length} tekens."

    def get_help_text(self) -> str:
        return f"Je wachtwoord heeft minstens {self.min_length} tekens."
