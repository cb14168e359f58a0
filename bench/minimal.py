"""The yardstick of the respondent flow: a minimal Flask + Flask-WTF form that stores one response.

What a form needs and nothing more: a CSRF-protected form of the session-feedback questions (a
grade 4–10 and a comment), validated by WTForms, stored as one row of its own table in the same
database (one INSERT, one commit), a redirect to a thank-you page that reads nothing. No
submission key, no anonymity measures, no languages, no organisation: so it measures what the
framework and one write cost, beside which surveyapp's flow is compared (bench/flows.py).
Served by gunicorn as `bench.minimal:create_app()` with SURVEYAPP_DATABASE_URL and
SURVEYAPP_SECRET_KEY set.
"""

from __future__ import annotations

import os
import secrets

from flask import Flask, redirect, render_template_string, url_for
from flask_wtf import FlaskForm
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, insert
from wtforms import IntegerField, TextAreaField
from wtforms.validators import NumberRange, Optional

metadata = MetaData()
minimal_response = Table(
    "minimal_response",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("grade", Integer),
    Column("comment", Text),
)

PAGE = """<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Palaute</title></head>
<body><h1>Palaute</h1>
<form method="post"><input type="hidden" name="csrf_token" value="{{ form.csrf_token.current_token }}">
<label for="arvosana">Arvosana</label>{{ form.arvosana() }}
{% for e in form.arvosana.errors %}<p>{{ e }}</p>{% endfor %}
<label for="vapaa_palaute">Vapaa palaute</label>{{ form.vapaa_palaute() }}
<button>Lähetä</button></form></body></html>"""
THANKS = """<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kiitos</title></head>
<body><h1>Kiitokset vastauksistasi!</h1></body></html>"""


class Feedback(FlaskForm):
    arvosana = IntegerField("Arvosana", validators=[NumberRange(4, 10)])
    vapaa_palaute = TextAreaField("Vapaa palaute", validators=[Optional()])


def create_tables(url: str) -> None:
    """Before gunicorn starts (its workers would race to create the table)."""
    engine = create_engine(url)
    metadata.create_all(engine)
    engine.dispose()


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SURVEYAPP_SECRET_KEY"]
    engine = create_engine(os.environ["SURVEYAPP_DATABASE_URL"])

    @app.route("/c/<slug>", methods=["GET", "POST"])
    def form(slug: str):
        form = Feedback()
        if form.validate_on_submit():
            with engine.begin() as conn:
                conn.execute(
                    insert(minimal_response),
                    {
                        "id": secrets.token_hex(16),
                        "grade": form.arvosana.data,
                        "comment": form.vapaa_palaute.data,
                    },
                )
            return redirect(url_for("thanks", slug=slug))
        return render_template_string(PAGE, form=form), 422 if form.errors else 200

    @app.get("/c/<slug>/kiitos")
    def thanks(slug: str):
        return render_template_string(THANKS)

    return app
