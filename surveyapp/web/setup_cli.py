"""`flask setup`: the first administrator and the organisation from the command line, as on the
set-up page (the same form and rules: forms/setup.py); `flask setup --token` prints the page's code."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError

from surveyapp.core import first_run, organisations
from surveyapp.web import database
from surveyapp.web.submissions import today

# Option → (form field, prompt); prompted for when not given.
ASKED = {
    "admin_name": ("admin_name", "Your name"),
    "admin_email": ("admin_email", "Your e-mail address"),
    "org_slug": ("slug", "Organisation's short name in web addresses (a-z, 0-9, -)"),
    "org_name": ("name", "Organisation's name"),
    "org_email": ("email", "Organisation's e-mail for data protection questions"),
    "legal_basis": ("legal_basis", "Legal basis (public_task, legitimate_interest, consent)"),
    "retention_years": ("retention_years", "Retention period in years (1-50)"),
    "feedback_email": ("a11y_feedback_email", "E-mail for accessibility feedback"),
}


@click.command("setup")
@click.option("--token", "show_token", is_flag=True, help="Only print the set-up page's code.")
@click.option("--admin-name")
@click.option("--admin-email")
@click.option("--org-slug")
@click.option("--org-name")
@click.option("--org-email")
@click.option("--legal-basis", type=click.Choice(["public_task", "legitimate_interest", "consent"]))
@click.option("--retention-years")
@click.option("--feedback-email")
@click.option("--password", envvar="SURVEYAPP_SETUP_PASSWORD", help="Else asked twice.")
@with_appcontext
def setup_command(show_token: bool, password: str | None, **given) -> None:
    """Create the first administrator and the organisation on an empty database."""
    config = current_app.config
    db = database.session()
    if not first_run.needed(db):
        raise click.UsageError("the service is set up already: there are accounts")
    code = first_run.setup_token(config["SECRET_KEY"], config["SETUP_TOKEN"])
    if show_token:
        click.echo(code)
        return
    answers = {
        field: given[option] if given[option] else click.prompt(prompt)
        for option, (field, prompt) in ASKED.items()
    }
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from surveyapp.web.forms.setup import SetupForm

    day = today()
    defaults = organisations.form_values(None, day)
    posted = {**defaults, **answers, "password": password, "password_again": password}
    posted["setup_code"] = code
    # The form's own rules and messages, as on the page; in English, like the other commands.
    with current_app.test_request_context(
        method="POST", data=posted, headers={"Accept-Language": "en"}
    ):
        form = SetupForm(meta={"csrf": False}, expected_code=code)
        if not form.validate():
            for field in form:
                for error in field.errors:
                    click.echo(f"{field.name}: {error}", err=True)
            raise SystemExit(1)
        settings = form.settings()
    try:
        first_run.set_up(
            db,
            email=form.admin_email.data,
            name=form.admin_name.data,
            password=password,
            slug=form.slug.data,
            settings=settings,
            today=day,
        )
        db.commit()
    except IntegrityError:
        db.rollback()
        raise click.UsageError("the service was set up at the same moment by someone else")
    click.echo(f"set up: administrator {form.admin_email.data}, organisation {form.slug.data}")
