"""Share links for coordinators: make a read-only link to a collection's results, see it once, revoke it.

The links are listed on the collection's page (coordinate/_share_links.html); the address is shown only
on the page that made it, since only the token's hash is kept.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from surveyapp.core import share_links
from surveyapp.web import database, formats, submissions
from surveyapp.web.auth import login_required
from surveyapp.web.coordinate import bp
from surveyapp.web.coordinate.views import get_collection
from surveyapp.web.forms.share_links import RevokeShareLinkForm, ShareLinkForm


def listing(collection) -> dict:
    """What the collection page's list of share links needs."""
    return {
        "share_links": share_links.listed(database.session(), collection),
        "share_today": submissions.today(),
        "revoke_form": RevokeShareLinkForm(),
    }


@bp.route("/c/<slug>/share", methods=["GET", "POST"])
@login_required
def new_share_link(slug: str):
    collection = get_collection(slug)
    today = submissions.today()
    if request.method == "GET":
        form = ShareLinkForm(
            data={"expires_on": formats.finnish_date(share_links.default_expiry(today))}
        )
    else:
        form = ShareLinkForm()
        if form.validate():
            db = database.session()
            link, token = share_links.create(db, collection, today=today, **form.created_with())
            db.commit()
            # The one time the address exists outside the reader's hands: never cached.
            response = render_template(
                "coordinate/share_link.html",
                collection=collection,
                link=link,
                address=url_for("share.results", token=token, _external=True),
            )
            return response, 201, {"Cache-Control": "no-store"}
    return render_template(
        "coordinate/share_link.html",
        collection=collection,
        form=form,
    ), 422 if form.errors else 200


@bp.post("/c/<slug>/share/<link_id>/revoke")
@login_required
def revoke_share_link(slug: str, link_id: str):
    collection = get_collection(slug)  # another project's collection: 404
    if not RevokeShareLinkForm().validate_on_submit():
        abort(400)
    db = database.session()
    if not share_links.revoke(db, collection, link_id):
        abort(
            404,
            description=_(
                "This survey has no such share link: it may have been revoked already. "
                "Nothing was changed."
            ),
        )
    db.commit()
    flash(_("The share link was revoked: it no longer opens the results."), "ok")
    return redirect(url_for(".collection", slug=slug, _anchor="share-links"))
