"""`flask results`: a collection's figures after small-group protection, as JSON."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import with_appcontext

from surveyapp.core import (
    activities,
    background,
    collection_setup,
    comparisons,
    kept_results,
    protection,
    reports,
    results,
    topic_counts,
)
from surveyapp.web import database
from surveyapp.web.cli import collection_by_slug
from surveyapp.web.submissions import municipality_options


@click.command("results")
@click.option("--collection", "slug", required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option(
    "--by", help="municipality, year, county, or the code of a background (choice) question"
)
@with_appcontext
def results_command(slug: str, fmt: str, by: str | None) -> None:
    """Print a collection's figures, after small-group protection, as JSON."""
    collection = collection_by_slug(slug)
    instrument = current_app.extensions["surveyapp.instruments"][collection.instrument_id]
    splits = {i.code: i for i in background.items(instrument)}
    allowed = (*results.BREAKDOWNS, results.COUNTY, *splits)
    if by not in (None, *allowed):
        raise click.UsageError(f"--by: one of {', '.join(allowed)}")
    scope, filters, db = (
        reports.Scope(instrument.id, (collection.id,)),
        reports.Filters(),
        database.session(),
    )
    with current_app.test_request_context():
        options = municipality_options(collection)
    config = current_app.config
    table = protection.for_collection(db, collection, config["MIN_CELL"], config["SESSION_MIN_N"])
    dashboard = results.for_scope(
        db,
        instrument,
        scope,
        filters,
        min_cell=config["MIN_CELL"],
        table=table,
        municipality_options=options,
        **collection_setup.rate_inputs(db, collection),
        split_by=splits.get(by),
        session_min_n=config["SESSION_MIN_N"],
    )
    data = {
        "collection": slug,
        "instrument": instrument.id,
        "version": instrument.version,
        **results.as_data(dashboard, by),
        "topics": topic_counts.as_data(topic_counts.count(db, collection, table, filters)),
    }
    # The years of the collection side by side (the comparison page's default view).
    data["years"] = comparisons.as_data(comparisons.for_years(db, instrument, collection, table))
    kept = kept_results.kept(db, collection)
    if kept is not None:  # the tables kept when the retention time deleted the answers
        data["kept"] = kept_results.as_data(kept)
    activity = activities.for_collection(db, collection, instrument, table, config["SESSION_MIN_N"])
    if activity.rows:  # the yearly activity table of its group sessions
        data["activities"] = activities.as_data(activity)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
