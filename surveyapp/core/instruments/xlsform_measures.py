"""Score and pairing-code questions in an XLSForm: read (xlsform_items) and written (xlsform_write).

A score is an ``integer`` with appearance ``score``, the constraint ``. >= MIN and . <= MAX`` and
the column ``higher_is_better`` (yes/no); a pairing code is a ``text`` with appearance
``pairing_card`` or ``pairing_self`` (the kind of code).
"""

from __future__ import annotations

import re

from surveyapp.core.instruments.sheets import N_, Row
from surveyapp.core.instruments.xlsform import _Form, _yes

SCORE_RANGE = re.compile(r"^\.\s*>=\s*(?P<min>-?\d+)\s+and\s+\.\s*<=\s*(?P<max>-?\d+)$")
PAIRING = {"pairing_card": "card", "pairing_self": "self"}
APPEARANCES = {"score", *PAIRING}


def read(form: _Form, row: Row, item: dict) -> None:
    """A score or pairing question's type and keys into ``item`` (its appearance says which)."""
    if row.get("appearance") == "score":
        read_score(form, row, item)
    else:
        item |= {"type": "pairing", "kind": PAIRING[row.get("appearance")]}


def read_score(form: _Form, row: Row, item: dict) -> None:
    constraint = " ".join(str(row.get("constraint") or "").split())
    matched = SCORE_RANGE.match(constraint)
    if matched is None:
        form.error(
            row.place("constraint"),
            N_("A score's constraint gives its range, e.g. '. >= 0 and . <= 100'."),
        )
        return
    if row.get("higher_is_better") is None:
        form.error(
            row.place("higher_is_better"),
            N_("Say whether a higher score is better (yes or no)."),
        )
    item |= {
        "type": "score",
        "min": int(matched["min"]),
        "max": int(matched["max"]),
        "higher_is_better": _yes(form, row, "higher_is_better"),
    }


def written(item: dict, row: dict) -> dict | None:
    """The survey row of a score or pairing item (``row``: its common columns); None for others."""
    if item["type"] == "score":
        return row | {
            "type": "integer",
            "appearance": "score",
            "constraint": f". >= {item['min']} and . <= {item['max']}",
            "higher_is_better": "yes" if item["higher_is_better"] else "no",
        }
    if item["type"] == "pairing":
        kind = item.get("kind", "card")
        return row | {"type": "text", "appearance": f"pairing_{kind}"}
    return None
