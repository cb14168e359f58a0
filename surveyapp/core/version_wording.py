"""Answers given against older versions of an uploaded form whose wording differs from the newest.

Results combine a form's versions by question code; where a question, a row or an option was
worded differently in a version that was answered, the reader is told, with each version's words.
Shipped forms keep only their newest file, so only uploaded forms (every version stored) have
older wordings to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from surveyapp.core import stored_instruments
from surveyapp.core.instruments import spec
from surveyapp.core.models import Response, StoredInstrument
from surveyapp.core.reports import Scope
from surveyapp.core.result_tables import Cell, Row, Table, Translate


@dataclass(frozen=True)
class Wording:
    """One text that differs between answered versions: where it is, and its words per version."""

    question: str  # the question's number and text in the newest version
    part: str  # "" for the question itself, else the row's or option's newest text
    texts: tuple[str, ...]  # in the order of Differences.versions ("" where a version lacks it)


@dataclass(frozen=True)
class Differences:
    versions: tuple[int, ...]  # the answered versions, oldest first
    wordings: tuple[Wording, ...]


def answered_versions(db: Session, scope: Scope) -> list[int]:
    """The versions of the scope's form its collections' responses were given against."""
    return sorted(
        db.scalars(
            select(Response.instrument_version)
            .where(
                Response.instrument_id == scope.instrument_id,
                Response.collection_id.in_(scope.collection_ids),
            )
            .distinct()
        )
    )


def stored_specs(db: Session, instrument_id: str, versions: list[int]) -> list[spec.Instrument]:
    """The stored specs of those versions of an uploaded form (none for a shipped form)."""
    rows = db.scalars(
        select(StoredInstrument)
        .where(
            StoredInstrument.instrument_id == instrument_id,
            StoredInstrument.version.in_(versions),
        )
        .order_by(StoredInstrument.version)
    )
    return [stored_instruments.spec_of(row) for row in rows]


def texts(instrument: spec.Instrument, lang: str) -> dict[tuple[str, ...], str]:
    """Every question's, row's and option's text by where it is (codes), in ``lang``."""
    found: dict[tuple[str, ...], str] = {}
    for item in instrument.items():
        found[(item.code,)] = item.text.get(lang)
        for row in getattr(item, "rows", ()):
            found[(item.code, "row", row.code)] = row.text.get(lang)
        scale = getattr(item, "scale", None)
        for option in (*getattr(item, "options", ()), *(scale.options if scale else ())):
            found[(item.code, "option", option.code)] = option.label.get(lang)
    return found


def differences(versions: list[spec.Instrument], lang: str) -> Differences | None:
    """What the versions (oldest first, the newest last) word differently; None if nothing."""
    if len(versions) < 2:
        return None
    worded = [texts(v, lang) for v in versions]
    keys = list(dict.fromkeys(key for words in reversed(worded) for key in words))
    wordings = []
    for key in keys:
        each = tuple(words.get(key, "") for words in worded)
        if len(set(each)) == 1:
            continue
        item = next(v.item(key[0]) for v in reversed(versions) if v.item(key[0]))
        question = " ".join(p for p in (item.number or "", item.text.get(lang)) if p)
        part = "" if len(key) == 1 else next(w for w in reversed(each) if w)
        wordings.append(Wording(question, part, each))
    if not wordings:
        return None
    return Differences(tuple(v.version for v in versions), tuple(wordings))


def for_scope(db: Session, scope: Scope, lang: str) -> Differences | None:
    """The differing wordings of the versions the scope's answers were given against."""
    answered = answered_versions(db, scope)
    if len(answered) < 2:
        return None
    return differences(stored_specs(db, scope.instrument_id, answered), lang)


def table(found: Differences, _: Translate, printed: bool = False) -> Table:
    """The differing texts as a table: one row per text, one column per answered version."""
    return Table(
        caption=_("Texts worded differently in the versions answered"),
        headers=(
            _("Question"),
            *(_("Version %(version)s", version=v) for v in found.versions),
        ),
        rows=tuple(
            Row(
                f"{w.question}: {w.part}" if w.part else w.question,
                tuple(Cell(text or None, "text") for text in w.texts),
            )
            for w in found.wordings
        ),
        css=None if printed else "list",
        note=_(
            "Answers were given against versions %(versions)s of the form. The results combine "
            "them by question, with the newest version's words; the table shows each version's.",
            versions=", ".join(str(v) for v in found.versions),
        ),
    )


def sheet(found: Differences) -> list[list[str]]:
    """The differing texts for an export's sheet: question, row or option, each version's words."""
    return [
        ["question", "part", *(f"version {v}" for v in found.versions)],
        *([w.question, w.part, *w.texts] for w in found.wordings),
    ]
