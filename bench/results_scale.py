"""Dashboard and results-JSON time as a collection grows to 10 000, 100 000 and 1 000 000 responses."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass

from surveyapp.core import reports, results
from surveyapp.web.submissions import municipality_options

from . import data
from .app import create_app, log_in
from .servers import app_config

REPEATS = 3


@dataclass
class Point:
    database: str
    responses: int
    load_seconds: float  # bulk loading the responses added for this size
    dashboard_seconds: float  # GET /coordinate/c/<slug>/results, median of REPEATS
    json_seconds: float  # the `flask results` figures as JSON, median of REPEATS
    page_bytes: int


def median_time(call, repeats: int = REPEATS) -> float:
    call()  # warm: caches, the instrument registry, the database's pages
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(database: str, url: str, sizes: list[int]):
    """Grow one collection through `sizes` (bulk-loaded), timing both reads at each size. Yields Points."""
    slug, collection_id, user_id = data.prepare(url)
    app = create_app(app_config(url))
    client = app.test_client()
    log_in(app, client, user_id)
    loaded = 0
    try:
        for size in sizes:
            started = time.perf_counter()
            data.load(url, collection_id, size - loaded, seed=size)
            load_seconds, loaded = time.perf_counter() - started, size
            page = client.get(f"/coordinate/c/{slug}/results")
            assert page.status_code == 200, page.status_code

            def dashboard():
                assert client.get(f"/coordinate/c/{slug}/results").status_code == 200

            def figures():
                with app.test_request_context():
                    collection = results_collection(app, slug)
                    instrument = app.extensions["surveyapp.instruments"][collection.instrument_id]
                    scope = reports.Scope(instrument.id, (collection.id,))
                    from surveyapp.web import database

                    dashboard_ = results.for_scope(
                        database.session(),
                        instrument,
                        scope,
                        reports.Filters(),
                        min_cell=app.config["MIN_CELL"],
                        municipality_options=municipality_options(collection),
                    )
                    out = json.dumps(
                        results.as_data(dashboard_, "municipality"), ensure_ascii=False
                    )
                    assert json.loads(out)["n"] == size

            yield Point(
                database,
                size,
                load_seconds,
                median_time(dashboard),
                median_time(figures),
                len(page.data),
            )
    finally:
        app.extensions["surveyapp.db"].kw["bind"].dispose()


def results_collection(app, slug: str):
    from sqlalchemy import select

    from surveyapp.core.models import Collection
    from surveyapp.web import database

    return database.session().scalar(select(Collection).where(Collection.slug == slug))
