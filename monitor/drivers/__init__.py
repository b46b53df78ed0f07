"""Drivers of the pipeline: the embedded runner (``embedded``) and backfill (``backfill``).
The Celery tasks in ``workers/`` are the third driver."""
