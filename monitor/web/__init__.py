"""The web app and REST API (ASGI): pages, /api/v1, auth, the live alert stream, /metrics.

Reads and writes go through :mod:`monitor.store`; this package builds no SQL.
"""
