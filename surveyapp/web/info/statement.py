"""What the accessibility statement says about the service itself: its known shortcomings and how it is tested.

Keep this list true: remove an entry when its shortcoming is fixed, add one when a new one is found.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

# WCAG 2.1 success criteria named in the list, with their names in the official translations.
CRITERIA = {
    "2.2.1": _l("Timing Adjustable"),
}


@dataclass(frozen=True)
class Shortcoming:
    """Content that does not meet a WCAG 2.1 A/AA criterion, and the accessible alternative offered."""

    code: str
    criteria: tuple[str, ...]
    where: LazyString
    problem: LazyString  # %(seconds)s: the value of the setting below
    alternative: LazyString
    seconds_setting: str = "KIOSK_THANKS_SECONDS"


SHORTCOMINGS = (
    # kiosk.views.thanks: the Refresh header after KIOSK_THANKS_SECONDS; the participant cannot pause it.
    Shortcoming(
        "kiosk_thanks",
        ("2.2.1",),
        _l("Group sessions on a shared tablet"),
        _l(
            "After an answer is sent on the group's shared tablet, the thank-you screen changes to an empty form "
            "for the next person after %(seconds)s seconds. The person who answered cannot pause or lengthen "
            "this time."
        ),
        _l(
            "The answer is saved before the thank-you screen is shown, so nothing is lost when the screen changes. "
            "The group leader can tell the participant that the answer was saved."
        ),
    ),
    # kiosk.leader_views.leader_page: the Refresh header after KIOSK_LEADER_SECONDS, which also ends
    # leader mode, so that a leader page left open is never seen by the next participant.
    Shortcoming(
        "kiosk_leader",
        ("2.2.1",),
        _l("The group leader's pages on a shared tablet"),
        _l(
            "On the group's shared tablet, the leader's pages (closing the session and its feedback) change back "
            "to the participants' form after %(seconds)s seconds without use, so that the next participant cannot "
            "see them. There is no warning, and the leader cannot pause or lengthen this time."
        ),
        _l(
            "Nothing is lost: the session is closed as soon as the leader saves it. The leader opens the pages "
            "again with the PIN, and coordinators see the number of answers and the mean grade of a closed session "
            "in their session history with no time limit."
        ),
        seconds_setting="KIOSK_LEADER_SECONDS",
    ),
)


def compliance() -> str:
    """full | partial, from the known shortcomings."""
    return "partial" if SHORTCOMINGS else "full"
