"""The exercise under /oefenen/: views → services (writes) / selectors (reads) → lessons.models; feedback.py holds
every sentence a learner reads after a step; attempt_cache.py caches a learner's own responses exactly."""
