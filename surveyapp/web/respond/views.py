"""The web form: show, validate, store once, thank. A round may ask for a single-use access code first."""

from __future__ import annotations

import math
import secrets
import time

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from surveyapp.core import access_codes, responses, throttle
from surveyapp.core.instruments import spec
from surveyapp.core.models import Collection
from surveyapp.web import clients, db, submissions
from surveyapp.web.language import current_language, plain_language_chosen
from surveyapp.web.registry import instruments
from surveyapp.web.respond import bp
from surveyapp.web.submissions import today

DAY = 24 * 60 * 60


def get_collection(slug: str) -> Collection:
    collection = db.session().scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or instruments().get(collection.instrument_id) is None:
        abort(404)
    return collection


# Each form language named in itself, so a reader finds their own language whatever the page's is.
LANGUAGE_NAMES = {"fi": "suomi", spec.PLAIN: "selkosuomi", "sv": "svenska", "en": "English"}


def listed(collection: Collection, language: str) -> dict:
    """A round on the home page: its title in ``language`` (or Finnish) and the languages its form exists in."""
    instrument = instruments()[collection.instrument_id]
    title, title_language = collection.title_in(language)
    languages = [
        code
        for code in ("fi", spec.PLAIN, "sv", "en")
        if (instrument.plain_language if code == spec.PLAIN else code in instrument.languages)
    ]
    return {
        "slug": collection.slug,
        "title": title,
        "lang": "fi" if title_language == spec.PLAIN else title_language,
        "languages": [
            ("fi" if code == spec.PLAIN else code, LANGUAGE_NAMES[code]) for code in languages
        ],
    }


@bp.get("/")
def index():
    language = current_language()
    if language == "fi" and plain_language_chosen():
        language = spec.PLAIN
    open_now = [
        listed(c, language)
        for c in db.session().scalars(select(Collection).where(Collection.access == "open"))
        if c.is_open(today()) and instruments().get(c.instrument_id)
    ]
    return render_template(
        "respond/index.html", collections=sorted(open_now, key=lambda c: c["title"].casefold())
    )


def clock() -> int:
    return int(time.time())


def guessing_policy() -> throttle.Policy:
    """Wrong codes from one client, in any round: a few typos are free, then ever longer waits."""
    config = current_app.config
    return throttle.Policy(
        limit=config["CODE_FREE_GUESSES"] + 1,
        first_wait=config["CODE_FIRST_WAIT_SECONDS"],
        max_wait=60 * config["CODE_MAX_WAIT_MINUTES"],
        window=DAY,
    )


def link_municipality(collection: Collection) -> str | None:
    """The municipality of a per-municipality open link (?kunta=), or None."""
    place = request.args.get("kunta")
    if place is None:
        return None
    if place not in {m.code for m in collection.municipalities}:
        abort(404)
    return place


@bp.route("/c/<slug>", methods=["GET", "POST"])
def form(slug: str):
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    if not collection.is_open(today()):
        return render_template(
            "respond/closed.html", collection=collection, instrument=instrument
        ), 410
    if collection.access == "paper":
        return render_template(
            "respond/closed.html", collection=collection, instrument=instrument, paper_only=True
        )
    page = dict(
        collection=collection,
        instrument=instrument,
        options=submissions.municipality_options(collection),
        code=None,
        code_error=None,
        place=link_municipality(collection),
    )
    if collection.access == "codes":
        raw = (request.form if request.method == "POST" else request.args).get(
            "koodi" if request.method == "GET" else "_code", ""
        )
        page["code"] = raw[:20]
        if request.method == "GET":
            if not raw.strip():
                return render_template("respond/code.html", **page)
            try:
                code = checked_code(collection, raw)
            except access_codes.CodeRejected as rejected:
                page["code_error"] = str(rejected)
                return render_template("respond/code.html", **page), 422
            page["code"] = access_codes.printed(code.code)
            page["place"] = code.municipality_code
            page["options"] = code_options(collection, code.municipality_code)
    if request.method == "GET":
        values = (
            {instrument.municipality_item.code: page["place"]}
            if page["place"] and instrument.municipality_item
            else {}
        )
        return render_template(
            "respond/form.html", values=values, errors={}, key=secrets.token_urlsafe(24), **page
        )
    return post(collection, instrument, page)


def post(collection: Collection, instrument, page: dict):
    code_row = None
    if collection.access == "codes":
        if responses.already_stored(db.session(), request.form.get("_key", "")):
            # The same answer sent again (a double click, a reload): it is stored, and its code used.
            return redirect(url_for(".thanks", slug=collection.slug))
        try:
            code_row = checked_code(collection, page["code"])
        except access_codes.CodeRejected as rejected:
            page["code_error"] = str(rejected)
        else:
            page["place"] = code_row.municipality_code
            page["options"] = code_options(collection, code_row.municipality_code)
    posted = submissions.read(instrument, collection, options=page["options"])
    if posted.errors or page["code_error"]:
        return render_form_again(instrument, posted, page)
    try:
        submissions.store(
            collection,
            instrument,
            posted.parsed,
            posted.key,
            channel="web",
            day=today(),
            municipality=posted.parsed.municipality_code or page["place"],
            access_code=code_row.code if code_row else None,
        )
    except access_codes.CodeRejected:
        # Used in another window between showing and sending: the answers stay on the page.
        page["code_error"] = code_message()
        return render_form_again(instrument, posted, page)
    return redirect(url_for(".thanks", slug=collection.slug))


def render_form_again(instrument, posted: submissions.Posted, page: dict):
    errors = dict(posted.errors)
    if page["code_error"]:
        errors["_code"] = page["code_error"]
    return render_template(
        "respond/form.html",
        values=posted.values,
        errors=errors,
        key=posted.key,
        error_list=submissions.error_list(instrument, errors),
        **page,
    ), 422


def code_message() -> str:
    return _("This code cannot be used. Check the code on your slip; each code works once.")


def wait_message(seconds: int) -> str:
    return _(
        "Too many wrong codes were tried from this connection. Please wait %(minutes)s min and try again.",
        minutes=math.ceil(seconds / 60),
    )


def checked_code(collection: Collection, raw: str):
    """The unused code of this round; CodeRejected (with the message to show) otherwise.

    Wrong codes are counted per client only (never per round), so guessers slow down themselves and
    nobody else: a respondent with a valid code from another address always gets in.
    """
    now = clock()
    key = clients.client_hash(now, "code")
    wait = throttle.blocked_for(db.session(), key, now)
    if wait:
        raise access_codes.CodeRejected(wait_message(wait))
    try:
        return access_codes.find(db.session(), collection, raw)
    except access_codes.CodeRejected:
        throttle.record_failure(db.session(), key, now=now, policy=guessing_policy())
        db.session().commit()
        raise access_codes.CodeRejected(code_message()) from None


def code_options(collection: Collection, place: str | None):
    """A code with a municipality answers the municipality question: only that option is offered."""
    options = submissions.municipality_options(collection)
    return tuple(o for o in options if o.code == place) if place else options


@bp.get("/c/<slug>/kiitos")
def thanks(slug: str):
    collection = get_collection(slug)
    return render_template(
        "respond/thanks.html",
        collection=collection,
        instrument=instruments()[collection.instrument_id],
    )
