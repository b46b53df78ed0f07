"""Opaque pagination cursors: the sort key of the last row of a page, base64url JSON."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from fastapi import HTTPException


def encode(*parts: datetime | int) -> str:
    raw = [p.isoformat() if isinstance(p, datetime) else p for p in parts]
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[object]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise HTTPException(400, "cursor: not a cursor this API gave out") from None
    if not isinstance(raw, list):
        raise HTTPException(400, "cursor: not a cursor this API gave out")
    return raw


def time_key(cursor: str | None) -> tuple[datetime, int] | None:
    if not cursor:
        return None
    raw = _decode(cursor)
    try:
        when, ident = raw
        if not isinstance(when, str) or not isinstance(ident, int):
            raise ValueError
        return datetime.fromisoformat(when), ident
    except ValueError:
        raise HTTPException(400, "cursor: not a cursor this API gave out") from None


def id_key(cursor: str | None) -> int | None:
    if not cursor:
        return None
    raw = _decode(cursor)
    if len(raw) != 1 or not isinstance(raw[0], int):
        raise HTTPException(400, "cursor: not a cursor this API gave out")
    return raw[0]
