"""Configuration order: defaults, then instance/config.py, then SURVEYAPP_* variables."""

from __future__ import annotations

import datetime as dt
import runpy
import sys
from pathlib import Path

import pytest
from flask import Flask

from surveyapp import config


def bare_app(tmp_path) -> Flask:
    return Flask(
        "surveyapp", instance_path=str(tmp_path / "instance"), instance_relative_config=True
    )


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
    with pytest.raises(
        ValueError, match="SURVEYAPP_DATE_PRECISION must be one of day, week, month"
    ):
        config.load(bare_app(tmp_path), {"DATE_PRECISION": "second", "SECRET_KEY": "x"})


def test_throttle_and_session_settings_from_the_environment_and_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYAPP_SESSION_IDLE_HOURS", "8")
    monkeypatch.setenv("SURVEYAPP_CODE_FREE_GUESSES", "20")
    app = bare_app(tmp_path)
    config.load(app, {"SECRET_KEY": "x"})
    assert (app.config["SESSION_IDLE_HOURS"], app.config["CODE_FREE_GUESSES"]) == (8, 20)
    for name, value in [
        ("SESSION_IDLE_HOURS", 0),
        ("CODE_MAX_WAIT_MINUTES", "tunti"),
        ("LOGIN_ACCOUNT_WAIT_SECONDS", 1.5),
        ("PROXY_COUNT", -1),
        ("LOGIN_MAX_FAILURES", True),
    ]:
        with pytest.raises(ValueError, match=f"SURVEYAPP_{name} must be a whole number from"):
            config.load(bare_app(tmp_path), {"SECRET_KEY": "x", name: value})


def test_production_refuses_to_start_without_a_given_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYAPP_ENV", "production")
    monkeypatch.delenv("SURVEYAPP_SECRET_KEY", raising=False)
    with pytest.raises(
        SystemExit, match="surveyapp will not start in production without SURVEYAPP_SECRET_KEY"
    ):
        config.load(bare_app(tmp_path), None)
    # No instance secret is made up for it either: every app host must share the one given.
    assert not (tmp_path / "instance" / "secret_key").exists()
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "too-short")
    with pytest.raises(SystemExit, match="at least 32 characters"):
        config.load(bare_app(tmp_path), None)
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "k" * 32)
    app = bare_app(tmp_path)
    config.load(app, None)
    assert app.config["SECRET_KEY"] == "k" * 32


def test_production_refuses_debug_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("SURVEYAPP_ENV", "production")
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "k" * 32)
    monkeypatch.setenv("SURVEYAPP_DEBUG", "true")
    with pytest.raises(SystemExit, match="debug mode"):
        config.load(bare_app(tmp_path), None)


def test_gunicorn_counts_as_production(tmp_path, monkeypatch):
    monkeypatch.delenv("SURVEYAPP_SECRET_KEY", raising=False)
    monkeypatch.setitem(sys.modules, "gunicorn.arbiter", object())
    with pytest.raises(SystemExit, match="without SURVEYAPP_SECRET_KEY"):
        config.load(bare_app(tmp_path), None)


def access_line(settings: dict, method: str, path: str, query: str = "") -> str:
    """The line gunicorn, configured by gunicorn.conf.py, writes for one request from a tablet."""
    from gunicorn.config import Config

    gunicorn_config = Config()
    gunicorn_config.set("access_log_format", settings["access_log_format"])
    gunicorn_config.set("logger_class", settings["logger_class"])
    logger = gunicorn_config.logger_class(gunicorn_config)
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "RAW_URI": f"{path}?{query}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Tablet)",
        "HTTP_REFERER": "https://referrer.example/",
        "HTTP_COOKIE": "session=secret-cookie",
    }

    class Response:
        status, sent, headers = "302 FOUND", 189, [("Set-Cookie", "session=secret-cookie")]

    request = type("Request", (), {"headers": [("COOKIE", "session=secret-cookie")]})()
    return logger.cfg.access_log_format % logger.atoms(
        Response(), request, environ, dt.timedelta(milliseconds=12)
    )


def test_gunicorn_config_logs_no_client_details():
    settings = runpy.run_path(str(Path(config.PROJECT_ROOT) / "gunicorn.conf.py"))
    assert settings["raw_env"] == ["SURVEYAPP_ENV=production"]
    assert settings["access_log_format"] == '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
    assert (
        access_line(settings, "POST", "/c/testi", "lang=sv&koodi=ACDEF347")
        == '"POST /c/testi" 302 189 12ms'
    )


def test_gunicorn_config_never_logs_a_tablet_s_address():
    settings = runpy.run_path(str(Path(config.PROJECT_ROOT) / "gunicorn.conf.py"))
    token = "Zk3-tablet_token_0123456789abcdefghij"
    assert (
        access_line(settings, "POST", f"/kiosk/{token}/api") == '"POST /kiosk/-/api" 302 189 12ms'
    )
    assert access_line(settings, "GET", f"/kiosk/{token}") == '"GET /kiosk/-" 302 189 12ms'
    assert (
        access_line(settings, "GET", "/coordinate/sessions")
        == '"GET /coordinate/sessions" 302 189 12ms'
    )


def test_gunicorn_config_never_logs_a_share_link_s_token():
    settings = runpy.run_path(str(Path(config.PROJECT_ROOT) / "gunicorn.conf.py"))
    token = "UkUTG3h2tWDzYxHazvJJaZn_KNM1jt3EfrBDyxcYMKg"
    assert access_line(settings, "GET", f"/tulokset/{token}", "lang=sv") == (
        '"GET /tulokset/-" 302 189 12ms'
    )
    assert access_line(settings, "GET", f"/tulokset/{token}/raportti.pdf") == (
        '"GET /tulokset/-/raportti.pdf" 302 189 12ms'
    )


def test_gunicorn_error_log_has_no_time_stamp_or_client_address():
    """gunicorn's own error-log lines, as the logger class of gunicorn.conf.py writes them."""
    import io
    import logging

    from gunicorn.config import Config

    settings = runpy.run_path(str(Path(config.PROJECT_ROOT) / "gunicorn.conf.py"))
    gunicorn_config = Config()
    gunicorn_config.set("logger_class", settings["logger_class"])
    logger = gunicorn_config.logger_class(gunicorn_config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    # The formatter gunicorn's Logger.setup gives its error-log handlers.
    handler.setFormatter(logging.Formatter(logger.error_fmt, logger.datefmt))
    logger.error_log.addHandler(handler)
    try:
        logger.warning("Invalid request from ip=203.0.113.7: Invalid HTTP method: 'G\\x00T'")
        logger.error("Error handling request GET /c/testi?koodi=ACDEF347")
    finally:
        logger.error_log.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert [line.split("] ", 2)[2] for line in lines] == [
        "Invalid request from ip=-: Invalid HTTP method: 'G\\x00T'",
        "Error handling request GET /c/testi",
    ]
    assert all(
        line.startswith("[") and "203.0.113.7" not in line and ":" not in line.split("] ")[0]
        for line in lines
    )
