"""The web form: show, validate, store once, thank. A collection may ask for a single-use access code first."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field, fields

from flask import abort, current_app, redirect, render_template, request, url_for
from sqlalchemy import select

from surveyapp.core import access_codes, pairing_codes, submission, throttle
from surveyapp.core.instruments import spec
from surveyapp.core.instruments.types import pairing
from surveyapp.core.models import Collection
from surveyapp.core.submission import Status
from surveyapp.web import clients, database, language, messages, page_cache, submissions
from surveyapp.web.language import current_language, plain_language_chosen
from surveyapp.web.registry import instruments
from surveyapp.web.respond import bp
from surveyapp.web.submissions import today

DAY = 24 * 60 * 60
# The thank-you page may show what was current this many seconds ago (an answer was just stored).
THANKS_MAX_AGE = 2.0


def get_collection(slug: str) -> Collection:
    """The collection as the app's cache has it (core/catalog.py): a page checks the version first,
    a post confirms it in the statement that stores the answer."""
    collection = database.catalog().collection(slug)
    if collection is None or instruments().get(collection.instrument_id) is None:
        abort(404)
    return collection


# Each form language named in itself, so a reader finds their own language whatever the page's is.
LANGUAGE_NAMES = {"fi": "suomi", spec.PLAIN: "selkosuomi", "sv": "svenska", "en": "English"}


def listed(collection: Collection, language: str) -> dict:
    """A collection on the home page: its title in ``language`` (or Finnish) and the languages its form exists in."""
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
        for c in database.session().scalars(select(Collection).where(Collection.access == "open"))
        if c.is_open(today()) and not c.project.archived and instruments().get(c.instrument_id)
    ]
    return render_template(
        "respond/index.html", collections=sorted(open_now, key=lambda c: c["title"].casefold())
    )


def clock() -> int:
    return int(time.time())


def guessing_policy() -> throttle.Policy:
    """Wrong codes from one client, in any collection: a few typos are free, then ever longer waits."""
    config = current_app.config
    return throttle.Policy(
        limit=config["CODE_FREE_GUESSES"] + 1,
        first_wait=config["CODE_FIRST_WAIT_SECONDS"],
        max_wait=60 * config["CODE_MAX_WAIT_MINUTES"],
        window=DAY,
    )


def code_client() -> access_codes.Client:
    """This client, for counting its wrong codes (per client only, never per collection)."""
    now = clock()
    return access_codes.Client(clients.client_hash(now, "code"), now, guessing_policy())


def link_municipality(collection: Collection) -> str | None:
    """The municipality of a per-municipality open link (?kunta=), or None."""
    place = request.args.get("kunta")
    if place is None:
        return None
    if place not in {m.code for m in collection.municipalities}:
        abort(404)
    return place


@dataclass(frozen=True)
class FormPage:
    """What the respondent's form (respond/form.html) or the code page (respond/code.html) shows."""

    collection: Collection
    instrument: spec.Instrument
    options: tuple[spec.Option, ...]  # the municipality item's choices
    place: str | None  # the municipality of the link or of the access code
    code: str | None = None  # the access code as typed, or printed once it is admitted
    code_error: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    # A code card's code from its link (``?pari=``), carried through the access-code page in a
    # hidden field of its GET form only, so it fills in the form's code field after the code.
    pairing_link: str = ""

    def render(self, template: str = "respond/form.html", status: int = 200):
        context = {f.name: getattr(self, f.name) for f in fields(self)}
        error_list = submissions.error_list(self.instrument, self.errors)
        return render_template(template, error_list=error_list, **context), status

    def render_shared(self):
        """An empty form as every respondent at this address gets it (web/page_cache.py)."""

        def render(csrf_token, key: str) -> str:
            context = {f.name: getattr(self, f.name) for f in fields(self)}
            return render_template(
                "respond/form.html", error_list=[], **{**context, "key": key}, csrf_token=csrf_token
            )

        return page_cache.rendered(f"form {self.collection.slug}", render, self.key)


@bp.route("/c/<slug>", methods=["GET", "POST"])
@database.serve_again
def form(slug: str):
    if request.method == "GET":
        database.catalog().check()
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    language.texts_for(instrument)
    if collection.project.archived:
        return render_template(
            "respond/closed.html", collection=collection, instrument=instrument, archived=True
        ), 410
    if not collection.is_open(today()):
        return render_template(
            "respond/closed.html", collection=collection, instrument=instrument
        ), 410
    if collection.access == "paper":
        return render_template(
            "respond/closed.html", collection=collection, instrument=instrument, paper_only=True
        )
    options = submissions.answerable_municipalities(instrument, collection)
    place = link_municipality(collection)
    if request.method == "POST":
        return post(collection, instrument, options, place)
    if collection.access != "codes":
        return empty_form(collection, instrument, options, place)
    raw = request.args.get("koodi", "")
    asked = dict(
        collection=collection,
        instrument=instrument,
        options=options,
        place=place,
        pairing_link=request.args.get("pari", "")[: pairing.MAX_TYPED],
    )
    typed = raw[: submission.CODE_LENGTH]
    if not raw.strip():
        return FormPage(**asked, code=typed).render("respond/code.html")
    try:
        code = access_codes.admit(database.session(), collection, raw, code_client())
    except access_codes.CodeRejected as refusal:
        database.session().commit()  # the wrong code is counted
        error = messages.code_refused(refusal.wait)
        return FormPage(**asked, code=typed, code_error=error).render("respond/code.html", 422)
    database.session().commit()
    return empty_form(
        collection,
        instrument,
        submission.narrowed(options, code.municipality_code),
        code.municipality_code,
        code=access_codes.printed(code.code),
    )


def pairing_link_values(instrument) -> dict[str, str]:
    """A code card's QR link (``?pari=``) fills in the form's code field, as printed on the card."""
    raw = request.args.get("pari", "")[: pairing.MAX_TYPED]
    if not raw:
        return {}
    code = pairing_codes.normalise(raw)
    shown = pairing_codes.printed(code) if code else raw
    return {i.code: shown for i in instrument.items() if i.type == "pairing" and i.kind == "card"}


def empty_form(collection, instrument, options, place: str | None, *, code: str | None = None):
    """The form to fill in, with the municipality of the link or the code already answered."""
    item = instrument.municipality_item
    values = {item.code: place} if place and item else {}
    values.update(pairing_link_values(instrument))
    page = FormPage(collection, instrument, options, place, code=code, values=values)
    return page.render_shared() if code is None else page.render()


def post(collection: Collection, instrument, options, place: str | None):
    """Store the answer once and thank; show the form again with what to correct."""
    codes = collection.access == "codes"
    database.catalog().record_instrument(instrument)
    result = submission.submit(
        database.session(),
        collection,
        instrument,
        submissions.posted(),
        channel="web",
        day=today(),
        precision=current_app.config["DATE_PRECISION"],
        municipality_options=options,
        place=place,
        client=code_client() if codes else None,
        recorded=True,
        pairing_key=submissions.pairing_key(),
        alone_at=database.catalog().version,
    )
    database.catalog().confirm(result.config_version)  # Changed: served again, nothing kept
    database.commit()  # the answer, or a wrong code counted
    submissions.refuse_tampered(result)
    if result.status in (Status.STORED, Status.DUPLICATE):
        # A duplicate is the same answer sent again (a double click, a reload): it is stored.
        return redirect(url_for(".thanks", slug=collection.slug))
    errors = submissions.field_errors(result)
    if result.code_wait is not None:
        # A wrong code, or one used in another window meanwhile: the answers stay on the page.
        errors[submission.CODE_FIELD] = messages.code_refused(result.code_wait)
    admitted = result.access_code
    typed = result.values.get(submission.CODE_FIELD, "")[: submission.CODE_LENGTH]
    return FormPage(
        collection,
        instrument,
        result.municipality_options,
        admitted.municipality_code if admitted else place,
        code=typed if codes else None,
        values=result.values,
        errors=errors,
        key=result.values[submission.KEY_FIELD],
    ).render(status=422)


@bp.get("/c/<slug>/kiitos")
@database.serve_again
def thanks(slug: str):
    database.catalog().check(THANKS_MAX_AGE)
    collection = get_collection(slug)
    instrument = instruments()[collection.instrument_id]
    language.texts_for(instrument)
    return page_cache.rendered(
        f"thanks {slug}",
        lambda _csrf_token, _key: render_template(
            "respond/thanks.html", collection=collection, instrument=instrument
        ),
    )
