"""The gate every request passes: find the principal (bearer token or session), refuse the rest.

Done as ASGI middleware rather than a per-route dependency so that no route,
mounted asset folder or future endpoint can be reached by forgetting a
dependency: only the paths in ``OPEN_PATHS`` / ``OPEN_PREFIXES`` are public.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from monitor.store import accounts
from monitor.web.auth import Principal, token_hash

OPEN_PATHS = frozenset({"/healthz", "/login"})
# our own CSS and JS: no data in them, and the login page needs them
OPEN_PREFIXES = ("/static/",)


def identify(engine: Engine, request: Request) -> Principal | None:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        with engine.begin() as conn:
            found = accounts.active_token(conn, token_hash(token.strip()), datetime.now(UTC))
        return Principal(found.name, found.role, "token") if found is not None else None
    name = request.session.get("user") if "session" in request.scope else None
    if not isinstance(name, str):
        return None
    with engine.connect() as conn:
        user = accounts.get_user(conn, name)
    # a deleted user's cookie is worth nothing; a changed role counts at once
    return Principal(user.name, user.role, "session") if user is not None else None


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/metrics"


class AuthGate:
    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = request.url.path
        public = path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)
        principal = None if path == "/healthz" else await run_in_threadpool(identify, self.engine, request)
        scope.setdefault("state", {})["principal"] = principal
        if principal is None and not public:
            await self._refuse(request)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _refuse(request: Request) -> Response:
        if wants_json(request) or "authorization" in request.headers:
            return JSONResponse(
                {"detail": "authentication required: a session cookie or 'Authorization: Bearer <token>'"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
