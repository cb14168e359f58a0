"""Collections for coordinators: create one, change its settings, preview its form, its page."""

from __future__ import annotations

import secrets

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from surveyapp.core import (
    access_codes,
    collection_setup,
    kept_results,
    protection,
    stored_instruments,
)
from surveyapp.core.models import AUDIENCES, Project
from surveyapp.web import database, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp, municipality_picker, share_links
from surveyapp.web.coordinate.codes import qr_svg
from surveyapp.web.coordinate.results import audience_label
from surveyapp.web.coordinate.views import get_collection, usable
from surveyapp.web.forms.collections import (
    CollectionSettingsForm,
    NewCollectionForm,
    with_invited_fields,
)
from surveyapp.web.registry import instruments
from surveyapp.web.submissions import today


def visible_projects() -> list[Project]:
    projects = database.session().scalars(select(Project).order_by(Project.name))
    return [p for p in projects if g.user.can_see(p) and not p.archived]


def settings_of(form) -> collection_setup.Settings:
    translated = {
        name: (form[name].data or "").strip() or None
        for name in ("title_sv", "title_en", "title_selko")
    }
    return collection_setup.Settings(
        title=form.title.data.strip(),
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        access=form.access.data,
        invited_total=form.invited_total.data,
        **translated,
    )


@bp.route("/rounds/new", methods=["GET", "POST"])
def old_new_collection_address():
    """The address of this page before collections had one name (308: a post stays a post)."""
    return redirect(url_for(".new_collection"), 308)


@bp.route("/c/new", methods=["GET", "POST"])
@login_required
def new_collection():
    # Surveys are made by administrators and coordinators; a group leader or reader has no say.
    if g.user.role != "admin" and not any(m.role == "coordinator" for m in g.user.memberships):
        abort(403)
    db = database.session()
    projects = visible_projects()
    form = NewCollectionForm()
    form.project.choices = [SelectChoice(p.id, p.name) for p in projects]
    registry = instruments()
    form.instrument.choices = [
        SelectChoice(i.id, i.title.get("fi")) for i in registry if usable(registry, i.id)
    ]
    form.audience.choices = [SelectChoice(a, audience_label(a)) for a in AUDIENCES]
    all_places, found = municipality_picker.offered(db, form)
    if municipality_picker.searching():
        return render_template("coordinate/collection_new.html", form=form, found=found)
    if form.validate_on_submit() and form_in_use(form, projects, registry):
        project = next(p for p in projects if p.id == form.project.data)
        chosen = [m for m in all_places if m.code in form.municipalities.data]
        chosen += [
            collection_setup.municipality(db, line)
            for line in (form.new_municipalities.data or "").splitlines()
            if line.strip() and len(line.strip()) <= 100
        ]
        try:
            collection = collection_setup.create(
                db,
                project,
                slug=form.slug.data,
                instrument_id=form.instrument.data,
                audience=form.audience.data,
                municipalities=list({m.code: m for m in chosen}.values()),
                settings=settings_of(form),
            )
        except ValueError:
            db.rollback()
            form.slug.errors.append(_("This address is in use already. Choose another."))
        else:
            db.commit()
            flash(_("The survey was created. Enter the invited counts if you know them."), "ok")
            return redirect(url_for(".collection_settings", slug=collection.slug))
    return render_template("coordinate/collection_new.html", form=form, found=found), (
        422 if form.errors else 200
    )


def form_in_use(form, projects, registry) -> bool:
    """An uploaded form only in projects of its own organisation (its project's, or the same)."""
    project = next(p for p in projects if p.id == form.project.data)
    if usable(registry, form.instrument.data, project):
        return True
    form.instrument.errors.append(_("This form is not in use in the chosen project."))
    return False


@bp.route("/c/<slug>/settings", methods=["GET", "POST"])
@login_required
def collection_settings(slug: str):
    c = get_collection(slug)
    db = database.session()
    entered = collection_setup.entered_invited(db, c)
    form = with_invited_fields(CollectionSettingsForm, c.municipalities)(
        obj=c,
        data={
            "invited_total": c.invited,
            "keep_results": kept_results.chosen(db, c) is not None,
            **{f"invited_{code}": n for code, n in entered.items()},
        },
    )
    if form.validate_on_submit():
        collection_setup.change(
            db,
            c,
            settings_of(form),
            {m.code: form[f"invited_{m.code}"].data for m in c.municipalities},
        )
        kept_results.choose(db, c, form.keep_results.data, today())
        db.commit()
        flash(_("The settings were saved."), "ok")
        return redirect(url_for(".collection", slug=slug))
    return render_template(
        "coordinate/collection_settings.html", collection=c, form=form
    ), 422 if form.errors else 200


@bp.route("/c/<slug>/preview", methods=["GET", "POST"])
@login_required
def preview(slug: str):
    """The respondents' form as it will look; answers are checked but never stored."""
    c = get_collection(slug)
    instrument = instruments()[c.instrument_id]
    page = dict(
        collection=c,
        instrument=instrument,
        options=submissions.municipality_options(c),
        place=None,
        code=access_codes.printed("ACDEF347") if c.access == "codes" else None,
        preview=True,
    )
    if request.method == "GET":
        return render_template(
            "respond/form.html", values={}, errors={}, key=secrets.token_urlsafe(24), **page
        )
    posted = submissions.read(instrument, c, extra=frozenset({"_code"}))
    if not posted.errors:
        flash(_("These answers would be accepted. Nothing was saved: this is a preview."), "ok")
    return render_template(
        "respond/form.html",
        values=posted.values,
        errors=posted.errors,
        key=posted.key,
        error_list=submissions.error_list(instrument, posted.errors),
        **page,
    ), 422 if posted.errors else 200


@bp.get("/c/<slug>")
@login_required
def collection(slug: str):
    """The collection's page: where it stands, its addresses or codes, its paper forms and results."""
    c = get_collection(slug)
    db = database.session()
    from surveyapp.web.coordinate.results import collection_table

    table = collection_table(c)
    page = dict(
        collection=c,
        instrument=instruments()[c.instrument_id],
        total=None if table.hidden else table.total,
        # None yet: a count of 0 reveals nobody (docs/disclosure.md), and the page says how to start.
        no_answers=table.total == 0,
        min_cell=table.min_cell,
        status=collection_setup.status(c, today()),
        invited=collection_setup.invited(db, c),
        qr_svg=qr_svg,
        new_batch=request.args.get("batch", type=int),
        **share_links.listing(c),
        # An uploaded form's published versions, each with its own words: a codebook of each.
        codebook_versions=[
            r.version for r in stored_instruments.versions(db, c.instrument_id) if r.published_on
        ][1:],
    )
    if c.access == "codes":
        code_counts = access_codes.counts(db, c)
        used = sum(n.used for n in code_counts.values())
        # Used codes are answers by code: only their total, and only when it and the answers without a code
        # are both 0 or at least k (docs/disclosure.md).
        page.update(
            code_counts=code_counts,
            batches=access_codes.batches(db, c),
            used_total=used
            if table.total
            and not any(
                protection.bad_count(n, (), table.min_cell) for n in (used, table.total - used)
            )
            else None,
            max_batch=access_codes.MAX_BATCH,
        )
    return render_template("coordinate/collection.html", **page)
