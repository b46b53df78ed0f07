"""Run as a subprocess: claim the due deliveries, say so, then hang until killed.

    python -m tests.delivery.claim_and_die DATABASE_URL FEEDS_YAML

It stands for a runner that dies between claiming and sending (kill -9, OOM).
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from typing import Any

from monitor.config import load_config
from monitor.delivery import outbox_driver
from monitor.store.db import make_engine


def hang(engine: Any, config: Any, claimed: Any, **_: Any) -> outbox_driver.DeliveryReport:
    print(f"claimed {len(claimed)}", flush=True)
    time.sleep(600)
    raise SystemExit("not killed")


def main() -> None:
    url, config_path = sys.argv[1], sys.argv[2]
    outbox_driver._send_claimed = hang  # type: ignore[assignment]
    outbox_driver.deliver_due(
        make_engine(url), load_config(config_path), worker_id="doomed", lease=timedelta(seconds=1)
    )


if __name__ == "__main__":
    main()
