"""The forms that make and revoke a share link (a read-only link to a collection's results)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from surveyapp.core import dates, share_links
from surveyapp.core.characters import storable
from surveyapp.web import formats, submissions
from surveyapp.web.forms.checks import TextField, check, text


def last_day(field) -> bool:
    day = dates.parse_date(text(field.data))
    return day is not None and share_links.valid_expiry(day, submissions.today())


class ShareLinkForm(FlaskForm):
    label = TextField(
        _l("Who the link is for"),
        description=_l("Shown only to coordinators, for example Ohjausryhmä 2026."),
        filters=[lambda value: text(value).strip()],
        validators=[
            check(
                lambda f: storable(f.data),
                lambda f: _("The text contains characters that cannot be saved. Please retype it."),
            ),
            check(
                lambda f: 0 < len(f.data) <= share_links.MAX_LABEL,
                lambda f: _(
                    "Name the link (at most %(max)s characters).", max=share_links.MAX_LABEL
                ),
            ),
        ],
        render_kw={"maxlength": share_links.MAX_LABEL},
    )
    expires_on = TextField(
        _l("Last day the link works"),
        description=_l(
            "For example 1.3.2027: at most a year from today. You can revoke it sooner."
        ),
        validators=[
            check(
                last_day,
                lambda f: _(
                    "Give a day from today to %(latest)s, for example %(example)s.",
                    latest=formats.finnish_date(share_links.latest_expiry(submissions.today())),
                    example=formats.finnish_date(share_links.default_expiry(submissions.today())),
                ),
            )
        ],
        render_kw={"inputmode": "numeric"},
    )

    def created_with(self) -> dict:
        """The arguments of share_links.create for a valid form."""
        return {
            "label": self.label.data,
            "expires_on": dates.parse_date(text(self.expires_on.data)),
        }


class RevokeShareLinkForm(FlaskForm):
    """Only the CSRF token: the link to revoke is in the address."""
