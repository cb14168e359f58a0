"""Configuration order: defaults, then instance/config.py, then SURVEYAPP_* variables."""
from __future__ import annotations

import pytest
from flask import Flask

from surveyapp import config


def bare_app(tmp_path) -> Flask:
    return Flask("surveyapp", instance_path=str(tmp_path / "instance"), instance_relative_config=True)


def test_defaults_are_anonymous_and_local(tmp_path, monkeypatch):
    monkeypatch.delenv("SURVEYAPP_DATABASE_URL", raising=False)
    app = bare_app(tmp_path)
    config.load(app, None)
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'instance' / 'surveyapp.sqlite3'}"
    assert app.config["DATE_PRECISION"] == "week"
    assert (app.config["SESSION_MIN_N"], app.config["MIN_CELL"]) == (3, 5)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    # A random secret is created once in the instance folder and reused.
    secret = app.config["SECRET_KEY"]
    assert len(secret) == 64 and (tmp_path / "instance" / "secret_key").read_text() == secret
    again = bare_app(tmp_path)
    config.load(again, None)
    assert again.config["SECRET_KEY"] == secret


def test_instance_file_then_environment(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('DATE_PRECISION = "month"\nMIN_CELL = 7\n')
    monkeypatch.setenv("SURVEYAPP_MIN_CELL", "10")
    monkeypatch.setenv("SURVEYAPP_DATABASE_URL", "postgresql+psycopg://u@localhost/s")
    app = bare_app(tmp_path)
    config.load(app, None)
    assert app.config["DATE_PRECISION"] == "month"
    assert app.config["MIN_CELL"] == 10
    assert app.config["DATABASE_URL"] == "postgresql+psycopg://u@localhost/s"


def test_unknown_date_precision_refused(tmp_path):
    with pytest.raises(ValueError, match="SURVEYAPP_DATE_PRECISION must be one of day, week, month"):
        config.load(bare_app(tmp_path), {"DATE_PRECISION": "second", "SECRET_KEY": "x"})
