"""Leader mode on a shared tablet: granted by the PIN, bound to one group session, short-lived.

Kept in the signed cookie session as {"id", "until", "closed"}: the group session it was granted
for, the Unix second it lapses (each leader page moves it on by KIOSK_LEADER_SECONDS), and whether
the session was closed under it. It ends when any participant page of the tablet is shown, when it
lapses, and when the session closes (from then on it opens only the review). Nothing of it is in
the database; a coordinator's login does not make a tablet a leader's.
"""

from __future__ import annotations

import time

from flask import current_app, session

from surveyapp.core.models import GroupSession

KEY = "kiosk_leader"


def clock() -> int:
    return int(time.time())


def grant(group_session: GroupSession) -> None:
    session[KEY] = {
        "id": group_session.id,
        "until": clock() + current_app.config["KIOSK_LEADER_SECONDS"],
        "closed": group_session.closed_on is not None,
    }


def active(group_session: GroupSession, *, review: bool = False) -> bool:
    """Whether this tablet is in leader mode for ``group_session``; moves the idle limit on when it is.

    Once the session is closed, leader mode opens only the review (``review=True``).
    """
    state = session.get(KEY)
    if not isinstance(state, dict) or state.get("id") != group_session.id:
        end()
        return False
    if not isinstance(state.get("until"), int) or clock() >= state["until"]:
        end()
        return False
    closed = group_session.closed_on is not None
    if closed and not review:
        return False
    if closed and not state.get("closed"):
        # Closed elsewhere (a coordinator) since the PIN was given: the review needs the PIN again.
        end()
        return False
    session[KEY] = {**state, "until": clock() + current_app.config["KIOSK_LEADER_SECONDS"]}
    return True


def closed_now(group_session: GroupSession) -> None:
    """The leader closed the session: leader mode goes on for the review only."""
    grant(group_session)


def end() -> None:
    session.pop(KEY, None)
