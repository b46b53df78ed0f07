"""A broken feeds.yaml must fail with one clear line: ``<file>:<line>: <field>: <what is wrong>``.

Each case is a small YAML text with one mistake; the test pins the exact line
number, the field path and the part of the message a user needs to fix it.
The CLI tests run the installed ``monitor`` command as a user would and check
that the error is one line on stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from monitor.config import DEFAULT_CONFIG_NAME, find_config_path, load_config
from monitor.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
MONITOR_COMMAND = REPO / ".venv" / "bin" / "monitor"

GOOD_CONFIG = """\
# a small but complete feeds.yaml: every section once
settings:
  per_host_concurrency: 2
feeds:
  - id: demo
    url: feed.xml
    language: en
    poll_interval: 15m
    fetch_page: false
watchlist:
  - id: russia
    kind: country
    names: {de: [Russland], en: [Russia]}
  - id: peskov
    kind: person
    names: {de: [Peskow], en: [Peskov]}
    speaks_for: russia
claims:
  - id: troops
    units: {en: [soldiers]}
    cues: {en: [sent]}
    actors: [russia]
channels:
  - id: mail
    type: email
    to: [desk@example.org]
    smtp_port: 2525
  - id: hook
    type: webhook
    url: https://hooks.example.org/monitor
    secret_env: MONITOR_WEBHOOK_SECRET
subscriptions:
  - channel: mail
    claims: [troops]
  - channel: hook
"""


@dataclass(frozen=True)
class Broken:
    """One broken feeds.yaml and the error line it must produce."""

    name: str
    text: str
    line: int
    field: str  # the field path, or "invalid YAML" / "" for errors without one
    message: str  # a part of what is wrong


BROKEN = [
    Broken(
        "tab-indentation",
        "feeds:\n  - id: a\n\turl: https://example.org/feed\n",
        3,
        "invalid YAML",
        "'\\t' that cannot start any token",
    ),
    Broken(
        "bad-indentation",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n   language: de\n",
        4,
        "invalid YAML",
        "expected <block end>",
    ),
    Broken(
        # the scanner only notices at the end of the file; the line must be where the quote opens
        "unclosed-quote",
        'feeds:\n  - id: a\n    url: "https://example.org/feed\n  - id: b\n    url: https://example.org/b\n',
        3,
        "invalid YAML",
        "while scanning a quoted scalar",
    ),
    Broken(
        "unclosed-flow-list",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    tags: [news, world\n",
        4,
        "invalid YAML",
        "while parsing a flow sequence",
    ),
    Broken(
        "top-level-list",
        "- id: a\n  url: https://example.org/feed\n",
        1,
        "",
        "the file must be a mapping",
    ),
    Broken(
        "top-level-scalar",
        "just some words\n",
        1,
        "",
        "the file must be a mapping",
    ),
    Broken(
        "unknown-top-level-key",
        "feeds: []\n\n# typo below\nwatchlsit: []\n",
        4,
        "watchlsit",
        "unknown key",
    ),
    Broken(
        "unknown-key-in-feed",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n  - id: b\n    url: https://example.org/b\n"
        "    poll_intervall: 5m\n",
        6,
        "feeds[1].poll_intervall",
        "unknown key",
    ),
    Broken(
        "unknown-key-in-settings",
        "settings:\n  per_host_concurency: 4\n",
        2,
        "settings.per_host_concurency",
        "unknown key",
    ),
    Broken(
        # a missing field has no line of its own: the line of the feed that lacks it
        "feed-missing-url",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n\n  - id: b\n    language: en\n",
        5,
        "feeds[1].url",
        "required field is missing",
    ),
    Broken(
        "poll-interval-word",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: often\n",
        4,
        "feeds[0].poll_interval",
        "'often' is not a duration",
    ),
    Broken(
        "poll-interval-negative",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: -5m\n",
        4,
        "feeds[0].poll_interval",
        "'-5m' is not a duration",
    ),
    Broken(
        "poll-interval-negative-number",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: -300\n",
        4,
        "feeds[0].poll_interval",
        "must be positive",
    ),
    Broken(
        "poll-interval-too-short",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: 2s\n",
        4,
        "feeds[0].poll_interval",
        "below 10s",
    ),
    Broken(
        "duplicate-feed-id",
        "feeds:\n  - id: news\n    url: https://example.org/a\n  - id: other\n    url: https://example.org/b\n"
        "  - id: news\n    url: https://example.org/c\n",
        6,
        "feeds[2].id",
        "duplicate id 'news'",
    ),
    Broken(
        "bad-feed-id",
        "feeds:\n  - id: My Feed\n    url: https://example.org/a\n",
        2,
        "feeds[0].id",
        "should match pattern",
    ),
    Broken(
        "bad-language-code",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    language: deu\n",
        4,
        "feeds[0].language",
        "two-letter language code",
    ),
    Broken(
        "speaks-for-unknown-actor",
        "watchlist:\n  - id: russia\n    names: {de: [Russland]}\n  - id: peskov\n    names: {de: [Peskow]}\n"
        "    speaks_for: kremlin\n",
        6,
        "watchlist[1].speaks_for",
        "unknown actor id 'kremlin'",
    ),
    Broken(
        "claim-with-unknown-actor",
        "watchlist:\n  - id: russia\n    names: {de: [Russland]}\nclaims:\n  - id: troops\n"
        "    units: {de: [Soldaten]}\n    cues: {de: [entsandt]}\n    actors: [russia, north-korea]\n",
        8,
        "claims[0].actors",
        "unknown actor id 'north-korea'",
    ),
    Broken(
        "subscription-to-unknown-channel",
        "channels:\n  - id: mail\n    type: email\n    to: [desk@example.org]\nsubscriptions:\n"
        "  - channel: mail\n  - channel: slack\n",
        7,
        "subscriptions[1].channel",
        "unknown channel id 'slack'",
    ),
    Broken(
        "webhook-missing-secret-env",
        "channels:\n  - id: hook\n    type: webhook\n    url: https://hooks.example.org/x\n",
        2,
        "channels[0].secret_env",
        "required field is missing",
    ),
    Broken(
        "email-port-out-of-range",
        "channels:\n  - id: mail\n    type: email\n    to: [desk@example.org]\n    smtp_port: 70000\n",
        5,
        "channels[0].smtp_port",
        "less than or equal to 65535",
    ),
    Broken(
        "email-port-not-a-number",
        "channels:\n  - id: mail\n    type: email\n    to: [desk@example.org]\n    smtp_port: smtp\n",
        5,
        "channels[0].smtp_port",
        "valid integer",
    ),
    Broken(
        "unknown-channel-type",
        "channels:\n  - id: chat\n    type: slack\n",
        2,
        "channels[0]",
        "'slack'",
    ),
    Broken(
        "feeds-is-a-string",
        'settings: {}\nfeeds: "x"\n',
        2,
        "feeds",
        "valid list",
    ),
    Broken(
        # only the first problem is shown, with a count of the others
        "two-problems",
        "feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: often\n"
        "    language: english\n",
        4,
        "feeds[0].poll_interval",
        "(and 1 more problem)",
    ),
]


def expected_prefix(path: Path, case: Broken) -> str:
    return f"{path}:{case.line}: {case.field}: " if case.field else f"{path}:{case.line}: "


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_config_names_file_line_field_and_problem(tmp_path: Path, case: Broken) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(case.text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(expected_prefix(path, case)), message
    assert case.message in message
    assert caught.value.permanent


def test_there_are_enough_distinct_broken_variants() -> None:
    assert len({case.name for case in BROKEN}) == len(BROKEN) >= 14


def test_good_config_loads_with_every_section(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(GOOD_CONFIG, encoding="utf-8")
    config = load_config(path)
    assert [feed.id for feed in config.feeds] == ["demo"]
    assert config.feed("demo").poll_interval == 900.0
    assert config.feed("demo").fetch_page is False
    assert [actor.speaks_for for actor in config.watchlist] == [None, "russia"]
    assert [channel.id for channel in config.channels] == ["mail", "hook"]
    # a relative feed url is a file next to feeds.yaml, not next to the working directory
    assert config.resolve_feed_url(config.feed("demo")) == (tmp_path / "feed.xml").as_uri()


def test_empty_file_is_an_empty_config(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("# nothing configured yet\n", encoding="utf-8")
    config = load_config(path)
    assert config.feeds == [] and config.channels == []


def test_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ConfigError, match=r"absent\.yaml: no such file \(use --config or MONITOR_CONFIG\)"):
        load_config(path)


def test_undecodable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_bytes(b"feeds:\n  - id: \xff\xfe\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


# ------------------------------------------------------------------ discovery order


@pytest.fixture
def three_configs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """An explicit file, one named by MONITOR_CONFIG and ./feeds.yaml, each with its own feed id."""
    paths = {}
    for name in ("explicit", "env", "cwd"):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / DEFAULT_CONFIG_NAME
        path.write_text(f"feeds:\n  - id: from-{name}\n    url: https://example.org/{name}\n")
        paths[name] = path
    monkeypatch.chdir(paths["cwd"].parent)
    monkeypatch.delenv("MONITOR_CONFIG", raising=False)
    return paths


def test_explicit_path_wins_over_environment_and_working_directory(
    three_configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_CONFIG", str(three_configs["env"]))
    assert find_config_path(three_configs["explicit"]) == three_configs["explicit"]
    assert load_config(str(three_configs["explicit"])).feeds[0].id == "from-explicit"


def test_environment_wins_over_working_directory(
    three_configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_CONFIG", str(three_configs["env"]))
    assert find_config_path(None) == three_configs["env"]
    assert load_config().feeds[0].id == "from-env"


def test_working_directory_feeds_yaml_is_the_fallback(three_configs: dict[str, Path]) -> None:
    assert find_config_path(None) == Path(DEFAULT_CONFIG_NAME)
    config = load_config()
    assert config.feeds[0].id == "from-cwd"
    assert config.path.resolve() == three_configs["cwd"].resolve()


def test_empty_environment_variable_counts_as_unset(
    three_configs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_CONFIG", "")
    assert load_config().feeds[0].id == "from-cwd"


# ------------------------------------------------------------------ the CLI


def run_monitor(*args: str, cwd: Path, env_config: str | None = None) -> subprocess.CompletedProcess[str]:
    assert MONITOR_COMMAND.exists(), f"{MONITOR_COMMAND} is missing: pip install -e . in the venv"
    env = {key: value for key, value in os.environ.items() if key not in ("MONITOR_CONFIG", "COLUMNS")}
    if env_config is not None:
        env["MONITOR_CONFIG"] = env_config
    # `check` also asks for the secrets the channels name (GOOD_CONFIG's webhook)
    env.setdefault("MONITOR_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    return subprocess.run(
        [str(MONITOR_COMMAND), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def assert_one_clean_error_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{result.stderr}"
    assert expected in lines[0], lines[0]


def test_cli_check_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    # the long tmp path makes the line wider than a terminal: it must still be one line
    bad = tmp_path / "a-rather-long-folder-name-for-the-configuration" / "feeds.yaml"
    bad.parent.mkdir()
    bad.write_text("feeds:\n  - id: a\n    url: https://example.org/feed\n    poll_interval: often\n")
    result = run_monitor("check", "--config", str(bad), cwd=tmp_path)
    assert_one_clean_error_line(result, f"{bad}:4: feeds[0].poll_interval: 'often' is not a duration")


def test_cli_check_reports_invalid_yaml_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds:\n  - id: a\n\turl: https://example.org/feed\n")
    result = run_monitor("check", "--config", str(bad), cwd=tmp_path)
    assert_one_clean_error_line(result, f"{bad}:3: invalid YAML")


def test_cli_check_on_a_missing_file_fails_cleanly(tmp_path: Path) -> None:
    result = run_monitor("check", "--config", str(tmp_path / "nope.yaml"), cwd=tmp_path)
    assert_one_clean_error_line(result, "nope.yaml: no such file")


def test_cli_check_accepts_a_good_file(tmp_path: Path) -> None:
    good = tmp_path / "feeds.yaml"
    good.write_text(GOOD_CONFIG)
    (tmp_path / "feed.xml").write_text("<rss/>")  # `check` verifies a local feed file exists
    result = run_monitor("check", "--config", str(good), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # stdout may be wrapped to the terminal width: compare with whitespace normalised
    summary = " ".join(result.stdout.split())
    assert "ok - 1 feeds, 2 actors, 1 claims, 2 channels, 2 subscriptions" in summary
    assert result.stderr.strip() == ""


def test_cli_check_finds_config_by_environment_then_working_directory(tmp_path: Path) -> None:
    (tmp_path / "feeds.yaml").write_text(GOOD_CONFIG)
    (tmp_path / "feed.xml").write_text("<rss/>")
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds: x\n")
    # MONITOR_CONFIG beats ./feeds.yaml ...
    assert_one_clean_error_line(run_monitor("check", cwd=tmp_path, env_config=str(bad)), f"{bad}:1: feeds")
    # ... --config beats MONITOR_CONFIG ...
    explicit = run_monitor("check", "--config", "feeds.yaml", cwd=tmp_path, env_config=str(bad))
    assert explicit.returncode == 0, explicit.stderr
    # ... and ./feeds.yaml is used when neither is given
    fallback = run_monitor("check", cwd=tmp_path)
    assert fallback.returncode == 0, fallback.stderr
    assert "feeds.yaml: ok" in fallback.stdout


def test_a_key_written_twice_is_an_error_not_a_silent_replacement(tmp_path: Path) -> None:
    text = "feeds:\n  - id: a\n    url: http://x\nchannels: []\nfeeds:\n  - id: b\n    url: http://y\n"
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:5: feeds: duplicate key")


def test_a_bad_language_code_says_what_is_expected(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - id: a\n    url: http://x\n    language: German\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:4: feeds[0].language: expected a two-letter language code")
