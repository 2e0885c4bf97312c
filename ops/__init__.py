"""Operations: database backups and restores (manage.py backup_database / restore_database). Imports only `core`
and Django."""
