"""Invitation e-mails through SMTP (smtplib), when MAIL_SERVER is set."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app
from flask_babel import gettext as _


def send_invitation(to: str, name: str, link: str, project: str) -> bool | None:
    """True when sent, False when the server refused or did not answer, None with no MAIL_SERVER."""
    config = current_app.config
    if not config["MAIL_SERVER"]:
        return None
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"] or f"surveyapp@{config['MAIL_SERVER']}"
    message["To"] = to
    message["Subject"] = _("Invitation to %(project)s", project=project)
    message.set_content(
        _(
            "Hello %(name)s,\n\nyou have been invited to the project %(project)s. Open this link "
            "and choose your password:\n\n%(link)s\n\nThe link works once and is valid for 7 days.",
            name=name,
            project=project,
            link=link,
        )
    )
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_STARTTLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("invitation e-mail not sent: %s", type(error).__name__)
        return False
    return True
