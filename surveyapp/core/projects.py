"""Projects: created, renamed and archived by administrators, each owned by an organisation.

An archived project keeps its results readable and takes no answers: no web form, kiosk or paper
entry accepts one, and no new survey or group session is made in it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core.models import Collection, Organisation, Project

NAME_MAX = 200


def slug_taken(db: Session, slug: str) -> bool:
    return db.scalar(select(Project.id).where(Project.slug == slug)) is not None


def create(db: Session, *, slug: str, name: str, organisation: Organisation | None) -> Project:
    project = Project(slug=slug, name=name, organisation=organisation)
    db.add(project)
    db.flush()
    return project


def change(
    project: Project, *, name: str, organisation: Organisation | None, archived: bool
) -> None:
    project.name = name
    project.organisation = organisation
    project.archived = archived


def takes_answers(collection: Collection) -> bool:
    """False once the collection's project is archived."""
    return not collection.project.archived


def all_projects(db: Session) -> list[Project]:
    return list(db.scalars(select(Project).order_by(Project.archived, Project.name)))
