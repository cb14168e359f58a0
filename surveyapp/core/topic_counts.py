"""How many written answers each theme (topic) has, small groups protected, and the "you said, we did" page.

Counts are taken only over a cell or margin of the collection's protected table (results.selection),
the selections whose written answers the results page lists: every one 0 or at least k answers, so
no difference of two counts reaches a smaller group (docs/disclosure.md). Where the table or the
selection is under k, no count is published, only the themes and their replies.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from surveyapp.core import protection, reports, topics
from surveyapp.core.models import Answer, Collection, Topic, TopicTag
from surveyapp.core.result_tables import Cell, Row, Table, Translate
from surveyapp.core.stats import share
from surveyapp.core.summaries import number


@dataclass(frozen=True)
class TopicCount:
    topic: Topic
    n: int  # written answers tagged with it
    share: Fraction | None  # of the written answers selected


@dataclass(frozen=True)
class Counts:
    min_cell: int
    hidden: bool  # fewer than min_cell responses selected (or the table withheld): no count at all
    written: int  # written answers selected
    untagged: int  # of them without any theme
    rows: tuple[TopicCount, ...]


def _tag_matches_answer():
    return and_(Answer.response_id == TopicTag.response_id, Answer.item_code == TopicTag.item_code)


def count(
    db: Session, collection: Collection, table: protection.Table, filters: reports.Filters
) -> Counts:
    """Each theme's written answers in one selection of the protected table (``results.selection``)."""
    scope = reports.Scope(collection.instrument_id, (collection.id,))
    themes = topics.of_collection(db, collection)
    responses = sum(c.n for c in reports.response_cells(db, scope, filters))
    if table.hidden or responses < table.min_cell:
        return Counts(table.min_cell, True, 0, 0, tuple(TopicCount(t, 0, None) for t in themes))
    selected = (*reports.answer_conditions(scope, filters), Answer.text.is_not(None))
    written = db.scalar(select(func.count()).select_from(Answer).where(*selected))
    tagged = dict(
        db.execute(
            select(TopicTag.topic_id, func.count())
            .join(Answer, _tag_matches_answer())
            .where(*selected, TopicTag.topic_id.in_([t.id for t in themes]))
            .group_by(TopicTag.topic_id)
        ).all()
    )
    any_tag = exists().where(
        _tag_matches_answer(),
        TopicTag.topic_id.in_(select(Topic.id).where(Topic.collection_id == collection.id)),
    )
    untagged = db.scalar(select(func.count()).select_from(Answer).where(*selected, ~any_tag))
    rows = tuple(
        TopicCount(t, tagged.get(t.id, 0), share(tagged.get(t.id, 0), written)) for t in themes
    )
    return Counts(table.min_cell, False, written, untagged, rows)


def table(counts: Counts, language: str, _: Translate) -> Table:
    """The counts as a table for macros/tables.html (the topics page and the PDF report)."""
    rows = []
    for row in counts.rows:
        name, name_language = topics.in_language(row.topic, "name", language)
        rows.append(
            Row(
                label=name,
                cells=(Cell(row.n), Cell(row.share, "percent")),
                attrs=(("data-topic", row.topic.id),)
                + ((("lang", name_language),) if name_language != language else ()),
            )
        )
    rows.append(
        Row(
            label=_("No theme yet"),
            cells=(Cell(counts.untagged), Cell(share(counts.untagged, counts.written), "percent")),
            attrs=(("data-topic", ""),),
        )
    )
    return Table(
        caption=_("Themes of the written answers (n = %(n)s)", n=counts.written),
        headers=(_("Theme"), _("Written answers"), _("Share of the written answers")),
        rows=tuple(rows),
        css="data",
        attrs=(("data-topics", None),),
        note=_(
            "One written answer can have several themes, so the shares can add up to more than 100 %."
        ),
    )


def for_report(
    db: Session, collection: Collection, table_: protection.Table, language: str, _: Translate
) -> Table | None:
    """The whole collection's counts for the PDF report; None without themes or under the limit."""
    counts = count(db, collection, table_, reports.Filters())
    return None if counts.hidden or not counts.rows else table(counts, language, _)


def as_data(counts: Counts) -> dict:
    """The counts for the results JSON; nothing but the themes when hidden."""
    return {
        "hidden": counts.hidden,
        "written": None if counts.hidden else counts.written,
        "untagged": None if counts.hidden else counts.untagged,
        "topics": [
            {
                "name": row.topic.name,
                "name_sv": row.topic.name_sv,
                "name_en": row.topic.name_en,
                "n": None if counts.hidden else row.n,
                "share_percent": None if counts.hidden else number(row.share, 1),
            }
            for row in counts.rows
        ],
    }


@dataclass(frozen=True)
class Shown:
    """One theme on the "you said, we did" page, in the reader's language where it has one."""

    name: str
    name_language: str
    n: int | None  # None: not published (too few answers)
    reply: str | None
    reply_language: str
    quote: str | None


def page(
    db: Session, collection: Collection, table: protection.Table, language: str
) -> list[Shown]:
    """The themes of the whole collection, their counts (when published), replies and chosen quotes."""
    counts = count(db, collection, table, reports.Filters())
    shown = []
    for row in counts.rows:
        name, name_language = topics.in_language(row.topic, "name", language)
        reply, reply_language = topics.in_language(row.topic, "reply", language)
        shown.append(
            Shown(
                name=name,
                name_language=name_language,
                n=None if counts.hidden else row.n,
                reply=reply,
                reply_language=reply_language,
                quote=None if counts.hidden else topics.quote(db, row.topic),
            )
        )
    return shown
