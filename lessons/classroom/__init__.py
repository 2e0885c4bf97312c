"""Teachers' and students' pages (/docent/, /klas/): views → accounts.services/selectors for people and classes,
this package's services/selectors/exports for assignments, progress and downloads. Access: access.py decorators
plus the `<thing>_get_for_user` selectors (404 for strangers, 403 for the wrong role). The dashboard's grid of
students × posts is built as HTML in dashboard_grid.py (per cell in a template it was most of the page's cost)."""
