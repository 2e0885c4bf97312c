"""Learning with the material in `cms`, in two parts that share lessons/models.py (Attempt, Answer, Assignment):

- `lessons.practice`: the exercise "Mening, dreiging of ordeverstoring?" under /oefenen/, for anyone, signed in
  or not; attempts, answers in three steps, feedback and the summary.
- `lessons.classroom`: the teacher pages under /docent/ and the student pages under /klas/: classes and students
  (through `accounts`), assignments, the dashboard and exports. The classroom reads practice's results; practice
  never imports the classroom.

Imports `core`, `cms` and `accounts`; never `dialogue`.
"""
