"""The "you said, we did" page of a collection: public only when its coordinators publish it."""

from __future__ import annotations

from flask import abort, current_app, render_template
from sqlalchemy.orm import Session

from surveyapp.core import protection, topic_counts, topics
from surveyapp.core.models import Collection
from surveyapp.web import database
from surveyapp.web.language import current_language
from surveyapp.web.respond import bp
from surveyapp.web.respond.views import get_collection


def shown(db: Session, collection: Collection, language: str) -> list[topic_counts.Shown]:
    """The collection's themes in ``language``, counted under the collection's protected table."""
    config = current_app.config
    table = protection.for_collection(db, collection, config["MIN_CELL"], config["SESSION_MIN_N"])
    return topic_counts.page(db, collection, table, language)


@bp.get("/c/<slug>/palaute")
def topic_page(slug: str):
    collection = get_collection(slug)
    db = database.session()
    if not topics.page_settings(db, collection).public:
        abort(404)
    return render_template(
        "respond/topics.html",
        collection=collection,
        shown=shown(db, collection, current_language()),
    )
