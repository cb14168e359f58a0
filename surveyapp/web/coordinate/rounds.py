"""Survey rounds for coordinators: create and set up, preview, access codes (slips, CSV), QR codes."""

from __future__ import annotations

import io
import secrets

import segno
from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from surveyapp.core import access_codes, exports, protection, rounds
from surveyapp.core.models import AUDIENCES, Municipality, Project
from surveyapp.web import db, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.results import audience_label
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.forms.rounds import NewRoundForm, RoundSettingsForm, with_invited_fields
from surveyapp.web.registry import instruments
from surveyapp.web.submissions import today

SLIPS_PER_PAGE = 10


def visible_projects() -> list[Project]:
    projects = db.session().scalars(select(Project).order_by(Project.name))
    return [p for p in projects if g.user.can_see(p)]


def settings_of(form) -> rounds.Settings:
    translated = {
        name: (form[name].data or "").strip() or None
        for name in ("title_sv", "title_en", "title_selko")
    }
    return rounds.Settings(
        title=form.title.data.strip(),
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        access=form.access.data,
        invited_total=form.invited_total.data,
        **translated,
    )


@bp.route("/rounds/new", methods=["GET", "POST"])
@login_required
def new_round():
    session = db.session()
    projects = visible_projects()
    all_places = list(session.scalars(select(Municipality).order_by(Municipality.name)))
    form = NewRoundForm()
    form.project.choices = [SelectChoice(p.id, p.name) for p in projects]
    form.instrument.choices = [SelectChoice(i.id, i.title.get("fi")) for i in instruments()]
    form.audience.choices = [SelectChoice(a, audience_label(a)) for a in AUDIENCES]
    form.municipalities.choices = [SelectChoice(m.code, m.name) for m in all_places]
    if form.validate_on_submit():
        project = next(p for p in projects if p.id == form.project.data)
        chosen = [m for m in all_places if m.code in form.municipalities.data]
        chosen += [
            rounds.municipality(session, line)
            for line in (form.new_municipalities.data or "").splitlines()
            if line.strip() and len(line.strip()) <= 100
        ]
        try:
            collection = rounds.create(
                session,
                project,
                slug=form.slug.data,
                instrument_id=form.instrument.data,
                audience=form.audience.data,
                municipalities=list({m.code: m for m in chosen}.values()),
                settings=settings_of(form),
            )
        except ValueError:
            session.rollback()
            form.slug.errors.append(_("This address is in use already. Choose another."))
        else:
            session.commit()
            flash(_("The round was created. Enter the invited counts if you know them."), "ok")
            return redirect(url_for(".round_settings", slug=collection.slug))
    return render_template("coordinate/round_new.html", form=form), 422 if form.errors else 200


@bp.route("/c/<slug>/settings", methods=["GET", "POST"])
@login_required
def round_settings(slug: str):
    c = get_collection(slug)
    session = db.session()
    entered = rounds.entered_invited(session, c)
    form = with_invited_fields(RoundSettingsForm, c.municipalities)(
        obj=c,
        data={"invited_total": c.invited, **{f"invited_{code}": n for code, n in entered.items()}},
    )
    if form.validate_on_submit():
        rounds.change(
            session,
            c,
            settings_of(form),
            {m.code: form[f"invited_{m.code}"].data for m in c.municipalities},
        )
        session.commit()
        flash(_("The settings were saved."), "ok")
        return redirect(url_for(".collection", slug=slug))
    return render_template(
        "coordinate/round_settings.html", collection=c, form=form
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


@bp.post("/c/<slug>/codes")
@login_required
def generate_codes(slug: str):
    c = get_collection(slug)
    place = request.form.get("municipality") or None
    if (
        c.access != "codes"
        or (place is None) != (not c.municipalities)
        or (place and place not in {m.code for m in c.municipalities})
    ):
        abort(
            400,
            description=_(
                "Codes can be made only for the round's own municipalities, in a round that "
                "uses access codes."
            ),
        )
    try:
        count = int(request.form.get("count", ""))
    except ValueError:
        count = 0
    if not 1 <= count <= access_codes.MAX_BATCH:
        flash(
            _("Give the number of codes, from 1 to %(max)s.", max=access_codes.MAX_BATCH), "error"
        )
        return redirect(url_for(".collection", slug=slug) + "#codes")
    batch = access_codes.generate(db.session(), c, place, count)
    db.session().commit()
    flash(
        _(
            "%(n)s new codes were made. Print them as slips or download them for a mail merge.",
            n=count,
        ),
        "ok",
    )
    return redirect(url_for(".collection", slug=slug, batch=batch) + "#codes")


def batch_or_404(c, batch: int):
    codes = access_codes.batch_codes(db.session(), c, batch)
    if not codes:
        abort(404)
    return codes


def code_link(c, code: str) -> str:
    return url_for("respond.form", slug=c.slug, koodi=access_codes.printed(code), _external=True)


@bp.get("/c/<slug>/codes/<int:batch>.pdf")
@login_required
def codes_pdf(slug: str, batch: int):
    c = get_collection(slug)
    codes = batch_or_404(c, batch)
    names = {m.code: m.name for m in c.municipalities}
    slips = [
        dict(
            code=access_codes.printed(row.code),
            place=names.get(row.municipality_code),
            qr=qr_svg(code_link(c, row.code), scale=2),
        )
        for row in codes
    ]
    pages = [slips[i : i + SLIPS_PER_PAGE] for i in range(0, len(slips), SLIPS_PER_PAGE)]
    html = render_template(
        "print/slips.html",
        collection=c,
        instrument=instruments()[c.instrument_id],
        pages=pages,
        address=url_for("respond.form", slug=c.slug, _external=True),
    )
    return pdf_download(html, f"{c.slug}-koodit-{batch}.pdf")


@bp.get("/c/<slug>/codes/<int:batch>.csv")
@login_required
def codes_csv(slug: str, batch: int):
    c = get_collection(slug)
    names = {m.code: m.name for m in c.municipalities}
    rows = [
        {
            "municipality": names.get(row.municipality_code, ""),
            "code": access_codes.printed(row.code),
            "address": code_link(c, row.code),
        }
        for row in batch_or_404(c, batch)
    ]
    return current_app.response_class(
        exports.to_csv(["municipality", "code", "address"], rows),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{c.slug}-koodit-{batch}.csv"'},
    )


def qr_svg(address: str, scale: int = 4) -> Markup:
    """A QR code of ``address`` as inline SVG, drawn here: no image service anywhere.

    Hidden from screen readers: the address it holds is always written next to it.
    """
    svg = segno.make(address, error="m").svg_inline(scale=scale)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


@bp.get("/c/<slug>/qr.svg")
@login_required
def qr_download(slug: str):
    c = get_collection(slug)
    place = request.args.get("kunta")
    if place is not None and place not in {m.code for m in c.municipalities}:
        abort(404)
    address = url_for("respond.form", slug=c.slug, kunta=place, _external=True)
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", scale=10, title=address)
    return current_app.response_class(
        out.getvalue(),
        mimetype="image/svg+xml",
        headers={
            "Content-Disposition": f'attachment; filename="{c.slug}{"-" + place if place else ""}-qr.svg"'
        },
    )


@bp.get("/c/<slug>")
@login_required
def collection(slug: str):
    """The round's page: where it stands, its addresses or codes, its paper forms and results."""
    c = get_collection(slug)
    session = db.session()
    from surveyapp.web.coordinate.results import collection_table

    table = collection_table(c)
    page = dict(
        collection=c,
        instrument=instruments()[c.instrument_id],
        total=None if table.hidden else table.total,
        min_cell=table.min_cell,
        status=rounds.status(c, today()),
        invited=rounds.invited(session, c),
        qr_svg=qr_svg,
        new_batch=request.args.get("batch", type=int),
    )
    if c.access == "codes":
        code_counts = access_codes.counts(session, c)
        used = sum(n.used for n in code_counts.values())
        # Used codes are answers by code: only their total, and only when it and the answers without a code
        # are both 0 or at least k (docs/disclosure.md).
        page.update(
            code_counts=code_counts,
            batches=access_codes.batches(session, c),
            used_total=used
            if table.total
            and not any(
                protection.bad_count(n, (), table.min_cell) for n in (used, table.total - used)
            )
            else None,
            max_batch=access_codes.MAX_BATCH,
        )
    return render_template("coordinate/collection.html", **page)
