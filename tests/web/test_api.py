"""The REST API against the real app on the demo story (SQLite and PostgreSQL, uvicorn on loopback)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
from sqlalchemy import func, select

from monitor.store import alerts as alert_rows
from monitor.store import history
from monitor.store.schema import alerts, articles, claim_observations, deliveries
from tests.web.world import WebWorld

T = "nk-troops-to-russia"


def count(world: WebWorld, query: Any) -> int:
    with world.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def walk(api: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list, following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = api.get(path, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_alerts_page_through_every_alert_once_newest_first(world: WebWorld) -> None:
    api = world.api("reader")
    items = walk(api, "/api/v1/alerts", limit=4)
    assert len(items) == count(world, select(func.count()).select_from(alerts)) > 20
    assert len({a["id"] for a in items}) == len(items)
    keys = [(a["published"], a["id"]) for a in items]
    assert keys == sorted(keys, reverse=True)
    first = items[0]
    assert first["article_url"].startswith("https://demo.monitor.invalid/")
    assert first["sentence"] and first["summary"]


def test_alert_filters(world: WebWorld) -> None:
    api = world.api("reader")
    contradictions = walk(api, "/api/v1/alerts", kind="contradiction", claim=T)
    expected = count(
        world, select(func.count()).where(alerts.c.kind == "contradiction", alerts.c.claim_id == T)
    )
    assert len(contradictions) == expected > 0
    assert all(a["kind"] == "contradiction" and a["claim"] == T for a in contradictions)
    assert all(a["earlier"] for a in contradictions)  # each names what it conflicts with
    april = walk(api, "/api/v1/alerts", since="2025-04-01", until="2025-05-01")
    assert april and all(a["published"] >= "2025-04-01" for a in april)
    by_nato = walk(api, "/api/v1/alerts", source="nato")
    assert by_nato and all("nato" in a["sources"] for a in by_nato)
    with_lee = walk(api, "/api/v1/alerts", actor="lee-seong-kweun")
    assert 0 < len(with_lee) < len(walk(api, "/api/v1/alerts"))
    for alert in with_lee:
        mentioned = api.get(f"/api/v1/articles/{alert['article_id']}").json()["actors"]
        assert "lee-seong-kweun" in mentioned or alert["source"] == "lee-seong-kweun"


def test_bad_input_is_a_clear_400(world: WebWorld) -> None:
    api = world.api("reader")
    for params, word in (
        ({"since": "last tuesday"}, "since"),
        ({"kind": "gossip"}, "kind"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"state": "maybe"}, "state"),
    ):
        response = api.get("/api/v1/alerts", params=params)
        assert response.status_code == 400, params
        assert word in response.json()["detail"]
    assert api.get("/api/v1/alerts", params={"limit": 0}).status_code == 422
    assert api.get("/api/v1/alerts/999999").status_code == 404
    assert api.get("/api/v1/claims/no-such-claim").status_code == 404
    assert api.get("/api/v1/deliveries", params={"status": "lost"}).status_code == 400


def test_claims_and_their_observations(world: WebWorld) -> None:
    api = world.api("reader")
    claims = {c["id"]: c for c in api.get("/api/v1/claims").json()}
    assert {c.id for c in world.config.claims} <= set(claims)
    stored = count(world, select(func.count()).where(claim_observations.c.claim_id == T))
    assert claims[T]["observations"] == stored and claims[T]["kind"] == "figure"
    observations = walk(api, f"/api/v1/claims/{T}/observations", limit=5)
    assert len(observations) == stored
    keys = [(o["published"], o["id"]) for o in observations]
    assert keys == sorted(keys)
    assert all(o["span_low"] <= o["value"] <= o["span_high"] for o in observations)
    deployment = api.get("/api/v1/claims/nk-troops-deployment/observations").json()["items"]
    assert {o["polarity"] for o in deployment} >= {"affirmed", "denied"}


def test_marking_an_alert_wrong_takes_its_figure_out_of_the_history(world: WebWorld) -> None:
    api = world.api("editor")
    target = walk(api, "/api/v1/alerts", claim="nk-troops-killed", kind="new_figure")[0]
    before = walk(api, "/api/v1/claims/nk-troops-killed/observations")
    assert target["observation_id"] in [o["id"] for o in before]
    assert api.post(f"/api/v1/alerts/{target['id']}/wrong").json() == {"changed": True}
    assert api.post(f"/api/v1/alerts/{target['id']}/wrong").json() == {"changed": False}
    after = walk(api, "/api/v1/claims/nk-troops-killed/observations")
    assert [o["id"] for o in after] == [o["id"] for o in before if o["id"] != target["observation_id"]]
    kept = walk(api, "/api/v1/claims/nk-troops-killed/observations", include_wrong="true")
    assert [o["wrong_by"] for o in kept if o["id"] == target["observation_id"]] == ["editor-token"]
    assert api.get(f"/api/v1/alerts/{target['id']}").json()["wrong_by"] == "editor-token"
    assert api.get("/api/v1/claims/nk-troops-killed").json()["marked_wrong"] == 1
    wrong = walk(api, "/api/v1/alerts", state="wrong")
    assert [a["id"] for a in wrong] == [target["id"]]
    with world.engine.connect() as conn:  # and detection's own reader agrees
        assert target["observation_id"] not in [
            o.id for o in history.claim_timeline(conn, "nk-troops-killed")
        ]


def test_mute_hides_a_claims_alerts_when_asked(world: WebWorld) -> None:
    api = world.api("editor")
    claim = "nk-shells-to-russia"
    total = len(walk(api, "/api/v1/alerts"))
    of_claim = len(walk(api, "/api/v1/alerts", claim=claim))
    muted = api.post(f"/api/v1/claims/{claim}/mute", json={"hours": 2})
    assert muted.status_code == 200 and muted.json()["muted_until"] is not None
    assert len(walk(api, "/api/v1/alerts", muted="false")) == total - of_claim > 0
    assert len(walk(api, "/api/v1/alerts")) == total  # muted alerts are still stored and listed on request
    assert api.post(f"/api/v1/claims/{claim}/mute", json={"hours": -1}).status_code == 422
    assert api.delete(f"/api/v1/claims/{claim}/mute").json() == {"changed": True}
    assert len(walk(api, "/api/v1/alerts", muted="false")) == total


def test_deliveries_and_resend(world: WebWorld) -> None:
    api = world.api("editor")
    failed = walk(api, "/api/v1/deliveries", status="failed")
    contradictions = count(world, select(func.count()).where(alerts.c.kind == "contradiction"))
    assert len(failed) == contradictions > 0  # one webhook per contradiction; the port is closed
    assert all("Connection refused" in (d["last_error"] or "") for d in failed)
    one = failed[0]["id"]
    assert api.post(f"/api/v1/deliveries/{one}/resend").json() == {"changed": True}
    assert api.post(f"/api/v1/deliveries/{one}/resend").status_code == 409  # not failed any more
    with world.engine.connect() as conn:
        row = conn.execute(select(deliveries).where(deliveries.c.id == one)).one()
    assert (row.status, row.attempts) == ("pending", 0)


def test_articles_search_and_detail(world: WebWorld) -> None:
    api = world.api("reader")
    everything = walk(api, "/api/v1/articles", limit=3)
    assert len(everything) == count(world, select(func.count()).select_from(articles))
    hits = walk(api, "/api/v1/articles", q="Soldaten Kursk")
    assert hits and all(h["snippet"] for h in hits)
    for hit in hits:  # every word occurs (prefixes and inflections aside: "Soldaten" as written)
        body = api.get(f"/api/v1/articles/{hit['id']}").json()
        assert {"soldaten", "kursk"} <= set(
            (body["title"] + " " + body["text"]).lower().replace(".", " ").split()
        )
    english = walk(api, "/api/v1/articles", q="wounded", actor="nato")
    assert english and all(h["language"] == "en" for h in english)
    assert walk(api, "/api/v1/articles", q="Kursk", until="2024-01-01") == []
    detail = api.get(f"/api/v1/articles/{hits[0]['id']}").json()
    assert detail["text"] and detail["actors"] and detail["observations"]


def test_feeds_metrics_and_openapi(world: WebWorld) -> None:
    api = world.api("reader")
    [feed] = api.get("/api/v1/feeds").json()
    assert feed["id"] == "demo" and feed["last_status"] and feed["consecutive_errors"] == 0
    actors = {a["id"]: a for a in api.get("/api/v1/actors").json()}
    assert actors["peskov"]["speaks_for"] == "russia" and actors["nato"]["articles"] > 0
    metrics = api.get("/metrics")
    assert metrics.status_code == 200
    contradictions = count(world, select(func.count()).where(alerts.c.kind == "contradiction"))
    assert f'monitor_alerts{{kind="contradiction"}} {float(contradictions)}' in metrics.text
    assert 'monitor_articles{status="processed"}' in metrics.text
    assert 'monitor_stage_seconds_count{stage="analyze"}' in metrics.text  # this process ran the pipeline
    schema = api.get("/api/v1/openapi.json").json()
    assert {"/api/v1/alerts", "/api/v1/claims/{claim_id}/observations", "/api/v1/alerts/stream"} <= set(
        schema["paths"]
    )
    docs = api.get("/api/docs")
    assert "/api/docs-assets/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert api.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_the_stream_sends_new_alerts_and_resumes_after_the_last_event(world: WebWorld) -> None:
    api = world.api("reader")
    events: list[tuple[str, dict[str, Any]]] = []
    ready = threading.Event()

    def listen(headers: dict[str, str], want: int) -> None:
        with api.stream("GET", "/api/v1/alerts/stream", headers=headers, timeout=20) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            ready.set()
            event_id = data = None
            for line in response.iter_lines():
                if line.startswith("id: "):
                    event_id = line[4:]
                elif line.startswith("data: "):
                    data = json.loads(line[6:])
                elif line == "" and event_id and data:
                    events.append((event_id, data))
                    event_id = data = None
                    if len(events) >= want:
                        return

    listener = threading.Thread(target=listen, args=({}, 1), daemon=True)
    listener.start()
    assert ready.wait(10)
    time.sleep(0.5)  # the stream starts after the newest alert stored so far
    new_id = _store_alert(world, "stream-1")
    listener.join(15)
    assert [(e, d["id"], d["kind"]) for e, d in events] == [(str(new_id), new_id, "new_figure")]
    # a client that lost the connection continues after its Last-Event-ID, with no gap
    second = _store_alert(world, "stream-2")
    events.clear()
    ready.clear()
    resumed = threading.Thread(target=listen, args=({"Last-Event-ID": str(new_id)}, 1), daemon=True)
    resumed.start()
    resumed.join(15)
    assert [d["id"] for _, d in events] == [second]


def _store_alert(world: WebWorld, key: str) -> int:
    """A new alert row as detection stores it, on an existing observation."""
    from datetime import UTC, datetime

    with world.engine.begin() as conn:
        obs = conn.execute(select(claim_observations).order_by(claim_observations.c.id.desc()).limit(1)).one()
        new_id = alert_rows.insert_alert(
            conn,
            {
                "dedupe_key": f"new_figure:{key}",
                "kind": "new_figure",
                "claim_id": obs.claim_id,
                "observation_id": obs.id,
                "article_id": obs.article_id,
                "value": obs.value,
                "sources": ["test"],
                "summary": f"stream test {key}",
                "details": {"earlier": []},
                "published": obs.published,
                "created_at": datetime.now(UTC),
                "historical": False,
            },
        )
    assert new_id is not None
    return new_id
