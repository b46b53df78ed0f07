"""Email to a real SMTP server on 127.0.0.1 (aiosmtpd): parts, TLS, login, digests, refusals."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from monitor.delivery.outbox_driver import DeliveryReport, deliver_due
from tests.alerting.factory import all_deliveries
from tests.delivery.alerts import SETTINGS, config_with, raise_some
from tests.delivery.smtp_server import SMTPServer, free_port, smtp_server


def email_channel(server: SMTPServer | None, **extra: Any) -> dict[str, Any]:
    return {
        "id": "mail",
        "type": "email",
        "to": ["desk@example.org", "chief@example.org"],
        "from": "monitor@example.org",
        "smtp_host": "127.0.0.1",
        "smtp_port": server.port if server else free_port(),
        "timeout_seconds": 5,
        "retry_base_seconds": 0.05,
        "retry_max_seconds": 0.2,
        **extra,
    }


def deliver(
    engine: Engine,
    config,
    *,
    now: datetime | None = None,
    environ: dict[str, str] | None = None,
    rounds: int = 1,
) -> DeliveryReport:
    total = DeliveryReport()
    for _ in range(rounds):
        total.add(
            deliver_due(engine, config, worker_id="t", now=now, settings=SETTINGS, environ=environ or {})
        )
    return total


def parts(message) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_one_message_per_alert_with_text_and_escaped_html(sqlite_engine: Engine, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as server:
        config = config_with(tmp_path, email_channel(server))
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config)
        received = server.received
    assert report.sent == 3 and len(received) == 3
    rows = {row["message_id"] for row in all_deliveries(sqlite_engine)}
    for mail in received:
        assert mail.sender == "monitor@example.org"
        assert sorted(mail.recipients) == ["chief@example.org", "desk@example.org"]
        assert mail.message["Subject"].startswith("[monitor] ")
        assert mail.message["Message-ID"].strip("<>").split("@")[0] in rows
    first = next(m for m in received if "12,000" in m.message.get_body(("plain",)).get_content())
    text, html = parts(first.message)
    assert "NIS: 12,000 <b>troops</b> & more" in text  # plain text keeps the quote as written
    assert "&lt;b&gt;troops&lt;/b&gt; &amp; more" in html and "<b>troops" not in html
    assert 'href="https://news.example/a?x=1&amp;y=2"' in html
    # the subject says what changed, not only which claim
    assert first.message["Subject"] == "[monitor] New figure: nk-troops-to-russia 12,000 (nis)"
    subjects = sorted(m.message["Subject"] for m in received)
    assert subjects == [
        "[monitor] Contradiction: nk-troops-to-russia 10,000 (zelensky) vs 12,000 (nis)",
        "[monitor] New figure: nk-troops-to-russia 10,000 (zelensky)",
        "[monitor] New figure: nk-troops-to-russia 12,000 (nis)",
    ]


def test_starttls_and_login_with_a_secret_file(sqlite_engine: Engine, tmp_path: Path) -> None:
    password_file = tmp_path / "smtp-password"
    password_file.write_text("s3cret\n", encoding="utf-8")
    environ = {"SMTP_USER": "alerts", "SMTP_PASSWORD_FILE": str(password_file)}
    with smtp_server(tmp_path, tls="starttls", user=("alerts", "s3cret")) as server:
        config = config_with(
            tmp_path,
            email_channel(
                server,
                security="starttls",
                ca_file=str(server.cert),
                username_env="SMTP_USER",
                password_env="SMTP_PASSWORD",
            ),
        )
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config, environ=environ)
        received = server.received
    assert report.sent == 3 and [m.authenticated_as for m in received] == ["alerts"] * 3


def test_wrong_password_is_permanent(sqlite_engine: Engine, tmp_path: Path) -> None:
    environ = {"SMTP_USER": "alerts", "SMTP_PASSWORD": "wrong"}
    with smtp_server(tmp_path, tls="starttls", user=("alerts", "s3cret")) as server:
        config = config_with(
            tmp_path,
            email_channel(
                server,
                security="starttls",
                ca_file=str(server.cert),
                username_env="SMTP_USER",
                password_env="SMTP_PASSWORD",
            ),
        )
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config, environ=environ)
        assert server.received == []
    assert report.failed == 3 and "535" in all_deliveries(sqlite_engine)[0]["last_error"]


def test_implicit_tls(sqlite_engine: Engine, tmp_path: Path) -> None:
    with smtp_server(tmp_path, tls="implicit") as server:
        config = config_with(tmp_path, email_channel(server, security="tls", ca_file=str(server.cert)))
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config)
        assert report.sent == 3 and len(server.received) == 3


def test_untrusted_certificate_is_permanent(sqlite_engine: Engine, tmp_path: Path) -> None:
    with smtp_server(tmp_path, tls="starttls") as server:
        config = config_with(tmp_path, email_channel(server, security="starttls"))  # no ca_file
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config)
        assert server.received == []
    assert report.failed == 3 and "certificate" in all_deliveries(sqlite_engine)[0]["last_error"]


def test_digest_sends_all_alerts_of_the_slot_in_one_message(db_engine: Engine, tmp_path: Path) -> None:
    now = datetime(2024, 10, 21, 9, 2, tzinfo=UTC)
    with smtp_server(tmp_path) as server:
        config = config_with(tmp_path, email_channel(server, digest_minutes=5))
        raise_some(db_engine, config, now)
        early = deliver(db_engine, config, now=now + timedelta(minutes=1))
        assert early.claimed == 0 and server.received == []
        report = deliver(db_engine, config, now=datetime(2024, 10, 21, 9, 5, tzinfo=UTC))
        received = server.received
    assert report.sent == 3 and len(received) == 1
    mail = received[0].message
    assert mail["Subject"] == "[monitor] 3 alerts (contradiction, new figure)"
    text, html = parts(mail)
    assert text.count("New figure: nk-troops-to-russia") == 2 and text.count("Contradiction:") == 1
    assert html.count("<section>") == 3
    assert {(r["status"], r["attempts"]) for r in all_deliveries(db_engine)} == {("sent", 1)}


def test_a_digest_that_must_be_retried_stays_one_message(db_engine: Engine, tmp_path: Path) -> None:
    now = datetime(2024, 10, 21, 9, 5, tzinfo=UTC)
    with smtp_server(tmp_path, rcpt_reply="421 too busy, try again later") as server:
        config = config_with(tmp_path, email_channel(server, digest_minutes=5))
        raise_some(db_engine, config, datetime(2024, 10, 21, 9, 2, tzinfo=UTC))
        first = deliver(db_engine, config, now=now)
        assert first.retried == 3 and server.received == []
        # one retry time for the whole digest: with one jitter draw per row the
        # rows would come due apart and go out as separate mails
        assert len({row["next_attempt_at"] for row in all_deliveries(db_engine)}) == 1
        server.handler.rcpt_reply = None  # the server is back
        second = deliver(db_engine, config, now=now + timedelta(minutes=5))
        received = server.received
    assert second.sent == 3 and len(received) == 1  # one digest again, not one mail per alert
    assert received[0].message["Subject"].startswith("[monitor] 3 alerts")


def test_refused_recipients_are_permanent(sqlite_engine: Engine, tmp_path: Path) -> None:
    with smtp_server(tmp_path, rcpt_reply="550 no such mailbox") as server:
        config = config_with(tmp_path, email_channel(server))
        raise_some(sqlite_engine, config, datetime.now(UTC))
        report = deliver(sqlite_engine, config, rounds=2)
    assert report.failed == 3 and report.retried == 0
    assert {row["status"] for row in all_deliveries(sqlite_engine)} == {"failed"}


def test_unreachable_server_is_retried_then_failed(sqlite_engine: Engine, tmp_path: Path) -> None:
    config = config_with(tmp_path, email_channel(None, max_attempts=2))
    raise_some(sqlite_engine, config, datetime.now(UTC))
    first = deliver(sqlite_engine, config)
    assert first.retried == 3
    assert {(r["status"], r["attempts"]) for r in all_deliveries(sqlite_engine)} == {("pending", 1)}
    time.sleep(0.25)  # past the (tiny) retry delay
    second = deliver(sqlite_engine, config)
    assert second.failed == 3
    assert {(r["status"], r["attempts"]) for r in all_deliveries(sqlite_engine)} == {("failed", 2)}
