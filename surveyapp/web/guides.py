"""Task guides for coordinators and group leaders (Finnish, Swedish, English), and the guide each
coordinator page (templates/coordinate/base.html) and each leader page of the tablet
(templates/kiosk/_guides.html) links to.

The guides describe what the app does; when a page's behaviour changes, its guide changes with it.
tests/web/test_guides.py requests every coordinator page and checks it links to its guide.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l

bp = Blueprint("guides", __name__, url_prefix="/ohjeet")

# The guides, in the order they are listed: their address and title.
GUIDES = {
    "aloitus": _l("Start a survey and invite people"),
    "ryhmakerta": _l("Run a group session on a tablet"),
    "paperilomakkeet": _l("Print and enter paper forms"),
    "tunnukset": _l("Make access codes"),
    "tulokset": _l("Read and share results"),
    "pienet-ryhmat": _l("What the small-group protection means"),
}

# Each coordinator page's guides, the one for its own task first.
PAGE_GUIDES = {
    "coordinate.index": ("aloitus", "ryhmakerta"),
    "coordinate.new_collection": ("aloitus", "tunnukset"),
    "coordinate.collection": ("aloitus", "tunnukset", "paperilomakkeet", "ryhmakerta"),
    "coordinate.collection_settings": ("aloitus", "tunnukset"),
    "coordinate.preview": ("aloitus",),
    "coordinate.session_history": ("ryhmakerta", "pienet-ryhmat"),
    "coordinate.new_session": ("ryhmakerta",),
    "coordinate.group_session": ("ryhmakerta",),
    "coordinate.paper_entry": ("paperilomakkeet",),
    "coordinate.collection_results": ("tulokset", "pienet-ryhmat"),
    "coordinate.instrument_results": ("tulokset", "pienet-ryhmat"),
    "coordinate.compare": ("tulokset", "pienet-ryhmat"),
    "coordinate.new_share_link": ("tulokset",),
    "coordinate.topic_overview": ("tulokset", "pienet-ryhmat"),
    "coordinate.new_topic": ("tulokset",),
    "coordinate.edit_topic": ("tulokset",),
    "coordinate.delete_topic": ("tulokset",),
    "coordinate.tag_answers": ("tulokset", "pienet-ryhmat"),
    "organisations.index": ("aloitus",),
    "organisations.new": ("aloitus",),
    "organisations.edit": ("aloitus",),
    "projects.index": ("aloitus",),
    "projects.new": ("aloitus",),
    "projects.edit": ("aloitus",),
    "people.index": ("aloitus",),
    "organisations.section": ("aloitus",),
    "coordinate.series": ("aloitus", "tulokset"),
    "coordinate.change": ("tulokset", "pienet-ryhmat"),
    "coordinate.instrument_library": ("aloitus",),
    "coordinate.instrument_version": ("aloitus",),
    "coordinate.instrument_version_kiosk": ("aloitus", "ryhmakerta"),
    "coordinate.delete_instrument_version": ("aloitus",),
    # The tablet's pages for the group leader (web/kiosk/leader_views.py): PIN, session, feedback.
    "kiosk.leave": ("ryhmakerta",),
    "kiosk.close": ("ryhmakerta",),
    "kiosk.review": ("ryhmakerta", "pienet-ryhmat"),
}


def page_guides() -> list[tuple[str, str]]:
    """(address, title) of the guides of the page being shown; the list of guides if it has none."""
    names = PAGE_GUIDES.get(request.endpoint or "")
    if names is None:
        return [(url_for("guides.index"), str(_l("Guides")))]
    return [(url_for("guides.guide", name=name), str(GUIDES[name])) for name in names]


def listed() -> list[tuple[str, str]]:
    return [(url_for("guides.guide", name=name), str(title)) for name, title in GUIDES.items()]


@bp.get("/")
def index():
    return render_template("guides/index.html", guides=listed())


@bp.get("/<name>")
def guide(name: str):
    if name not in GUIDES:
        abort(404)
    config = current_app.config
    return render_template(
        f"guides/{name}.html",
        title=GUIDES[name],
        guides=listed(),
        min_cell=config["MIN_CELL"],
        session_min_n=config["SESSION_MIN_N"],
    )
