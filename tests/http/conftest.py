"""The loopback server, client and tripwire of :mod:`tests.support.loopback`."""

from tests.support.loopback import (  # noqa: F401 - pytest finds fixtures by name
    client,
    connection_log,
    http_server,
    shared_client,
    shared_http_server,
)
