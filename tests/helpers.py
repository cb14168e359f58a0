"""Small plain helpers that build test data and drive the forms the way a browser does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.registry import Registry
from surveyapp.core.models import Answer, Collection, Municipality, Project, Response

ROOT_INSTRUMENTS = Path(__file__).resolve().parent.parent / "instruments"
VALPAS = {
    "muhos": "Muhos",
    "utajarvi": "Utajärvi",
    "pudasjarvi": "Pudasjärvi",
    "kemijarvi": "Kemijärvi",
}


def make_collection(
    session,
    instrument_id: str,
    slug: str = "testi",
    *,
    municipalities=("muhos",),
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    audience: str = "participants",
) -> Collection:
    project = session.scalar(select(Project).where(Project.slug == "valpas"))
    if project is None:
        project = Project(slug="valpas", name="VALPAS")
        session.add(project)
    places = []
    for code in municipalities:
        place = session.get(Municipality, code) or Municipality(code=code, name=VALPAS[code])
        session.add(place)
        places.append(place)
    collection = Collection(
        slug=slug,
        title=f"Testi {slug}",
        project=project,
        instrument_id=instrument_id,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        municipalities=places,
    )
    session.add(collection)
    session.commit()
    return collection


def helsinki_today() -> dt.date:
    """The app's idea of today (Europe/Helsinki), which differs from UTC's late in the evening."""
    return dt.datetime.now(ZoneInfo("Europe/Helsinki")).date()


def form_tokens(html: str) -> dict[str, str]:
    """The hidden csrf_token and _key of a rendered form."""
    return {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("csrf_token", "_key")
    }


def submit(
    client, slug: str, answers: dict[str, str], *, follow_redirects: bool = False, tokens=None
):
    """Open the form, then post ``answers`` with the page's own tokens."""
    if tokens is None:
        tokens = form_tokens(client.get(f"/c/{slug}").get_data(as_text=True))
    return client.post(f"/c/{slug}", data={**tokens, **answers}, follow_redirects=follow_redirects)


def count_responses(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Response))


def count_answers(session) -> int:
    return session.scalar(select(func.count()).select_from(Answer))


def make_organisation(session, slug: str = "testiyhdistys", *, projects=("valpas",), **settings):
    """An organisation with complete settings (the default theme), owning the named projects."""
    from surveyapp.core.models import Organisation
    from surveyapp.core.organisations import DEFAULT_THEME

    values = dict(
        name="Testiyhdistys ry",
        email="tietosuoja@testiyhdistys.example",
        a11y_feedback_email="saavutettavuus@testiyhdistys.example",
        legal_basis="legitimate_interest",
        retention_years=5,
        a11y_prepared_on=dt.date(2026, 3, 7),
        a11y_reviewed_on=dt.date(2026, 4, 2),
        a11y_assessment="self",
        changed_on=dt.date(2026, 4, 2),
        **DEFAULT_THEME,
    )
    values.update(settings)
    organisation = Organisation(slug=slug, **values)
    session.add(organisation)
    for project_slug in projects:
        project = session.scalar(select(Project).where(Project.slug == project_slug))
        if project is None:
            project = Project(slug=project_slug, name=project_slug.upper())
            session.add(project)
        project.organisation = organisation
    session.commit()
    return organisation


def finnish_only(instrument, instrument_id: str):
    """A copy of ``instrument`` under another id with its Finnish texts only, as an untranslated form is.

    Every shipped form is translated, so the tests of a Finnish-only form serve such a copy (see serve_also).
    """

    def strip(value):
        if isinstance(value, spec.Text):
            return spec.Text(fi=value.fi)
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(
                value,
                **{
                    f.name: strip(getattr(value, f.name))
                    for f in dataclasses.fields(value)
                    if f.init
                },
            )
        if isinstance(value, tuple):
            return tuple(strip(v) for v in value)
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        return value

    return dataclasses.replace(strip(instrument), id=instrument_id)


def serve_also(app, *instruments) -> None:
    """Add instruments to the ones ``app`` serves (e.g. a finnish_only copy)."""
    registry = app.extensions["surveyapp.instruments"]
    app.extensions["surveyapp.instruments"] = Registry([*registry, *instruments])
