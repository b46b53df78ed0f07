"""The ASGI application: ``create_app(config, engine)``; ``monitor web`` serves it with uvicorn."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from monitor.config import Config, read_secret
from monitor.store import accounts
from monitor.store.alert_queries import last_alert_id
from monitor.web import api, metrics, pages, present, stream
from monitor.web.context import HERE, WebContext
from monitor.web.gate import AuthGate, wants_json

SESSION_HOURS = 12


def session_secret(engine: Engine) -> str:
    """$MONITOR_WEB_SECRET (or its _FILE), else a random key made once and kept in the database."""
    configured = read_secret("MONITOR_WEB_SECRET")
    if configured:
        return configured
    with engine.begin() as conn:
        return accounts.secret(conn, "session", secrets.token_urlsafe(48))


def create_app(
    config: Config,
    engine: Engine,
    *,
    secure_cookies: bool = False,
    stream_interval: float = 1.0,
    queue_depths: Callable[[], Mapping[str, int]] | None = None,
) -> FastAPI:
    app = FastAPI(
        title="monitor",
        summary="Alerts, claims and their histories, articles, feeds and deliveries of a monitor service.",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    present.install(templates)
    app.state.web = WebContext(
        engine=engine, config=config, templates=templates, stream_interval=stream_interval
    )

    # the stream first: /api/v1/alerts/stream must not be read as the alert with id "stream"
    app.include_router(stream.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(metrics.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount(
        "/api/docs-assets", StaticFiles(directory=str(Path(swagger_ui_bundle.swagger_ui_path))), name="docs"
    )

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        try:
            with engine.connect() as conn:
                last_alert_id(conn)
        except Exception as exc:  # noqa: BLE001 - any database failure makes the service unhealthy
            return JSONResponse({"status": "error", "database": exc.__class__.__name__}, status_code=503)
        return JSONResponse({"status": "ok"})

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/v1/openapi.json",
            title="monitor API",
            swagger_js_url="/api/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs-assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    # the gate runs inside the session middleware (added last = outermost), so it can read the cookie
    app.add_middleware(AuthGate, engine=engine)
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(engine),
        session_cookie="monitor_session",
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=secure_cookies,
    )
    return app
