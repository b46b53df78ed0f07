"""`monitor check` reports every problem in one round, including the ones that
a plain load accepts but that fail later (no feeds, an unset secret, a missing
local feed file), and load-time refusals of malformed URLs and wildcard terms."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.config.readiness import readiness_problems
from monitor.config.terms import term_problem
from monitor.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
MONITOR_COMMAND = REPO / ".venv" / "bin" / "monitor"

THREE_MISTAKES = """\
feeds:
  - id: a
    url: https://example.org/feed
    poll_interval: often
  - id: b
    url: https://example.org/other
    language: German
claims:
  - id: troops
    units: {en: [soldiers]}
    cues: {en: [sent]}
    actors: [nobody]
"""

READY = """\
feeds:
  - id: demo
    url: feed.xml
channels:
  - id: hook
    type: webhook
    url: https://hooks.example.org/monitor
    secret_env: DAILY_TEST_HOOK_SECRET
  - id: mail
    type: email
    to: [desk@example.org]
    password_env: DAILY_TEST_SMTP_PASSWORD
"""


def run_check(path: Path, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DAILY_TEST_")}
    env.pop("MONITOR_CONFIG", None)
    env.update(env_extra)
    return subprocess.run(
        [str(MONITOR_COMMAND), "check", "--config", str(path)],
        cwd=path.parent, env=env, capture_output=True, text=True, timeout=60,
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_reports_every_problem_one_line_each(tmp_path: Path) -> None:
    path = write(tmp_path, THREE_MISTAKES)
    result = run_check(path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    # the field errors of both feeds come in file order; a single load keeps one line
    assert lines[0].startswith(f"{path}:4: feeds[0].poll_interval: 'often' is not a duration")
    assert lines[1].startswith(f"{path}:7: feeds[1].language: expected a two-letter language code")
    assert lines[-1] == "2 problems"
    assert "Traceback" not in result.stderr
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "(and 1 more problem)" in str(caught.value)
    assert len(caught.value.problems) == 2


def test_every_broken_reference_is_reported(tmp_path: Path) -> None:
    text = """\
watchlist:
  - id: peskov
    names: {en: [Peskov]}
    speaks_for: kremlin
claims:
  - id: troops
    units: {en: [soldiers]}
    cues: {en: [sent]}
    actors: [nobody]
subscriptions:
  - channel: nowhere
"""
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    problems = caught.value.problems
    assert [p.split(": ", 1)[1] for p in problems] == [
        "watchlist[0].speaks_for: unknown actor id 'kremlin'",
        "claims[0].actors: unknown actor id 'nobody'",
        "subscriptions[0].channel: unknown channel id 'nowhere'",
    ]
    assert [int(p.split(":")[1]) for p in problems] == [4, 9, 11]


def test_an_empty_file_loads_but_check_refuses_it(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert load_config(path).feeds == []
    result = run_check(path)
    assert result.returncode == 2, result.stdout
    assert "feeds: no feeds configured" in result.stderr


def test_unset_secrets_are_found_and_never_printed(tmp_path: Path) -> None:
    path = write(tmp_path, READY)
    (tmp_path / "feed.xml").write_text("<rss/>")
    missing = run_check(path)
    assert missing.returncode == 2
    lines = missing.stderr.strip().splitlines()
    assert lines[0] == (
        f"{path}:8: channels[0].secret_env: $DAILY_TEST_HOOK_SECRET is not set "
        "(nor $DAILY_TEST_HOOK_SECRET_FILE): channel 'hook' would fail"
    )
    assert lines[1].startswith(f"{path}:12: channels[1].password_env: $DAILY_TEST_SMTP_PASSWORD is not set")
    secret_file = tmp_path / "smtp-password"
    secret_file.write_text("pw-from-file\n")
    ready = run_check(
        path, DAILY_TEST_HOOK_SECRET="whsec_c2VjcmV0", DAILY_TEST_SMTP_PASSWORD_FILE=str(secret_file)
    )
    assert ready.returncode == 0, ready.stderr
    assert "ok - 1 feeds" in " ".join(ready.stdout.split())
    assert "whsec_c2VjcmV0" not in ready.stdout + ready.stderr
    assert "pw-from-file" not in ready.stdout + ready.stderr


def test_a_missing_local_feed_file_is_found(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds:\n  - id: demo\n    url: demo/feed.xml\n")
    problems = readiness_problems(load_config(path), environ={})
    assert problems == [f"{path}:3: feeds[0].url: no such file {str(tmp_path / 'demo/feed.xml')!r}"]
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "feed.xml").write_text("<rss/>")
    assert readiness_problems(load_config(path), environ={}) == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("htps//example.org/feed", "looks like a URL without its scheme"),
        ("www.example.org/feed", "looks like a URL without its scheme"),
        ("htps://example.org/feed", "unknown scheme 'htps'"),
        ("https:/example.org/feed", "is not a URL: write https://"),
        ("https:///feed", "has no host"),
        ("https://[::1/feed", "is not a URL"),
    ],
)
def test_a_malformed_feed_url_is_refused_at_load(tmp_path: Path, url: str, message: str) -> None:
    path = write(tmp_path, f"feeds:\n  - id: a\n    url: '{url}'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:3: feeds[0].url: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "url", ["https://example.org/feed", "http://127.0.0.1:8080/rss", "feed.xml", "a/b.xml"]
)
def test_good_feed_urls_still_load(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, f"feeds:\n  - id: a\n    url: '{url}'\n")
    assert load_config(path).feeds[0].url == url


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("*", "at least 2 letters before '*'"),
        ("ho**ax", "only allowed at the end of a word"),
        ("hoax**", "one '*' at the end"),
        ("*hoax", "only allowed at the end of a word"),
        ("fake (news", "unbalanced bracket '('"),
        ("fake] news", "unbalanced bracket ']'"),
        ("(fake]", "unbalanced bracket ']'"),
    ],
)
def test_bad_terms_are_refused(term: str, message: str) -> None:
    problem = term_problem(term)
    assert problem is not None and message in problem


@pytest.mark.parametrize("term", ["entsend*", "Soldaten", "auf der Flucht", "sent (to Russia)", "de*"])
def test_good_terms_pass(term: str) -> None:
    assert term_problem(term) is None


def test_a_bare_star_denial_cue_is_refused_with_its_line(tmp_path: Path) -> None:
    text = """\
watchlist:
  - id: russia
    names: {en: [Russia]}
claims:
  - id: denial
    kind: status
    topic: {en: [troops]}
    actors: [russia]
    polarity:
      denied: {en: [fake, "*"]}
  - id: count
    units: {en: ["sold(iers"]}
    cues: {en: [sent]}
"""
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:10: claims[0].polarity.denied.en[1]: '*'")
    assert problems[1].startswith(f"{path}:12: claims[1].units.en[0]: 'sold(iers'")


def test_an_apprise_channel_loads_and_its_url_variable_is_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "feeds:\n  - {id: a, url: 'https://example.org/feed'}\n"
        "channels:\n  - id: chat\n    type: apprise\n    url_env: DAILY_TEST_CHAT_URL\n"
        "    digest_minutes: 5\n"
        "subscriptions:\n  - channel: chat\n",
    )
    config = load_config(path)
    assert config.channels[0].type == "apprise"
    assert readiness_problems(config, environ={}) == [
        f"{path}:6: channels[0].url_env: $DAILY_TEST_CHAT_URL is not set (nor $DAILY_TEST_CHAT_URL_FILE): "
        "channel 'chat' would fail"
    ]
    assert readiness_problems(config, environ={"DAILY_TEST_CHAT_URL": "ntfy://localhost/alerts"}) == []
    broken = write(tmp_path, "channels:\n  - id: chat\n    type: apprise\n    url: 'slack://x'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(broken)
    assert [p.split(": ", 1)[1] for p in caught.value.problems] == [
        "channels[0].url_env: required field is missing",
        "channels[0].url: unknown key",
    ]
