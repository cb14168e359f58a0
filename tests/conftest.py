"""Fixtures: every app test runs on SQLite and on a real PostgreSQL cluster started here."""

from __future__ import annotations

import shutil
from pathlib import Path

# Imported here, at the top of the stack: otherwise, in a run where no test imports it, Hypothesis's
# pytest plugin imports it in its end-of-run summary, deep in pluggy's calls, where CPython 3.11.7's
# compile() fails with "AST constructor recursion depth mismatch" and the passed run exits non-zero.
import hypothesis  # noqa: F401
import pytest
from sqlalchemy import create_engine, text

from surveyapp.migrate import upgrade
from tests import pg
from tests.helpers import CI, add_coordinator, log_in, make_app


@pytest.fixture(scope="session")
def pg_cluster():
    bin_dir = pg.find_bin_dir()
    if bin_dir is None:
        if CI:
            pytest.fail(
                "PostgreSQL server binaries are required with CI=true (apt-get install postgresql)"
            )
        yield None
        return
    cluster = pg.Cluster(bin_dir)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str | None:
    if pg_cluster is None:
        return None
    admin = create_engine(pg_cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE surveyapp_template"))
    admin.dispose()
    upgrade(pg_cluster.url("surveyapp_template"))
    return "surveyapp_template"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A migrated, empty database of each kind, new for every test."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL server binaries not installed")
    with pg.database(cluster, request.getfixturevalue("pg_template")) as url:
        yield url


@pytest.fixture
def app(database_url, tmp_path):
    app = make_app(database_url, tmp_path)
    yield app
    app.extensions["surveyapp.db"].kw["bind"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A database session of the test's own, outside any request, for set-up and inspection."""
    with app.extensions["surveyapp.db"]() as db_session:
        yield db_session


@pytest.fixture
def coordinator(app, db, client):
    """An administrator, logged in on ``client``."""
    user = add_coordinator(db)
    assert log_in(client, "Koordinaattori@example.fi").status_code == 302
    return user


@pytest.fixture
def coordinator_for(database_url, tmp_path):
    """A logged-in client of an app with its own settings: returns (client, session, app)."""
    made = []

    def factory(**settings):
        app = make_app(database_url, tmp_path, **settings)
        db = app.extensions["surveyapp.db"]()
        client = app.test_client()
        add_coordinator(db)
        assert log_in(client).status_code == 302
        made.append((app, db))
        return client, db, app

    yield factory
    for app, db in made:
        db.close()
        app.extensions["surveyapp.db"].kw["bind"].dispose()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session, for tests/browser/ and tests/deploy/ alike
    (Playwright's sync API runs once per process: a second instance would refuse to start)."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run scripts/system-deps.sh (apt-get install chromium)"
        if CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
