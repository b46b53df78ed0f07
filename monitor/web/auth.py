"""Who is asking: users with passwords, API tokens, sessions, CSRF tokens and the login rate limit.

* Passwords are hashed with argon2id (argon2-cffi's defaults, which follow RFC 9106).
* API tokens are 32 random bytes shown once; only their sha256 is stored, so a
  leaked database does not leak usable tokens, and a lookup is one indexed query.
* Sessions live in a signed cookie (Starlette's SessionMiddleware: HttpOnly,
  SameSite=Lax); each session carries a random CSRF token that every
  state-changing request made with the cookie must send back (form field
  ``csrf`` or header ``X-CSRF-Token``). Bearer requests need none: a browser
  never attaches a bearer token on its own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from monitor.store import accounts

TOKEN_PREFIX = "mon_"
_hasher = PasswordHasher()
# a hash to verify against when the user does not exist, so a wrong name costs as long as a
# wrong password and response times do not tell which names exist
_DUMMY_HASH = _hasher.hash("no such user")


@dataclass(frozen=True)
class Principal:
    name: str
    role: str
    via: str  # session | token

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(engine: Engine, name: str, password: str) -> Principal | None:
    with engine.connect() as conn:
        user = accounts.get_user(conn, name)
    stored = user.password_hash if user is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    return Principal(user.name, user.role, "session")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    return secrets.token_urlsafe(12)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_matches(expected: object, given: object) -> bool:
    return (
        isinstance(expected, str)
        and isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(expected.encode(), given.encode())
    )


class LoginLimiter:
    """At most ``attempts`` failed logins per client address and per user name within ``window`` seconds.

    Kept in the process: a web process is one limiter. Both keys count, so
    neither one address trying many names nor many addresses trying one name
    gets more than a few guesses.
    """

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def retry_after(self, address: str, name: str, now: float | None = None) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            waits = [0.0]
            for key in (f"addr:{address}", f"name:{name.lower()}"):
                times = self._recent(key, now)
                if len(times) >= self.attempts:
                    waits.append(times[0] + self.window - now)
            return max(waits)

    def failed(self, address: str, name: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (f"addr:{address}", f"name:{name.lower()}"):
                self._recent(key, now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"name:{name.lower()}", None)
