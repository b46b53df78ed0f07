"""feeds.yaml as an attacker or a clumsy operator writes it (issue 12, items 8 and 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.config import parse_config
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
MONITOR = str(ROOT / ".venv/bin/monitor") if (ROOT / ".venv/bin/monitor").exists() else None


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join(f"*a{n - 1}" for _ in range(9))
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append(f"feeds: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_nested_aliases_are_refused_quickly_with_a_line(tmp_path: Path) -> None:
    text = alias_bomb()
    assert len(text) < 1600  # 9**9 = 387 million values once expanded
    started = time.monotonic()
    with pytest.raises(ConfigError, match=r"feeds\.yaml:\d+: aliases expand to more than") as caught:
        parse_config(text, tmp_path / "feeds.yaml")
    assert time.monotonic() - started < 5
    assert "\n" not in str(caught.value)


def test_a_few_aliases_are_still_fine(tmp_path: Path) -> None:
    text = """
feeds:
  - &first {id: a, url: "https://a.example/rss", language: en, poll_interval: 10m}
  - {<<: *first, id: b, url: "https://b.example/rss"}
"""
    feeds = parse_config(text, tmp_path / "feeds.yaml").feeds
    assert [(f.id, f.language) for f in feeds] == [("a", "en"), ("b", "en")]


def webhook_yaml(url: str) -> str:
    return f"""
channels:
  - id: hook
    type: webhook
    url: {url}
    secret_env: HOOK_SECRET_FOR_TEST
subscriptions:
  - channel: hook
"""


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ('"not a url"', "must be an http:// or https:// URL"),
        ("ftp://hooks.example.org/in", "not ftp://"),
        ('"http://[::1"', "not a valid URL"),
        ("https:///path-only", "no host"),
    ],
)
def test_webhook_urls_that_can_never_work_are_refused_at_load(tmp_path: Path, url: str, why: str) -> None:
    with pytest.raises(ConfigError, match=rf"feeds\.yaml:5: channels\[0\]\.url: .*{why}"):
        parse_config(webhook_yaml(url), tmp_path / "feeds.yaml")


@pytest.mark.skipif(MONITOR is None, reason="needs the installed monitor command")
def test_check_fails_on_an_unset_or_malformed_webhook_secret(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    # one feed: `check` also refuses a config that polls nothing
    feed = "feeds:\n  - {id: a, url: 'https://example.org/feed'}\n"
    path.write_text(webhook_yaml("https://hooks.example.org/in") + feed, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOOK_SECRET_FOR_TEST")}
    assert MONITOR is not None
    unset = subprocess.run([MONITOR, "check", "--config", str(path)], env=env, capture_output=True, text=True)
    assert unset.returncode == 2
    assert "channels.hook.secret_env: HOOK_SECRET_FOR_TEST (or HOOK_SECRET_FOR_TEST_FILE) is not set" in (
        unset.stderr
    )
    env["HOOK_SECRET_FOR_TEST"] = "whsec_###"
    bad = subprocess.run([MONITOR, "check", "--config", str(path)], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "not whsec_<base64>" in bad.stderr
    env["HOOK_SECRET_FOR_TEST"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    good = subprocess.run([MONITOR, "check", "--config", str(path)], env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert sys.executable  # the same interpreter runs the command (the venv's)
