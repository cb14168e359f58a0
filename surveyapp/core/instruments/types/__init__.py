"""One unit per item type: its YAML, answers, options, results summary, codebook and macro.

The loader, answer parsing, results, exports and the form templates ask an item's unit
(``of(item)``) instead of switching on its type. A new type is one module here, one entry
in REGISTRY and one macro in templates/macros/items.html.
"""

from __future__ import annotations

from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types.base import ItemType
from surveyapp.core.instruments.types.base import agreeing_of as agreeing_of  # for the loader
from surveyapp.core.instruments.types.choice import CHOICE
from surveyapp.core.instruments.types.grade import GRADE, SECTION_GRADE
from surveyapp.core.instruments.types.matrix import MATRIX
from surveyapp.core.instruments.types.multi import MULTI
from surveyapp.core.instruments.types.pairing import PAIRING
from surveyapp.core.instruments.types.scale import SCALE
from surveyapp.core.instruments.types.score import SCORE
from surveyapp.core.instruments.types.text import TEXT

# In the order an error message lists them.
REGISTRY: dict[str, ItemType] = {
    unit.name: unit
    for unit in (GRADE, SECTION_GRADE, SCALE, MATRIX, CHOICE, MULTI, TEXT, SCORE, PAIRING)
}


def of(item: spec.Item) -> ItemType:
    """The unit of an item's type."""
    return REGISTRY[item.type]


def message(code: str) -> str | None:
    """The message (an English msgid) of an error code an item type has of its own."""
    return next((u.messages[code] for u in REGISTRY.values() if code in u.messages), None)
