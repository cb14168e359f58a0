"""Themes of a collection's written answers ("teemat"): defining them, tagging answers, the quote.

Called ``topic`` in code because ``theme`` is an organisation's colours (themes.py). Answers are
listed exactly as the results page lists them (reports.texts: the same filters, random-id order)
and named on a page by a keyed token, never by their response's id, so the page shows nothing of
when an answer came. Counts and the public page are in topic_counts.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from surveyapp.core import reports
from surveyapp.core.models import Answer, Collection, Topic, TopicPage, TopicTag

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Texts:
    """A topic's name and reply, Finnish required, Swedish and English optional (None: not given)."""

    name: str
    name_sv: str | None = None
    name_en: str | None = None
    reply: str | None = None
    reply_sv: str | None = None
    reply_en: str | None = None


@dataclass(frozen=True)
class Written:
    """One written answer on a tagging page: its token, question, text and the topics it has."""

    token: str
    item_code: str
    choice_code: str | None
    text: str
    topics: frozenset[str]  # topic ids


class ChangedList(Exception):
    """A posted answer token is not on the list any more (the filter or the answers changed)."""


def in_language(topic: Topic, field: str, language: str) -> tuple[str | None, str]:
    """(``field``'s text in ``language``, its language): Swedish or English where given, else Finnish."""
    own = getattr(topic, f"{field}_{language}", None) if language in ("sv", "en") else None
    return (own, language) if own else (getattr(topic, field), "fi")


def of_collection(db: Session, collection: Collection) -> list[Topic]:
    found = db.scalars(select(Topic).where(Topic.collection_id == collection.id))
    return sorted(found, key=lambda t: (t.name.casefold(), t.id))


def get(db: Session, collection: Collection, topic_id: str) -> Topic | None:
    topic = db.get(Topic, topic_id)
    return topic if topic is not None and topic.collection_id == collection.id else None


def create(db: Session, collection: Collection, texts: Texts) -> Topic:
    topic = Topic(collection_id=collection.id, **_cleaned(texts))
    db.add(topic)
    db.flush()
    return topic


def change(topic: Topic, texts: Texts) -> None:
    for name, value in _cleaned(texts).items():
        setattr(topic, name, value)


def _cleaned(texts: Texts) -> dict[str, str | None]:
    """Each text stripped; an empty optional text is None (not given)."""
    values = {
        name: (getattr(texts, name) or "").strip() or None for name in Texts.__dataclass_fields__
    }
    values["name"] = texts.name.strip()
    return values


def tag_count(db: Session, topic: Topic) -> int:
    return db.scalar(select(func.count()).where(TopicTag.topic_id == topic.id))


def remove(db: Session, topic: Topic) -> None:
    """Delete a topic and its tags (explicitly: not every SQLite connection enforces cascades)."""
    db.execute(delete(TopicTag).where(TopicTag.topic_id == topic.id))
    db.delete(topic)
    db.flush()


def token(key: bytes, place: str, response_id: str, item_code: str) -> str:
    """An answer's name on one page (``place``: the page and its filter), unlinkable across pages."""
    data = "\0".join((place, response_id, item_code)).encode()
    return hashlib.blake2b(data, key=key[:64], digest_size=12).hexdigest()


def _answers(db: Session, collection: Collection, filters: reports.Filters):
    """(response id, item code, option code, text) of the written answers, as the results page lists them."""
    scope = reports.Scope(collection.instrument_id, (collection.id,))
    return db.execute(
        select(Answer.response_id, Answer.item_code, Answer.choice_code, Answer.text)
        .where(*reports.answer_conditions(scope, filters), Answer.text.is_not(None))
        .order_by(Answer.response_id)
    ).all()


def _tags(db: Session, collection: Collection) -> dict[tuple[str, str], set[str]]:
    rows = db.execute(
        select(TopicTag.response_id, TopicTag.item_code, TopicTag.topic_id)
        .join(Topic, Topic.id == TopicTag.topic_id)
        .where(Topic.collection_id == collection.id)
    )
    tags: dict[tuple[str, str], set[str]] = {}
    for response_id, item_code, topic_id in rows:
        tags.setdefault((response_id, item_code), set()).add(topic_id)
    return tags


def written(
    db: Session, collection: Collection, filters: reports.Filters, key: bytes, place: str
) -> list[Written]:
    """The written answers a filter selects, in random-id order, each with its topics."""
    tags = _tags(db, collection)
    return [
        Written(
            token(key, place, response_id, item_code),
            item_code,
            choice_code,
            text,
            frozenset(tags.get((response_id, item_code), ())),
        )
        for response_id, item_code, choice_code, text in _answers(db, collection, filters)
    ]


def save_tags(
    db: Session,
    collection: Collection,
    filters: reports.Filters,
    key: bytes,
    place: str,
    chosen: Mapping[str, set[str]],
) -> None:
    """Give each answer named in ``chosen`` (token → topic ids) exactly those of the collection's topics.

    Raises ChangedList, storing nothing, when a token names no answer of the list; a kept tag keeps its quote.
    """
    own = {t.id for t in of_collection(db, collection)}
    answers = {
        token(key, place, response_id, item_code): (response_id, item_code)
        for response_id, item_code, _choice, _text in _answers(db, collection, filters)
    }
    if any(t not in answers for t in chosen) or any(set(ids) - own for ids in chosen.values()):
        raise ChangedList()
    tags = _tags(db, collection)
    for answer_token, ids in chosen.items():
        response_id, item_code = answers[answer_token]
        had = tags.get((response_id, item_code), set())
        for topic_id in had - set(ids):
            db.execute(
                delete(TopicTag).where(
                    TopicTag.topic_id == topic_id,
                    TopicTag.response_id == response_id,
                    TopicTag.item_code == item_code,
                )
            )
        for topic_id in sorted(set(ids) - had):
            db.add(TopicTag(topic_id=topic_id, response_id=response_id, item_code=item_code))
    db.flush()


def tagged(db: Session, topic: Topic, key: bytes) -> list[tuple[str, str, bool]]:
    """(token, text, quoted) of the answers tagged with ``topic``, in random-id order: the quote's choices."""
    rows = db.execute(
        select(TopicTag.response_id, TopicTag.item_code, Answer.text, TopicTag.quoted)
        .join(
            Answer,
            (Answer.response_id == TopicTag.response_id) & (Answer.item_code == TopicTag.item_code),
        )
        .where(TopicTag.topic_id == topic.id)
        .order_by(TopicTag.response_id)
    )
    place = f"quote:{topic.id}"
    return [(token(key, place, r, i), text, quoted) for r, i, text, quoted in rows]


def choose_quote(db: Session, topic: Topic, key: bytes, chosen: str | None) -> None:
    """Quote the tagged answer named by ``chosen`` on the topic's page, or none; ChangedList if unknown."""
    place = f"quote:{topic.id}"
    rows = db.scalars(select(TopicTag).where(TopicTag.topic_id == topic.id)).all()
    by_token = {token(key, place, t.response_id, t.item_code): t for t in rows}
    if chosen is not None and chosen not in by_token:
        raise ChangedList()
    for tag in rows:  # clear first: the unique index allows one quote per topic at any moment
        tag.quoted = False
    db.flush()
    if chosen is not None:
        by_token[chosen].quoted = True
        db.flush()


def quote(db: Session, topic: Topic) -> str | None:
    return db.scalar(
        select(Answer.text)
        .join(
            TopicTag,
            (Answer.response_id == TopicTag.response_id) & (Answer.item_code == TopicTag.item_code),
        )
        .where(TopicTag.topic_id == topic.id, TopicTag.quoted)
    )


def page_settings(db: Session, collection: Collection) -> TopicPage:
    """Where the collection's "you said, we did" page is shown (a new, unpublished row if none yet)."""
    return db.get(TopicPage, collection.id) or TopicPage(
        collection_id=collection.id, public=False, kiosk=False
    )


def publish(db: Session, collection: Collection, *, public: bool, kiosk: bool) -> TopicPage:
    settings = page_settings(db, collection)
    settings.public, settings.kiosk = public, kiosk
    db.add(settings)
    db.flush()
    return settings
