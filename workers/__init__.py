"""The distributed driver: Celery workers and beat on Redis, driving monitor.pipeline.

app.py         the Celery app: broker, queues, limits, the beat entry, per-process services
tasks.py       thin tasks: ids in, one pipeline call, fan-out after commit
dispatch.py    what beat runs every few seconds: due feeds, lost articles, stale deliveries
politeness.py  per-host limits shared by every worker through Redis
coordination.py  small Redis helpers: "already queued" markers and the crash counter
settings.py    worker settings from the environment
status.py      queue lengths and health for operators and container healthchecks
"""
