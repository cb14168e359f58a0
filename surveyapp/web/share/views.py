"""A share link's pages: the collection's protected results dashboard and its PDF report, nothing more.

The token is the whole authority, so it travels in the path (/tulokset/<token>), not in a query string:
the results' filter form is a GET form, which would replace a query string (and drop the token with it),
while it keeps the path; the access log writes the path's token as /tulokset/- (web/access_log.py); and
a path is not mixed up with the filters a reader adds or removes by hand. Nothing is remembered about the
reader: no cookie is set (the language of ?lang= is the page's own, as on a kiosk tablet), nothing is
written to the database, and the pages are not cached, indexed or named to other sites.
"""

from __future__ import annotations

from flask import abort, current_app, g, request
from flask_babel import gettext as _

from surveyapp.core import reports, share_links
from surveyapp.web import database, submissions
from surveyapp.web.coordinate.report import report_response
from surveyapp.web.coordinate.results import dashboard_page
from surveyapp.web.registry import instruments
from surveyapp.web.share import bp

PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


@bp.url_value_preprocessor
def reader_language(_endpoint, _values) -> None:
    """The reader's language: ?lang= for this page only, never remembered; else the browser's."""
    asked = request.args.get("lang")
    if asked in current_app.config["LANGUAGES"]:
        g.page_language = asked
    g.page_plain = False  # results are shown in standard language, as to coordinators


@bp.after_request
def private_headers(response):
    """Every page a token opens (or fails to open): not stored, not indexed, no Referer onwards."""
    if "token" in (request.view_args or {}):
        response.headers.update(PRIVATE_HEADERS)
    return response


@bp.context_processor
def shared_page():
    """The results template's frame without coordinator navigation, and the link's own addresses."""
    args = {"lang": g.page_language} if "lang" in request.args and "page_language" in g else {}
    return {
        "results_base": "share/base.html",
        "share_link": g.get("share_link"),
        "share_token": (request.view_args or {}).get("token"),
        "share_args": args,
        "filter_hidden": args,
    }


def opened_collection(token: str):
    """The collection the token opens today; one and the same 404 for unknown, revoked and expired."""
    link = share_links.opened(database.session(), token, submissions.today())
    if link is None or instruments().get(link.collection.instrument_id) is None:
        abort(
            404,
            description=_(
                "This link does not open any results. Links end on their last day and can be "
                "revoked; ask whoever shared it for a new one."
            ),
        )
    g.share_link = link
    return link.collection


@bp.get("/<token>")
def results(token: str):
    collection = opened_collection(token)
    scope = reports.Scope(collection.instrument_id, (collection.id,))
    return dashboard_page(scope, collection.title, collection)


@bp.get("/<token>/raportti.pdf")
def report(token: str):
    return report_response(opened_collection(token))
