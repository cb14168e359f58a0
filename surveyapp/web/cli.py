"""Command line: flask --app surveyapp db upgrade | demo load | instruments check [DIR|FILE] | lock | xlsforms."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from surveyapp import config
from surveyapp.core.instruments import downloads, validate
from surveyapp.core.instruments.loader import load_directory, write_lock


def configured_instruments_dir() -> Path:
    """INSTRUMENTS_DIR as the app would see it, without building the app (which would refuse)."""
    app = Flask("surveyapp", instance_relative_config=True, root_path=str(Path(__file__).parent))
    config.load(app, None)
    return Path(app.config["INSTRUMENTS_DIR"])


# Registered as a `flask.commands` plugin, so it runs even when the instruments are broken.
@click.group("instruments", help="Validate and record instrument files.")
def instruments_cli() -> None:
    pass


@instruments_cli.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def check(path: Path | None) -> None:
    """Validate every instrument file of a directory, or one form file (.yaml or XLSForm .xlsx)
    as an upload is validated; print one line per error and exit 1 if any."""
    path = path or configured_instruments_dir()
    if path.is_file():
        checked = validate.check(path.name, path.read_bytes())
        for error in checked.errors:
            click.echo(str(error), err=True)
        if checked.errors:
            raise SystemExit(1)
        click.echo(f"{path}: {checked.instrument.id} OK")
        return
    instruments, errors = load_directory(path)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise SystemExit(1)
    click.echo(f"{len(instruments)} instruments OK in {path}")


@instruments_cli.command("xlsforms")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def xlsforms(directory: Path | None) -> None:
    """Write every shipped instrument as an XLSForm into DIRECTORY/xlsform/ (the examples)."""
    directory = directory or configured_instruments_dir()
    instruments, errors = load_directory(directory)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise SystemExit(1)
    (directory / "xlsform").mkdir(exist_ok=True)
    for instrument in instruments:
        target = directory / "xlsform" / f"{instrument.id}.xlsx"
        target.write_bytes(downloads.xlsform_of(instrument))
        click.echo(f"wrote {target}")


@instruments_cli.command("lock")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def lock(directory: Path | None) -> None:
    """Record the content hash of every new instrument version in versions.lock."""
    directory = directory or configured_instruments_dir()
    instruments, errors = load_directory(directory, check_lock=False)
    for error in errors:
        click.echo(str(error), err=True)
    if errors:
        raise SystemExit(1)
    for line in write_lock(directory, instruments):
        click.echo(f"recorded {line}")
    # A recorded version whose content changed is still refused by `check`.
    _, lock_errors = load_directory(directory)
    for error in lock_errors:
        click.echo(str(error), err=True)
    if lock_errors:
        raise SystemExit(1)


@click.group("db", help="Database migrations.")
def db_cli() -> None:
    pass


@db_cli.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def upgrade(revision: str) -> None:
    """Apply the migrations up to REVISION (default: head)."""
    from surveyapp.migrate import upgrade as run_upgrade

    run_upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@with_appcontext
def revision(message: str) -> None:
    """Autogenerate a migration from the models; read it before committing."""
    from surveyapp.migrate import revision as make_revision

    make_revision(current_app.config["DATABASE_URL"], message)


@click.group("demo", help="Demo data.")
def demo_cli() -> None:
    pass


@demo_cli.command("load")
@with_appcontext
def load_demo() -> None:
    """Load the VALPAS demo setting (idempotent)."""
    from surveyapp.core import demo
    from surveyapp.web import database
    from surveyapp.web.submissions import today

    db = database.session()
    summary = demo.load(db, current_app.extensions["surveyapp.instruments"], today())
    db.commit()
    click.echo(summary)


@click.group("users", help="Coordinator accounts.")
def users_cli() -> None:
    pass


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", type=click.Choice(["admin", "coordinator"]), default="coordinator", show_default=True
)
@click.option(
    "--project",
    "projects",
    multiple=True,
    help="Project slug the coordinator may see (repeatable).",
)
@click.password_option()
@with_appcontext
def create_user(email: str, name: str, role: str, projects: tuple[str, ...], password: str) -> None:
    """Create an account; the password is asked twice and stored only as a hash."""
    from sqlalchemy import select

    from surveyapp.core.models import Project
    from surveyapp.core.users import create_user as create
    from surveyapp.core.users import find_user, password_problem
    from surveyapp.web import database

    db = database.session()
    if find_user(db, email):
        raise click.UsageError(f"an account for {email} exists already")
    if password_problem(password):
        raise click.UsageError("use a password of 10 to 200 characters")
    user = create(db, email=email, name=name, password=password, role=role)
    for slug in projects:
        project = db.scalar(select(Project).where(Project.slug == slug))
        if project is None:
            raise click.UsageError(f"no project {slug!r}")
        user.projects.append(project)
    db.commit()
    click.echo(f"created {role} {user.email}")


@users_cli.command("password")
@click.option("--email", required=True)
@click.password_option()
@with_appcontext
def set_password(email: str, password: str) -> None:
    """Give an account a new password (asked twice); every login of the account ends."""
    from werkzeug.security import generate_password_hash

    from surveyapp.core import logins
    from surveyapp.core.users import find_user, password_problem
    from surveyapp.web import database

    db = database.session()
    user = find_user(db, email)
    if user is None:
        raise click.UsageError(f"no account for {email}")
    if password_problem(password):
        raise click.UsageError("use a password of 10 to 200 characters")
    user.password_hash = generate_password_hash(password)
    ended = logins.end_all(db, user)
    db.commit()
    click.echo(f"new password for {user.email}; {ended} login(s) ended")


@click.group("responses", help="Import responses; hide their arrival order.")
def responses_cli() -> None:
    pass


def collection_by_slug(slug: str):
    from sqlalchemy import select

    from surveyapp.core.models import Collection
    from surveyapp.web import database

    collection = database.session().scalar(select(Collection).where(Collection.slug == slug))
    if collection is None:
        raise click.UsageError(f"no collection {slug!r}")
    return collection


@responses_cli.command("import")
@click.option("--collection", "slug", required=True, help="Slug of the collection to import into.")
@click.argument("file", type=click.File("rb"))
@with_appcontext
def import_responses(slug: str, file) -> None:
    """Import FILE (the CSV export format) with channel "import"; nothing is stored if any row is wrong."""
    from surveyapp.core import imports
    from surveyapp.web import database
    from surveyapp.web.submissions import municipality_options, pairing_key

    collection = collection_by_slug(slug)
    instrument = current_app.extensions["surveyapp.instruments"][collection.instrument_id]
    with current_app.test_request_context():  # the "muu" option's label is translated
        options = municipality_options(collection)
    stored, errors = imports.import_csv(
        database.session(),
        collection,
        instrument,
        file.read(),
        options,
        precision=current_app.config["DATE_PRECISION"],
        pairing_key=pairing_key(),
    )
    for error in errors:
        click.echo(f"{file.name}: {error}", err=True)
    if errors:
        database.session().rollback()
        raise SystemExit(1)
    database.session().commit()
    click.echo(f"imported {stored} responses into {slug}")


@responses_cli.command("mix")
@with_appcontext
def mix_responses() -> None:
    """Rewrite the responses and submission keys stored since the last mix in random order (PostgreSQL)."""
    import time

    from surveyapp.core import mixing
    from surveyapp.web import database

    if database.engine().dialect.name != "postgresql":
        click.echo("nothing to mix: SQLite keeps no arrival order")
        return
    done = mixing.mix(database.engine(), now=int(time.time()))
    click.echo(f"mixed {done.responses} responses and {done.keys} submission keys")


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(responses_cli)
    from surveyapp.web.results_cli import results_command

    app.cli.add_command(results_command)
    from surveyapp.web.setup_cli import setup_command

    app.cli.add_command(setup_command)
    from surveyapp.web.municipalities_cli import municipalities_cli

    app.cli.add_command(municipalities_cli)
    from surveyapp.web.retention_cli import retention_cli

    app.cli.add_command(retention_cli)
