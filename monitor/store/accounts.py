"""Users, API tokens and the web app's signing secret.

Passwords are hashed by the caller (monitor.web.auth, argon2); this module only
stores and finds rows. API tokens are looked up by the sha256 of the token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from monitor.store.schema import api_tokens, users, web_secrets

ROLES = ("reader", "editor")
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    password_hash: str
    role: str
    created_at: datetime


@dataclass(frozen=True)
class Token:
    id: int
    name: str
    role: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class DuplicateName(ValueError):
    """A user with this name exists already."""


def add_user(conn: Connection, name: str, password_hash: str, role: str, now: datetime) -> int:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    try:
        with conn.begin_nested():
            new_id = conn.execute(
                insert(users)
                .values(name=name, password_hash=password_hash, role=role, created_at=now)
                .returning(users.c.id)
            ).scalar_one()
    except IntegrityError:
        raise DuplicateName(name) from None
    return int(new_id)


def get_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return User(**row._mapping) if row is not None else None


def set_password(conn: Connection, name: str, password_hash: str) -> bool:
    result = conn.execute(update(users).where(users.c.name == name).values(password_hash=password_hash))
    return result.rowcount == 1


def list_users(conn: Connection) -> list[User]:
    return [User(**row._mapping) for row in conn.execute(select(users).order_by(users.c.name))]


def count_users(conn: Connection) -> int:
    return int(conn.scalar(select(func.count()).select_from(users)) or 0)


def add_token(conn: Connection, name: str, token_hash: str, role: str, now: datetime) -> int:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    new_id = conn.execute(
        insert(api_tokens)
        .values(name=name, token_hash=token_hash, role=role, created_at=now)
        .returning(api_tokens.c.id)
    ).scalar_one()
    return int(new_id)


_TOKEN_COLUMNS = (
    api_tokens.c.id,
    api_tokens.c.name,
    api_tokens.c.role,
    api_tokens.c.created_at,
    api_tokens.c.last_used_at,
    api_tokens.c.revoked_at,
)


def active_token(conn: Connection, token_hash: str, now: datetime) -> Token | None:
    """The token with this hash unless it was revoked; records when it was last used."""
    row = conn.execute(
        select(*_TOKEN_COLUMNS).where(
            api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    # at most one write a minute per token: a busy API client must not turn every read into a write
    if row.last_used_at is None or row.last_used_at < now - LAST_USED_RESOLUTION:
        conn.execute(update(api_tokens).where(api_tokens.c.id == row.id).values(last_used_at=now))
    return Token(**row._mapping)


def list_tokens(conn: Connection) -> list[Token]:
    return [Token(**row._mapping) for row in conn.execute(select(*_TOKEN_COLUMNS).order_by(api_tokens.c.id))]


def revoke_token(conn: Connection, token_id: int, now: datetime) -> bool:
    result = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount == 1


def secret(conn: Connection, name: str, make: str) -> str:
    """The stored secret ``name``; the first caller stores ``make`` (a race keeps the first)."""
    found = conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == name))
    if found is not None:
        return str(found)
    try:
        with conn.begin_nested():
            conn.execute(insert(web_secrets).values(name=name, value=make))
    except IntegrityError:
        pass
    return str(conn.scalar(select(web_secrets.c.value).where(web_secrets.c.name == name)))
