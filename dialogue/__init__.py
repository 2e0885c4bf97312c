"""Live dialogue evenings: the "langs de lijn" tool (/live/ for the host and the projector, /doe-mee/ for phones),
with its poll state in the shared cache (state.py) and its own throttles (throttle.py); and `dialogue.evening`,
a whole citizens' dialogue of programme blocks, dialogue cards, a support poll and a report. Imports `core`, `cms`
and `accounts`; never `lessons`."""
