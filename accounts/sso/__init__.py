"""Sign-in with the school's account (issue 16): the part that decides who someone is, kept apart from the doors.

Entree Federatie (SAML 2.0) gives a per-service pseudonymous `uid`, the affiliation (student/employee) and the
school's BRIN; Microsoft (OpenID Connect) gives a tenant and a subject. What this package stores of that:
- `SchoolIdentity`: the link from such an identity to one of our accounts. The `uid` or subject is kept only as an
  HMAC with a secret of its own (`SSO_SUBJECT_SECRET`, not the SECRET_KEY, so rotating that key unlinks nobody);
  the BRIN is kept so a teacher sees only their own school's pupils when linking. No name, e-mail or ECK iD.
- `SeenAssertion`: each accepted assertion's id until it expires, so the same assertion cannot be used twice
  (a unique constraint refuses the second, also when both arrive at once).

- `WaitingPupil`: a pupil who signed in through Entree without a class code, until a teacher of the same BRIN
  places them in a class (pupil_views.py), 30 days at most.

The doors: Entree (views.py: metadata, login redirect, assertion consumer; a first-time pupil joins a class with
its code once or waits for a teacher of their school, a first-time employee confirms once and gets a teacher
account) and Microsoft for teachers (microsoft_views.py, checked in oidc.py: a tenant allow-list; a first sign-in
confirms a new account or links an existing one after its password). See the README's privacy-officer section.
"""
