"""What `monitor check` asks of the channels beyond the file: are their secrets there?

feeds.yaml only names the environment variables that hold secrets, so a file can
be valid while a channel can never send (its secret unset, or not whsec_ base64).
Finding that at check time is one line; finding it at the first alert is a
failed delivery.
"""

from __future__ import annotations

from collections.abc import Mapping

from monitor.config import Config, read_secret
from monitor.config.channels import EmailChannelSpec, WebhookChannelSpec
from monitor.delivery.webhook import decode_secret
from monitor.errors import DeliveryError


def channel_problems(config: Config, environ: Mapping[str, str] | None = None) -> list[str]:
    """One line per channel that cannot send as configured ("channels.<id>.<field>: why")."""
    problems: list[str] = []
    for spec in config.channels:
        where = f"channels.{spec.id}"
        if isinstance(spec, WebhookChannelSpec):
            secret = read_secret(spec.secret_env, environ)
            if not secret:
                problems.append(
                    f"{where}.secret_env: {spec.secret_env} (or {spec.secret_env}_FILE) is not set"
                )
                continue
            try:
                decode_secret(secret)
            except DeliveryError as exc:
                problems.append(f"{where}.secret_env: {spec.secret_env}: {exc}")
        elif isinstance(spec, EmailChannelSpec):
            for field, name in (("username_env", spec.username_env), ("password_env", spec.password_env)):
                if name and not read_secret(name, environ):
                    problems.append(f"{where}.{field}: {name} (or {name}_FILE) is not set")
    return problems
