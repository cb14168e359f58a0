"""People in projects: their roles, invitations by a one-time link, and removal.

An invitation's link carries a random token; only its SHA-256 is stored, with the e-mail address,
the project, the role and the Unix second it expires (7 days). Accepting deletes the row in the same
transaction that creates the account, so a link works once even when sent twice at the same moment.
Removing a person from a project ends every login of theirs at once; an account left with no
project (and not an administrator) is deleted.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from surveyapp.core import logins
from surveyapp.core.models import GroupSession, Invitation, Membership, Project, User
from surveyapp.core.users import create_user, find_user

INVITATION_SECONDS = 7 * 24 * 60 * 60
# Roles a project's coordinator may give and take away; coordinators are appointed by administrators.
COORDINATOR_MAY_MANAGE = ("group_leader", "steering_reader")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def may_manage(user: User, project: Project, role: str) -> bool:
    """Whether ``user`` may invite someone to, or remove someone from, ``role`` in ``project``."""
    mine = user.role_in(project)
    return mine == "admin" or (mine == "coordinator" and role in COORDINATOR_MAY_MANAGE)


def members(db: Session, project: Project) -> list[tuple[User, str]]:
    rows = db.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.project_id == project.id)
        .order_by(User.name, User.email)
    )
    return [(user, role) for user, role in rows]


def membership(db: Session, user: User, project: Project) -> Membership | None:
    return db.get(Membership, (user.id, project.id))


def give_role(db: Session, user: User, project: Project, role: str) -> None:
    """``user`` has ``role`` in ``project`` (replacing any other role there)."""
    found = membership(db, user, project)
    if found is None:
        db.add(Membership(user_id=user.id, project_id=project.id, role=role))
    else:
        found.role = role
    db.flush()
    db.expire(user, ["memberships", "projects"])


def invite(
    db: Session, *, project: Project, email: str, name: str, role: str, now: int
) -> str | None:
    """A new invitation's token (for the link), or None when the address has an account already:
    then that account simply gets the role (no link, so nobody can set another's password)."""
    email = email.strip().lower()
    existing = find_user(db, email)
    if existing is not None:
        give_role(db, existing, project, role)
        return None
    token = secrets.token_urlsafe(32)
    db.add(
        Invitation(
            token_hash=digest(token),
            email=email,
            name=name,
            project_id=project.id,
            role=role,
            expires=now + INVITATION_SECONDS,
        )
    )
    db.flush()
    return token


def pending(db: Session, project: Project, now: int) -> list[Invitation]:
    return list(
        db.scalars(
            select(Invitation)
            .where(Invitation.project_id == project.id, Invitation.expires > now)
            .order_by(Invitation.email)
        )
    )


def find_invitation(db: Session, token: object, now: int) -> Invitation | None:
    """The invitation of a link, while it is valid; None for unknown, used and expired ones alike."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    found = db.get(Invitation, digest(token))
    return found if found is not None and found.expires > now else None


def accept(db: Session, token: str, *, password: str, now: int) -> User | None:
    """The new account with its role, or None when the link is not (or no longer) valid.

    The invitation is deleted by a statement that counts what it deleted: of two acceptances at
    once, one deletes the row and the other finds none."""
    invitation = find_invitation(db, token, now)
    if invitation is None or find_user(db, invitation.email) is not None:
        return None
    email, name, project_id, role = (
        invitation.email,
        invitation.name,
        invitation.project_id,
        invitation.role,
    )
    deleted = db.execute(
        delete(Invitation).where(
            Invitation.token_hash == invitation.token_hash, Invitation.expires > now
        )
    ).rowcount
    if deleted != 1:
        return None
    db.expunge(invitation)
    user = create_user(db, email=email, name=name, password=password, role="coordinator")
    db.add(Membership(user_id=user.id, project_id=project_id, role=role))
    db.flush()
    return user


def pending_for(db: Session, project: Project, email: str, now: int) -> list[Invitation]:
    """The project's valid invitations to ``email``."""
    return [i for i in pending(db, project, now) if i.email == email]


def withdraw(db: Session, project: Project, email: str) -> None:
    """Delete the project's invitations to ``email``, so their links no longer work."""
    db.execute(
        delete(Invitation).where(Invitation.project_id == project.id, Invitation.email == email)
    )


def remove(db: Session, user: User, project: Project) -> int:
    """Take ``user`` out of ``project`` and end every login of theirs; returns the logins ended.

    An account left with no project, unless an administrator's, is deleted with its logins."""
    db.execute(
        delete(Membership).where(Membership.user_id == user.id, Membership.project_id == project.id)
    )
    ended = logins.end_all(db, user)
    db.flush()
    db.expire(user, ["memberships", "projects"])
    left = db.scalar(select(Membership.project_id).where(Membership.user_id == user.id).limit(1))
    if left is None and user.role != "admin":
        db.execute(
            update(GroupSession).where(GroupSession.leader_id == user.id).values(leader_id=None)
        )
        db.delete(user)
        db.flush()
    return ended
