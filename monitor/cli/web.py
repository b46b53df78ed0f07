"""The web app and its access: ``monitor web``, ``monitor users ...``, ``monitor tokens ...``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from monitor.cli.app import ConfigOption, app, clean_errors, console, fail, load_context, setup_logging
from monitor.pipeline.services import Services
from monitor.store import accounts, db

users_app = typer.Typer(help="Web app users (reader or editor).", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for 'Authorization: Bearer'.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")

RoleOption = Annotated[str, typer.Option("--role", help="reader (look) or editor (also mark, mute, resend).")]


def _engine() -> Engine:
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.config import Settings

    engine = db.make_engine(Settings.from_env().database_url)
    db.upgrade(engine)
    return engine


def _check_role(role: str) -> None:
    if role not in accounts.ROLES:
        fail(f"--role: {role!r} is not one of {', '.join(accounts.ROLES)}")


def queue_depths_from_env() -> Callable[[], Mapping[str, int]] | None:
    """In the distributed mode (MONITOR_BROKER_URL set): a reader of the Celery queue lengths."""
    if not os.environ.get("MONITOR_BROKER_URL"):
        return None
    # late import: a command imports only what it runs (fast --help and light commands)
    import redis

    # late import: a command imports only what it runs (fast --help and light commands)
    from workers.settings import WorkerSettings
    from workers.status import queue_lengths

    settings = WorkerSettings.from_env()
    client = redis.Redis.from_url(settings.broker_url, socket_timeout=2, socket_connect_timeout=2)

    def depths() -> Mapping[str, int]:
        return queue_lengths(client, settings.key_prefix)

    return depths


@app.command()
@clean_errors
def web(
    config: ConfigOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8080,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Send the session cookie over HTTPS only (behind TLS).")
    ] = False,
) -> None:
    """Serve the web app and the REST API (http://127.0.0.1:8080 by default)."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.web.app import create_app
    from monitor.web.serve import ensure_first_user, server

    setup_logging()
    ctx = load_context(config)
    engine = db.make_engine(ctx.settings.database_url)
    db.upgrade(engine)
    first = ensure_first_user(engine)
    if first is not None:
        print_first_user(*first)
    application = create_app(
        ctx.config, engine, secure_cookies=secure_cookies, queue_depths=queue_depths_from_env()
    )
    console.print(f"web app on http://{host}:{port}  (API docs: /api/docs)", highlight=False)
    server(application, host, port).run()


def serve_beside(services: Services, bind: str) -> None:
    """The web app on a thread of the embedded runner's process (``monitor run --web``)."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.web.app import create_app
    from monitor.web.serve import ensure_first_user, parse_bind, start_in_thread

    try:
        host, port = parse_bind(bind)
    except ValueError as exc:
        fail(f"--web: {exc}")
    first = ensure_first_user(services.engine)
    if first is not None:
        print_first_user(*first)
    try:
        start_in_thread(create_app(services.config, services.engine), host, port)
    except OSError as exc:
        fail(f"--web: {exc} (is another process using the port?)")
    console.print(f"web app on http://{host}:{port}  (API docs: /api/docs)", highlight=False)


def print_first_user(name: str, password: str) -> None:
    console.print(
        f"\nfirst start: created the editor [bold]{escape(name)}[/] with the password "
        f"[bold]{escape(password)}[/]\n(shown once; change it with `monitor users passwd {escape(name)}`)\n",
        highlight=False,
    )


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("the password must have at least 8 characters")
    return password


@users_app.command("add")
@clean_errors
def users_add(
    name: str,
    role: RoleOption = "reader",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Add a user (asks for the password)."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.clock import utcnow
    from monitor.web.auth import hash_password

    _check_role(role)
    if not name.strip() or len(name) > 200:
        fail("the name must have 1 to 200 characters")
    password = _read_password(password_stdin)
    engine = _engine()
    try:
        with engine.begin() as conn:
            accounts.add_user(conn, name, hash_password(password), role, utcnow())
    except accounts.DuplicateName:
        fail(f"a user {name!r} exists already (change the password with `monitor users passwd {name}`)")
    console.print(f"added {role} {name}", highlight=False)


@users_app.command("passwd")
@clean_errors
def users_passwd(
    name: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Set a user's password."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.web.auth import hash_password

    password = _read_password(password_stdin)
    with _engine().begin() as conn:
        if not accounts.set_password(conn, name, hash_password(password)):
            fail(f"no user {name!r}")
    console.print(f"password of {name} changed", highlight=False)


@users_app.command("list")
@clean_errors
def users_list() -> None:
    """The users and their roles."""
    with _engine().connect() as conn:
        rows = accounts.list_users(conn)
    table = Table("name", "role", "created")
    for user in rows:
        table.add_row(escape(user.name), user.role, f"{user.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


@tokens_app.command("create")
@clean_errors
def tokens_create(name: str, role: RoleOption = "reader") -> None:
    """Create an API token; it is printed once and stored only as a hash."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.clock import utcnow
    from monitor.web.auth import new_token, token_hash

    _check_role(role)
    token = new_token()
    with _engine().begin() as conn:
        token_id = accounts.add_token(conn, name, token_hash(token), role, utcnow())
    err = typer.echo
    err(f"token {token_id} ({name}, {role}); it is shown only now:", err=True)
    typer.echo(token)


@tokens_app.command("list")
@clean_errors
def tokens_list() -> None:
    """API tokens (never the tokens themselves)."""
    with _engine().connect() as conn:
        rows = accounts.list_tokens(conn)
    table = Table("id", "name", "role", "created", "last used", "revoked")
    for t in rows:
        table.add_row(
            str(t.id),
            escape(t.name),
            t.role,
            f"{t.created_at:%Y-%m-%d %H:%M}",
            f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "-",
            f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "-",
        )
    console.print(table)


@tokens_app.command("revoke")
@clean_errors
def tokens_revoke(token_id: int) -> None:
    """Revoke an API token at once (requests with it get 401)."""
    # late import: a command imports only what it runs (fast --help and light commands)
    from monitor.clock import utcnow

    with _engine().begin() as conn:
        if not accounts.revoke_token(conn, token_id, utcnow()):
            fail(f"no active token {token_id}")
    console.print(f"token {token_id} revoked", highlight=False)
