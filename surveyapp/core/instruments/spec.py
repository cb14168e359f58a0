"""Frozen domain objects describing an instrument, as parsed from its YAML file."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from surveyapp.core.instruments.types.base import ItemType

LANGUAGES = ("fi", "sv", "en")
# A plain-language (selkokieli) Finnish version: its own texts, the same items, codes and numbers.
PLAIN = "selko"
TEXT_KEYS = (*LANGUAGES, PLAIN)
GRADES = tuple(range(4, 11))
MUNICIPALITY_OTHER = "muu"


@dataclass(frozen=True)
class Text:
    """A text in Finnish, with optional Swedish, English and plain-language Finnish (selko) versions."""

    fi: str
    sv: str | None = None
    en: str | None = None
    selko: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang`` (or ``selko``), falling back to Finnish."""
        return getattr(self, lang, None) or self.fi

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, None))


@dataclass(frozen=True)
class Source:
    """Where the instrument text was typed from."""

    file: str
    lines: str
    notes: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """A free-text line that belongs to one choice option ("minkä vuoksi: ____")."""

    max_length: int = 1000
    lines: int = 1


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    value: int | None = None
    dont_know: bool = False
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class Scale:
    """A named ordered scale with its numeric coding."""

    code: str
    options: tuple[Option, ...]
    agreeing: tuple[str, ...] = ()  # the option codes a comparison counts as agreeing

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class Band:
    """A named range of grades, e.g. 9–10 "kiitettävä"."""

    code: str
    label: Text
    min: int
    max: int


@dataclass(frozen=True)
class Item:
    code: str
    text: Text
    number: str | None = None
    required: bool = False
    help: Text | None = None

    type = "item"

    def field_codes(self) -> tuple[str, ...]:
        """The answer codes this item stores (one per matrix row, else its own)."""
        return (self.code,)

    @property
    def unit(self) -> ItemType:
        """The unit of this item's type (types/): its answers, options, summary and macro."""
        from surveyapp.core.instruments import types  # built on this module

        return types.of(self)


@dataclass(frozen=True)
class GradeItem(Item):
    """Finnish school grade 4–10; ``overall``: the form's overall grade, which leads in results."""

    overall: bool = False

    type = "grade"


@dataclass(frozen=True)
class SectionGradeItem(GradeItem):
    """An overall grade for a section ("KOKONAISARVIO …:")."""

    type = "section_grade"


@dataclass(frozen=True)
class ScaleItem(Item):
    scale: Scale = None  # type: ignore[assignment]

    type = "scale"


@dataclass(frozen=True)
class Row:
    """One statement of a matrix."""

    code: str
    text: Text
    number: str | None = None


@dataclass(frozen=True)
class MatrixItem(Item):
    scale: Scale = None  # type: ignore[assignment]
    rows: tuple[Row, ...] = ()

    type = "matrix"

    def field_codes(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.rows)


@dataclass(frozen=True)
class ChoiceItem(Item):
    options: tuple[Option, ...] = ()
    role: str | None = None
    agreeing: tuple[str, ...] = ()  # the option codes a comparison counts as agreeing

    type = "choice"

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class TextItem(Item):
    multiline: bool = False
    max_length: int = 2000
    lines: int = 1

    type = "text"


@dataclass(frozen=True)
class Section:
    code: str
    items: tuple[Item, ...]
    heading: Text | None = None
    intro: Text | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: Text
    source: Source
    sections: tuple[Section, ...]
    closing: Text
    intro: Text | None = None
    language: str = "fi"
    bands: tuple[Band, ...] = ()
    content_hash: str = ""
    path: str = field(default="", compare=False)

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items() if i.code == code), None)

    # Computed once: an instrument never changes (frozen), and every respondent request asks.
    @functools.cached_property
    def municipality_item(self) -> ChoiceItem | None:
        return next(
            (i for i in self.items() if isinstance(i, ChoiceItem) and i.role == "municipality"),
            None,
        )

    @functools.cached_property
    def languages(self) -> tuple[str, ...]:
        """Languages every text of the instrument is written in (Finnish always)."""
        texts = list(_texts(self))
        return tuple(lang for lang in LANGUAGES if all(t.has(lang) for t in texts))

    @functools.cached_property
    def plain_language(self) -> bool:
        """Whether every text has a plain-language Finnish (selko) version."""
        return all(t.has(PLAIN) for t in _texts(self))


def _texts(instrument: Instrument) -> Iterator[Text]:
    yield instrument.title
    yield instrument.closing
    if instrument.intro:
        yield instrument.intro
    for section in instrument.sections:
        yield from (t for t in (section.heading, section.intro) if t)
        for item in section.items:
            yield from item.unit.texts(item)
