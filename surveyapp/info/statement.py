"""What the accessibility statement says about the service itself: its known shortcomings and how it is tested.

Keep this list true: remove an entry when its shortcoming is fixed, add one when a new one is found.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import LazyString

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
    problem: LazyString
    alternative: LazyString


SHORTCOMINGS = (
    # kiosk.views.thanks: the Refresh header after KIOSK_THANKS_SECONDS; the participant cannot pause it.
    Shortcoming(
        "kiosk_thanks", ("2.2.1",),
        _l("Group sessions on a shared tablet"),
        _l("After an answer is sent on the group's shared tablet, the thank-you screen changes to an empty form "
           "for the next person after %(seconds)s seconds. The person who answered cannot pause or lengthen "
           "this time."),
        _l("The answer is saved before the thank-you screen is shown, so nothing is lost when the screen changes. "
           "The group leader can tell the participant that the answer was saved.")),
)


def compliance() -> str:
    """full | partial, from the known shortcomings."""
    return "partial" if SHORTCOMINGS else "full"
