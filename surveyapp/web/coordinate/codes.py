"""A collection's access codes (slips as PDF, a CSV for a mail merge) and QR codes of its addresses."""

from __future__ import annotations

import io

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from surveyapp.core import access_codes, exports
from surveyapp.web import database
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.views import get_collection, pdf_download
from surveyapp.web.registry import instruments

SLIPS_PER_PAGE = 10


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
                "Codes can be made only for the survey's own municipalities, in a survey that "
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
    batch = access_codes.generate(database.session(), c, place, count)
    database.session().commit()
    flash(
        _(
            "%(n)s new codes were made. Print them as slips or download them for a mail merge.",
            n=count,
        ),
        "ok",
    )
    return redirect(url_for(".collection", slug=slug, batch=batch) + "#codes")


def batch_or_404(c, batch: int):
    codes = access_codes.batch_codes(database.session(), c, batch)
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
