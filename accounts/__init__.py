"""Who is who, below both `lessons` and `dialogue`: teachers and hosts, classes and their students, their roles,
how they sign in (backends, pass phrases, login rate limits) and the writes and reads on those people.

`lessons` (practice and classroom) and `dialogue` ask this package whether a user is a teacher, a student or a
host (`accounts.roles`); neither knows the other's relations.
"""
