"""Email channel: smtplib with STARTTLS or implicit TLS, a text and an HTML part.

One message per alert, or for a digest channel one message for all alerts of
a slot (the outbox runner hands them over together). The Message-ID is built
from the delivery's message id, so a retried message is recognisably the same.
SMTP replies 5xx are permanent, 4xx and connection problems are transient.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate

from monitor.config import Settings, read_secret
from monitor.config.channels import ChannelSpec, EmailChannelSpec
from monitor.delivery.channel import Channel, Outgoing
from monitor.delivery.render import email_html, email_subject, email_text
from monitor.errors import DeliveryError


def build_message(spec: EmailChannelSpec, message: Outgoing) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = email_subject(message.alerts)
    mail["From"] = spec.sender
    mail["To"] = ", ".join(spec.to)
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    mail["Message-ID"] = f"<{message.message_id}@monitor.localhost>"
    mail.set_content(email_text(message.alerts))
    mail.add_alternative(email_html(message.alerts), subtype="html")
    return mail


class EmailChannel:
    def __init__(self, spec: EmailChannelSpec, environ: Mapping[str, str] | None = None) -> None:
        self.spec = spec
        self._environ = environ

    def close(self) -> None:
        pass  # one SMTP connection per message, closed after sending

    def _credentials(self) -> tuple[str, str] | None:
        if not self.spec.username_env:
            return None
        username = read_secret(self.spec.username_env, self._environ)
        password = read_secret(self.spec.password_env, self._environ) if self.spec.password_env else None
        if not username or password is None:
            missing = self.spec.password_env if username else self.spec.username_env
            raise DeliveryError(
                f"email channel {self.spec.id}: {missing} (or {missing}_FILE) is not set", permanent=True
            )
        return username, password

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.spec.ca_file:
            context.load_verify_locations(cafile=self.spec.ca_file)
        return context

    def _connect(self) -> smtplib.SMTP:
        spec = self.spec
        if spec.security == "tls":
            return smtplib.SMTP_SSL(
                spec.smtp_host, spec.smtp_port, timeout=spec.timeout_seconds, context=self._tls_context()
            )
        smtp = smtplib.SMTP(spec.smtp_host, spec.smtp_port, timeout=spec.timeout_seconds)
        try:
            if spec.security == "starttls":
                smtp.starttls(context=self._tls_context())
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: Outgoing) -> None:
        credentials = self._credentials()
        mail = build_message(self.spec, message)
        where = f"email {self.spec.smtp_host}:{self.spec.smtp_port}"
        try:
            with self._connect() as smtp:
                if credentials is not None:
                    smtp.login(*credentials)
                refused = smtp.send_message(mail, from_addr=self.spec.sender, to_addrs=list(self.spec.to))
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(
                f"{where}: all recipients refused {codes}", permanent=all(code >= 500 for code in codes)
            ) from exc
        except smtplib.SMTPResponseException as exc:
            detail = (
                exc.smtp_error.decode("utf-8", "replace")
                if isinstance(exc.smtp_error, bytes)
                else str(exc.smtp_error)
            )
            raise DeliveryError(f"{where}: {exc.smtp_code} {detail}", permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(f"{where}: {exc} (check security: starttls/tls)", permanent=True) from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                f"{where}: certificate not trusted: {exc.verify_message}", permanent=True
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:  # timeouts, refused connections, TLS errors
            raise DeliveryError(f"{where}: {type(exc).__name__}: {exc}") from exc
        if refused:
            # some recipients got it: retrying would send it to them twice
            raise DeliveryError(f"{where}: refused by the server for {sorted(refused)}", permanent=True)


def build(spec: ChannelSpec, settings: Settings, environ: Mapping[str, str] | None) -> Channel:
    assert isinstance(spec, EmailChannelSpec)
    return EmailChannel(spec, environ)
