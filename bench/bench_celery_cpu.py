"""Where a Celery run's CPU goes, per article: pool processes, the consumer, PostgreSQL, Redis.

On a shared machine the throughput ratios of ``bench_celery`` move with other
people's load; CPU time per article moves much less. Two pool processes reach
twice one only if the work outside them (the worker's consumer process, the
PostgreSQL backends, Redis) is small against theirs: on 2 cores that work takes
from the same cores. Same setup as ``bench_celery`` (its site, database and
worker); the counters are read from /proc once the worker is ready and again
before it stops.

Prints ``BENCH celery_cpu_ms_<part> <ms> ms`` for pool, consumer, postgres and
redis (the Redis server's whole CPU: other users of the same server count too).
Linux only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

import bench.bench_celery as celery_bench  # noqa: E402
from bench.common import bench_line, serve_folder  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # gone: counted up to its last reading
    return (int(fields[11]) + int(fields[12])) / TICKS


def redis_server_pid() -> int | None:
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "redis-server":
                return int(entry.name)
        except OSError:
            continue
    return None


def snapshot(worker_pid: int) -> dict[str, Any]:
    children = Path(f"/proc/{worker_pid}/task/{worker_pid}/children").read_text().split()
    admin = create_engine(celery_bench.POSTGRES_ADMIN)
    with admin.connect() as conn:
        backends = list(
            conn.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname LIKE 'monitor_bench_%'"))
        )
    admin.dispose()
    redis_pid = redis_server_pid()
    return {
        "consumer": cpu_seconds(worker_pid),
        "pool": sum(cpu_seconds(int(child)) for child in children),
        "postgres": {pid: cpu_seconds(pid) for pid in backends},
        "redis": cpu_seconds(redis_pid) if redis_pid else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    readings: dict[str, Any] = {}
    wait_ready = celery_bench._wait_ready
    stop_group = os.killpg

    def ready_then_read(sender: Any, worker: Any, log_path: Path) -> None:
        wait_ready(sender, worker, log_path)
        readings["pid"] = worker.pid
        readings["start"] = snapshot(worker.pid)

    def read_then_stop(pid: int, sig: int) -> None:
        readings.setdefault("end", snapshot(readings["pid"]))
        stop_group(pid, sig)

    # the worker's pid and the moments to read come from inside run_celery
    celery_bench._wait_ready = ready_then_read
    os.killpg = read_then_stop  # bench_celery stops the worker with it
    try:
        with tempfile.TemporaryDirectory(prefix="bench-celery-cpu-") as tmp:
            workdir = Path(tmp)
            site = workdir / "site"
            site.mkdir()
            with serve_folder(site) as base_url:
                specs = celery_bench.build_site(args.articles, base_url, site)
                config = celery_bench.write_config(workdir, specs)
                rate = celery_bench.run_celery(config, args.articles, args.concurrency, workdir)
    finally:
        celery_bench._wait_ready = wait_ready
        os.killpg = stop_group
    start, end = readings["start"], readings["end"]
    postgres = sum(seconds - start["postgres"].get(pid, 0.0) for pid, seconds in end["postgres"].items())
    spent = {
        "pool": end["pool"] - start["pool"],
        "consumer": end["consumer"] - start["consumer"],
        "postgres": postgres,
        "redis": end["redis"] - start["redis"],
    }
    print(f"{args.concurrency} pool processes: {rate:.1f} articles/s", flush=True)
    for part, seconds in spent.items():
        bench_line(f"celery_cpu_ms_{part}", 1000 * seconds / args.articles, "ms")
    outside = spent["consumer"] + spent["postgres"] + spent["redis"]
    bench_line("celery_cpu_ms_outside_pool", 1000 * outside / args.articles, "ms")


if __name__ == "__main__":
    main()
