"""Configuration: defaults, then instance/config.py, then SURVEYAPP_* environment variables."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATE_PRECISIONS = ("day", "week", "month")


def defaults(app: Flask) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{Path(app.instance_path) / 'surveyapp.sqlite3'}",
        "INSTRUMENTS_DIR": str(PROJECT_ROOT / "instruments"),
        # How precisely a response's date is kept: never the time of day.
        "DATE_PRECISION": "week",
        "SESSION_MIN_N": 3,
        # Kiosk: seconds the thank-you screen shows; idle seconds before a half-filled form is
        # cleared (0 turns the reset off); days a closed session still accepts queued answers.
        "KIOSK_THANKS_SECONDS": 5,
        "KIOSK_IDLE_SECONDS": 60,
        "KIOSK_GRACE_DAYS": 1,
        "MIN_CELL": 5,
        "LANGUAGES": ["fi", "sv", "en"],
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Form posts are small; anything larger is refused with a clear page.
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def load(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from defaults, the instance file, the environment and test_config."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(defaults(app))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("SURVEYAPP")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["DATE_PRECISION"] not in DATE_PRECISIONS:
        raise ValueError(f"SURVEYAPP_DATE_PRECISION must be one of {', '.join(DATE_PRECISIONS)}")


def _instance_secret(instance: Path) -> str:
    """A random secret kept in instance/secret_key, created on first start."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
