# The service image: `monitor` for every role (migrate, worker, beat, run, backfill, ...).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MONITOR_BEAT_SCHEDULE=/tmp/monitor-beat-schedule

# an unprivileged user: the service never needs root at run time
RUN groupadd --system monitor \
    && useradd --system --gid monitor --home-dir /app --no-create-home --shell /usr/sbin/nologin monitor

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY monitor ./monitor
COPY workers ./workers
# the pinned versions of constraints.txt: the image gets what CI tested
RUN pip install -c constraints.txt . && rm -rf /root/.cache

USER monitor
CMD ["monitor", "--help"]
