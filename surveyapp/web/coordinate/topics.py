"""Themes of written answers for coordinators: define, tag, count, delete, publish "you said, we did"."""

from __future__ import annotations

import hashlib

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from surveyapp.core import result_tables, results, topic_counts, topics
from surveyapp.core.instruments import spec
from surveyapp.web import database
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import collection_table, read_filters
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.forms import topics as forms
from surveyapp.web.language import current_language, form_language
from surveyapp.web.registry import instruments


def token_key() -> bytes:
    """The key of the answers' names on tagging pages (never their response ids)."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret if isinstance(secret, bytes) else secret.encode()
    return hashlib.sha256(b"surveyapp topic tokens\0" + secret).digest()


def report_topics(db, collection, table):
    """The whole collection's theme counts for the PDF report (None without themes or under the limit)."""
    return topic_counts.for_report(db, collection, table, current_language(), _)


def get_topic(collection, topic_id: str):
    topic = topics.get(database.session(), collection, topic_id)
    if topic is None:
        abort(404)
    return topic


def filtered(collection):
    """The protected table, the chosen cell or margin of it, and what the filter form offers."""
    table = collection_table(collection)
    chosen, available, notes = read_filters(table, audience_allowed=False)
    names = {m.code: m.name for m in collection.municipalities}
    available["municipalities"] = [
        (m, result_tables.group_label("municipality", m, names, _))
        for m in available["municipalities"]
    ]
    selection = results.selection(table, chosen["municipality"], chosen["year"])
    return table, selection, dict(filters=chosen, available=available, notes=notes)


@bp.route("/c/<slug>/teemat", methods=["GET", "POST"])
@login_required
def topic_overview(slug: str):
    """The themes with their counts under the chosen filter, and where their page is shown."""
    c = get_collection(slug)
    db = database.session()
    settings = topics.page_settings(db, c)
    form = forms.PublishForm(obj=settings)
    if form.validate_on_submit():
        topics.publish(db, c, public=form.public.data, kiosk=form.kiosk.data)
        db.commit()
        flash(_("The settings of the page were saved."), "ok")
        return redirect(url_for(".topic_overview", slug=slug))
    table, selection, filtering = filtered(c)
    counts = topic_counts.count(db, c, table, selection)
    return render_template(
        "coordinate/topics.html",
        collection=c,
        themes=topics.of_collection(db, c),
        counts=counts,
        counts_table=topic_counts.table(counts, current_language(), _),
        form=form,
        settings=settings,
        **filtering,
    ), 422 if form.errors else 200


@bp.route("/c/<slug>/teemat/uusi", methods=["GET", "POST"])
@login_required
def new_topic(slug: str):
    c = get_collection(slug)
    form = forms.TopicForm()
    if form.validate_on_submit():
        db = database.session()
        topics.create(db, c, texts_of(form))
        db.commit()
        flash(_("The theme was added."), "ok")
        return redirect(url_for(".topic_overview", slug=slug))
    return render_template(
        "coordinate/topic.html", collection=c, form=form, topic=None
    ), 422 if form.errors else 200


def texts_of(form) -> topics.Texts:
    return topics.Texts(**{name: form[name].data for name in topics.Texts.__dataclass_fields__})


@bp.route("/c/<slug>/teemat/<topic_id>", methods=["GET", "POST"])
@login_required
def edit_topic(slug: str, topic_id: str):
    """A theme's names and reply, and the one answer its page quotes (if any)."""
    c = get_collection(slug)
    topic = get_topic(c, topic_id)
    db = database.session()
    quotable = [] if collection_table(c).hidden else topics.tagged(db, topic, token_key())
    chosen = next((t for t, _text, quoted in quotable if quoted), forms.NO_QUOTE)
    form = forms.EditTopicForm(obj=topic, data={"quote": chosen})
    form.quote.choices = [SelectChoice(forms.NO_QUOTE, _("No quote"))] + [
        SelectChoice(t, text) for t, text, _q in quotable
    ]
    if form.validate_on_submit():
        try:
            quote = None if form.quote.data == forms.NO_QUOTE else form.quote.data
            topics.choose_quote(db, topic, token_key(), quote)
            topics.change(topic, texts_of(form))
            db.commit()
        except (topics.ChangedList, IntegrityError):  # or another coordinator saved a quote at once
            db.rollback()
            form.quote.errors.append(_("That answer is not tagged with this theme any more."))
        else:
            flash(_("The theme was saved."), "ok")
            return redirect(url_for(".topic_overview", slug=slug))
    return render_template(
        "coordinate/topic.html", collection=c, form=form, topic=topic
    ), 422 if form.errors else 200


@bp.route("/c/<slug>/teemat/<topic_id>/poista", methods=["GET", "POST"])
@login_required
def delete_topic(slug: str, topic_id: str):
    """Asks first: deleting a theme removes it from every answer it tags."""
    c = get_collection(slug)
    topic = get_topic(c, topic_id)
    db = database.session()
    form = forms.DeleteTopicForm()
    if form.validate_on_submit():
        topics.remove(db, topic)
        db.commit()
        flash(_("The theme was deleted."), "ok")
        return redirect(url_for(".topic_overview", slug=slug))
    return render_template(
        "coordinate/topic_delete.html",
        collection=c,
        topic=topic,
        form=form,
        tagged=topics.tag_count(db, topic),
    ), 422 if form.errors else 200


def sections(instrument: spec.Instrument, answers: list[topics.Written], lang: str):
    """(heading, answers) per question in form order, as the results page groups written answers."""
    out = []
    for item in instrument.items():
        heading = (f"{item.number} " if item.number else "") + item.text.get(lang)
        own = [a for a in answers if a.item_code == item.code]
        for choice in sorted({a.choice_code for a in own}, key=lambda c: (c is not None, c or "")):
            label = next(
                (o.label.get(lang) for o in getattr(item, "options", ()) if o.code == choice), None
            )
            group = [a for a in own if a.choice_code == choice]
            out.append((f"{heading}: {label}" if label else heading, group))
    return out


@bp.route("/c/<slug>/teemat/merkinnat", methods=["GET", "POST"])
@login_required
def tag_answers(slug: str):
    """The written answers the filter selects, as the results page shows them, each with theme boxes."""
    c = get_collection(slug)
    db = database.session()
    instrument = instruments()[c.instrument_id]
    table, selection, filtering = filtered(c)
    counts = topic_counts.count(db, c, table, selection)
    place = f"tag:{filtering['filters']['municipality']}:{filtering['filters']['year']}"
    answers = [] if counts.hidden else topics.written(db, c, selection, token_key(), place)
    themes = topics.of_collection(db, c)
    lang = current_language()
    choices = [SelectChoice(t.id, topics.in_language(t, "name", lang)[0]) for t in themes]
    form = forms.for_answers(answers, choices)(data={"shown": " ".join(a.token for a in answers)})
    changed = False
    if request.method == "GET":
        for answer in answers:
            form[f"a_{answer.token}"].data = sorted(answer.topics)
    elif form.validate_on_submit():
        chosen = {
            t: set(form[f"a_{t}"].data or ()) if f"a_{t}" in form else set()
            for t in (form.shown.data or "").split()
        }
        try:
            topics.save_tags(db, c, selection, token_key(), place, chosen)
            db.commit()
        except (topics.ChangedList, IntegrityError):  # or another coordinator tagged them at once
            db.rollback()
            changed = True  # the ticks stay as sent; the list is the current one
            form.shown.data = " ".join(a.token for a in answers)
        else:
            flash(_("The themes of the answers were saved."), "ok")
            kept = {k: v for k, v in filtering["filters"].items() if v}
            return redirect(url_for(".tag_answers", slug=slug, **kept))
    return render_template(
        "coordinate/topic_tagging.html",
        collection=c,
        form=form,
        themes=themes,
        counts=counts,
        changed=changed,
        sections=sections(instrument, answers, form_language(instrument)),
        form_lang=form_language(instrument),
        **filtering,
    ), 422 if form.errors or changed else 200
