"""Route dependencies: the principal the gate found, editors only, CSRF on cookie requests."""

from __future__ import annotations

from fastapi import HTTPException, Request

from monitor.web.auth import Principal, csrf_matches


def principal(request: Request) -> Principal:
    found = getattr(request.state, "principal", None)
    if not isinstance(found, Principal):  # the gate lets only public paths through without one
        raise HTTPException(401, "authentication required")
    return found


async def check_csrf(request: Request, who: Principal) -> None:
    """A request made with the session cookie must carry the session's CSRF token."""
    if who.via != "session":
        return
    given = request.headers.get("x-csrf-token")
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf")
        given = value if isinstance(value, str) else None
    if not csrf_matches(request.session.get("csrf"), given):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")


async def editor(request: Request) -> Principal:
    """Editors only (mark, mute, resend), and never a cross-site form post."""
    who = principal(request)
    await check_csrf(request, who)
    if not who.can_edit:
        raise HTTPException(403, f"{who.name} is a reader: marking, muting and resending need an editor")
    return who


async def signed_in(request: Request) -> Principal:
    """Any signed-in principal, for state changes of one's own (log out), CSRF checked."""
    who = principal(request)
    await check_csrf(request, who)
    return who
