"""What a response keeps besides its answers: the facts the short privacy notice is written from."""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.core.instruments import spec, types


@dataclass(frozen=True)
class Collected:
    precision: str  # day | week | month
    municipality: bool
    free_text: bool


def collected(
    instrument: spec.Instrument, municipalities: int, precision: str, *, kiosk: bool = False
) -> Collected:
    """What a response on this form keeps besides its answers (see core/submission.py)."""
    municipality = kiosk or instrument.municipality_item is not None or municipalities == 1
    free_text = any(
        isinstance(i, spec.TextItem) or any(o.follow_up for o in types.of(i).options(i))
        for i in instrument.items()
    )
    return Collected(precision, municipality, free_text)
