"""Outgoing HTTP: the one client factory (``client``), the private-address guard
(``guard``) and URL redaction for messages and logs (``redact``)."""
