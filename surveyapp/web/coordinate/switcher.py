"""The project switcher in the coordinators' header: the projects the logged-in user works in.

Only the user's own projects are offered (every project for an administrator); choosing one
shows the survey list of that project alone (``/coordinate/?project=<slug>``).
"""

from __future__ import annotations

from flask import g
from sqlalchemy import select

from surveyapp.core.models import Project
from surveyapp.web import database
from surveyapp.web.coordinate import bp


def own_projects() -> list[Project]:
    """The projects the user has a role in, by name; none when nobody is logged in."""
    user = g.get("user")
    if user is None:
        return []
    query = select(Project).order_by(Project.name)
    if user.role != "admin":
        query = query.where(Project.id.in_({m.project_id for m in user.memberships}))
    return list(database.session().scalars(query))


def chosen_project(slug: str) -> Project | None:
    """The user's own project of that slug; None for a slug that is not one of theirs."""
    return next((p for p in own_projects() if p.slug == slug), None)


@bp.app_context_processor
def switcher_globals() -> dict:
    """``own_projects()`` for the header of every page built on coordinate/base.html."""
    return {"own_projects": own_projects}
