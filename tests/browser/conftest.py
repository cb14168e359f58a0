"""Browser fixtures: the app on a live server with every shipped instrument, and one headless Chromium.

The app runs on a SQLite copy of the session's migrated template, served by werkzeug in a daemon
thread on 127.0.0.1 and a free port. One Chromium (Debian's, never a downloaded one) is launched
for the whole session; every test gets its own browser context and page.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.helpers import ROOT, SHIPPED, VALPAS, finnish_only, make_app, make_collection, serve_also

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}
# The id of the live app's Finnish-only copy of the ESY client form (collection esy-suomeksi).
FINNISH_ONLY = "esy_suomeksi"


def slug(instrument_id: str) -> str:
    """The collection slug of an instrument in the live app: its id with - for _."""
    return instrument_id.replace("_", "-")


@pytest.fixture(scope="session")
def live_app(sqlite_template, tmp_path_factory):
    """The app on its own SQLite database, one open collection per shipped instrument."""
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "browser.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", folder)
    # Every shipped form is translated; a Finnish-only copy of one stands for a form not translated yet.
    serve_also(
        app,
        finnish_only(app.extensions["surveyapp.instruments"]["esy_client_eval"], FINNISH_ONLY),
    )
    with app.extensions["surveyapp.db"]() as db:
        for instrument_id in (*SHIPPED, FINNISH_ONLY):
            make_collection(
                db, instrument_id, slug=slug(instrument_id), municipalities=tuple(VALPAS)
            )
    yield app
    app.extensions["surveyapp.db"].kw["bind"].dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """The base URL of the app served on 127.0.0.1 and a free port, shut down at the end."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in a fresh context (own cookies) on the live server; all closed after the test."""
    contexts = []

    def factory(**context_options):
        context_options.setdefault("viewport", TABLET)
        context_options.setdefault("locale", "fi-FI")
        context = browser.new_context(base_url=live_server, **context_options)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
