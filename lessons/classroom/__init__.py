"""Teachers' and students' pages (/docent/, /klas/): views → accounts.services/selectors for people and classes,
this package's services/selectors/exports for assignments, progress and downloads. Access: access.py decorators
plus the `<thing>_get_for_user` selectors (404 for strangers, 403 for the wrong role)."""
