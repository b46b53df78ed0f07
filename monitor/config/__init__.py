"""Configuration: feeds.yaml (feeds, watchlist, claims, channels) and the process environment.

The package's public surface; its modules are ``feeds_file`` (loading and
validation with file:line errors), ``environment`` (settings and secrets from
the environment) and ``channels`` (channel and subscription specs).
"""

from monitor.config.channels import ChannelSpec, SubscriptionSpec
from monitor.config.environment import DEFAULT_DATABASE_URL, Settings, read_secret
from monitor.config.feeds_file import (
    DEFAULT_CONFIG_NAME,
    Config,
    ConfigModel,
    FeedSpec,
    PolitenessSpec,
    find_config_path,
    load_config,
    parse_config,
    parse_duration,
)

__all__ = [
    "DEFAULT_CONFIG_NAME",
    "DEFAULT_DATABASE_URL",
    "ChannelSpec",
    "Config",
    "ConfigModel",
    "FeedSpec",
    "PolitenessSpec",
    "Settings",
    "SubscriptionSpec",
    "find_config_path",
    "load_config",
    "parse_config",
    "parse_duration",
    "read_secret",
]
