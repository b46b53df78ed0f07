"""The HTML pages against the real app on the demo story, through a logged-in session."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import func, select

from monitor.store.schema import alerts, claim_observations, deliveries
from tests.web.world import WebWorld, csrf_of

T = "nk-troops-to-russia"


def count(world: WebWorld, query: object) -> int:
    with world.engine.connect() as conn:
        return int(conn.scalar(query) or 0)  # type: ignore[call-overload]


def marks(svg_html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<circle class="obs"[^>]*data-count="(\d+)"', svg_html)]


def test_alerts_page_lists_the_story_newest_first_with_its_filters(world: WebWorld) -> None:
    page = world.login()
    html = page.get("/alerts").text
    shown = re.findall(r'id="alert-(\d+)"', html)
    assert len(shown) == min(50, count(world, select(func.count()).select_from(alerts)))
    assert "Contradiction on" in html and "<blockquote>" in html and "original ↗" in html
    only = page.get("/alerts", params={"kind": "status_change"}).text
    assert re.findall(r'class="badge status_change"', only) and "badge contradiction" not in only
    bad = page.get("/alerts", params={"since": "yesterday-ish"})
    assert bad.status_code == 400 and "is not a date" in bad.text and "<html" in bad.text


def test_claim_page_draws_one_mark_per_observation_or_counts_the_merged_ones(world: WebWorld) -> None:
    page = world.login()
    for claim in (T, "nk-troops-deployment"):
        html = page.get(f"/claims/{claim}").text
        stored = count(world, select(func.count()).where(claim_observations.c.claim_id == claim))
        assert f'data-observations="{stored}"' in html
        assert sum(marks(html)) == stored
        assert "History" in html and html.count('<tr id="obs-') == stored
    figure = page.get(f"/claims/{T}").text
    assert 'class="conflict"' in figure  # the contradictions are drawn
    assert figure.count('class="alert-mark"') >= 1
    status = page.get("/claims/nk-troops-deployment").text
    assert 'data-kind="status"' in status and 'class="held"' in status
    for lane in ("russia", "ukraine", "south-korea"):
        assert f">{lane}</text>" in status


def test_exports_hold_the_whole_history(world: WebWorld) -> None:
    page = world.login()
    stored = count(world, select(func.count()).where(claim_observations.c.claim_id == T))
    response = page.get(f"/claims/{T}/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == stored and {"value", "qualifier", "source", "outlet", "sentence"} <= set(rows[0])
    data = page.get(f"/claims/{T}/export.json").json()
    assert data["claim"] == T and len(data["observations"]) == stored
    assert [r["id"] for r in rows] == [str(o["id"]) for o in data["observations"]]


def test_article_page_marks_actors_and_findings_and_says_why(world: WebWorld) -> None:
    page = world.login()
    with world.engine.connect() as conn:
        article_id = conn.scalar(
            select(claim_observations.c.article_id).where(claim_observations.c.qualifier == "about").limit(1)
        )
    html = page.get(f"/articles/{article_id}").text
    assert '<mark class="finding">' in html and '<mark class="actor"' in html
    assert "compared as the interval" in html and "widens it" in html
    assert page.get("/articles/999999").status_code == 404


def test_search_feeds_watchlist_pages(world: WebWorld) -> None:
    page = world.login()
    found = page.get("/search", params={"q": "Kreml"}).text
    assert re.findall(r'<li><a href="/articles/\d+">', found) and "<b>" in found
    assert "No article contains" in page.get("/search", params={"q": "zzzqqq"}).text
    feeds = page.get("/feeds").text
    assert "<b>demo</b>" in feeds
    watch = page.get("/watchlist").text
    assert f'href="/claims/{T}"' in watch and "peskov" in watch


def test_resend_and_acknowledge_through_the_forms(world: WebWorld) -> None:
    page = world.login()
    html = page.get("/deliveries", params={"status": "failed"}).text
    failed = re.findall(r'action="/deliveries/(\d+)/resend"', html)
    assert len(failed) == count(world, select(func.count()).where(deliveries.c.status == "failed")) > 0
    done = page.post(f"/deliveries/{failed[0]}/resend", data={"csrf": csrf_of(html), "next": "/deliveries"})
    assert done.status_code == 303 and done.headers["location"] == "/deliveries"
    after = page.get("/deliveries").text
    assert re.search(rf'id="delivery-{failed[0]}" class="status-pending"', after)
    # the next parameter never sends the browser elsewhere
    alert_id = re.findall(r'id="alert-(\d+)"', page.get("/alerts").text)[-1]
    away = page.post(
        f"/alerts/{alert_id}/acknowledge", data={"csrf": csrf_of(after), "next": "//evil.example/"}
    )
    assert away.headers["location"] == "/alerts"
    assert "acknowledged by editor" in page.get(f"/alerts/{alert_id}").text


def test_mute_form_and_the_login_redirect_back(world: WebWorld) -> None:
    page = world.login()
    csrf = csrf_of(page.get("/alerts").text)
    response = page.post(f"/claims/{T}/mute", data={"csrf": csrf, "duration": "1h", "next": f"/claims/{T}"})
    assert response.status_code == 303
    assert "muted until" in page.get(f"/claims/{T}").text
    assert page.post(f"/claims/{T}/mute", data={"csrf": csrf, "duration": "forever"}).status_code == 400
    page.post(f"/claims/{T}/unmute", data={"csrf": csrf})
    assert "muted until" not in page.get(f"/claims/{T}").text
    fresh = world.client()
    assert fresh.get(f"/claims/{T}").headers["location"] == f"/login?next=%2Fclaims%2F{T}"
