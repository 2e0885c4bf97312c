"""The papers a school's privacy officer files: the privacybijsluiter generated from the models' own declarations
(core/privacy.py) and a one-page summary of the security measures, as a printable page and a .docx download.

They live in accounts because they describe who is who and what is kept about them; the bijsluiter itself reads
every app's models through the app registry, so nothing here imports lessons or dialogue.
"""
