"""Configuration: defaults, then instance/config.py, then SURVEYAPP_* environment variables."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATE_PRECISIONS = ("day", "week", "month")
# Supervision of digital accessibility moved from the Regional State Administrative Agency to Traficom
# on 1.1.2025; these are the contact details used in 2026 statements. Check them yearly.
ACCESSIBILITY_AUTHORITY = {
    "fi": "Liikenne- ja viestintävirasto Traficom\n"
    "Digitaalisen esteettömyyden ja saavutettavuuden valvontayksikkö\n"
    "www.saavutettavuusvaatimukset.fi\n"
    "saavutettavuus@traficom.fi\n"
    "puhelinnumero vaihde 029 534 5000",
    "sv": "Transport- och kommunikationsverket Traficom\n"
    "Enheten för tillsyn över digital tillgänglighet\n"
    "www.tillganglighetskrav.fi\n"
    "saavutettavuus@traficom.fi\n"
    "telefonnummer växel 029 534 5000",
    "en": "Finnish Transport and Communications Agency Traficom\n"
    "Digital Accessibility Supervision Unit\n"
    "www.webaccessibility.fi\n"
    "saavutettavuus@traficom.fi\n"
    "telephone switchboard 029 534 5000",
}


def defaults(app: Flask) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{Path(app.instance_path) / 'surveyapp.sqlite3'}",
        # A read-only copy (a PostgreSQL streaming replica) for results, exports and PDF reports; empty:
        # DATABASE_URL. Logins, answers and every other page always use DATABASE_URL.
        "REPORTING_DATABASE_URL": "",
        "INSTRUMENTS_DIR": str(PROJECT_ROOT / "instruments"),
        # How precisely a response's date is kept: never the time of day.
        "DATE_PRECISION": "week",
        "SESSION_MIN_N": 3,
        # Kiosk: seconds the thank-you screen shows; idle seconds before a half-filled form is
        # cleared (0 turns the reset off); days a closed session still accepts queued answers.
        "KIOSK_THANKS_SECONDS": 5,
        "KIOSK_IDLE_SECONDS": 60,
        # The idle warning shows this long before the form is cleared (WCAG 2.2.1: at least 20 s).
        "KIOSK_IDLE_WARNING_SECONDS": 20,
        # Leader mode on a tablet ends after this many seconds without a leader page.
        "KIOSK_LEADER_SECONDS": 120,
        "KIOSK_GRACE_DAYS": 1,
        "MIN_CELL": 5,
        # PostgreSQL: hours between mixes that hide the arrival order of new answers (surveyapp/core/mixing.py);
        # 1–24, or 0 when a timer runs `flask responses mix` instead.
        "MIX_INTERVAL_HOURS": 24,
        # Slug of the organisation whose statement and privacy notice the pages that belong to no
        # organisation link to (front page, login); empty: the only organisation, if there is one.
        "ORGANISATION": "",
        # The supervisory authority in the accessibility statement, unless an organisation sets its own.
        "ACCESSIBILITY_AUTHORITY": ACCESSIBILITY_AUTHORITY,
        "LANGUAGES": ["fi", "sv", "en"],
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Form posts are small; anything larger is refused with a clear page.
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        # Flask-WTF's HTTPS check wants a same-origin Referer, which browsers never send here (every page
        # says Referrer-Policy: no-referrer); same_origin.py checks Origin and Sec-Fetch-Site instead.
        "WTF_CSRF_SSL_STRICT": False,
        # "development" (make run, tests) or "production"; gunicorn always counts as production.
        "ENV": "development",
        # Number of reverse proxies in front of the app whose X-Forwarded-Proto/-Host are trusted (0: none).
        "PROXY_COUNT": 0,
        # Coordinator login, counted per account and client (throttle.py): this many wrong passwords
        # lock that client out of that account for LOGIN_LOCK_MINUTES, each further one twice as long.
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_LOCK_MINUTES": 15,
        # After this many wrong passwords for one account from anywhere (until a right one), every try
        # for it waits LOGIN_ACCOUNT_WAIT_SECONDS after the latest wrong one: slow, never locked out.
        "LOGIN_ACCOUNT_FAILURES": 50,
        "LOGIN_ACCOUNT_WAIT_SECONDS": 10,
        # A coordinator's login ends after this many hours without a request (and at logout).
        "SESSION_IDLE_HOURS": 10,
        # Access codes, counted per client: this many wrong codes are free, then each one makes the
        # client wait CODE_FIRST_WAIT_SECONDS, twice as long each time, at most CODE_MAX_WAIT_MINUTES.
        "CODE_FREE_GUESSES": 10,
        "CODE_FIRST_WAIT_SECONDS": 30,
        "CODE_MAX_WAIT_MINUTES": 60,
        # The code the first-run set-up page asks for (first_run.py); empty: derived from SECRET_KEY
        # and shown by `flask setup --token` and in the log at start while there are no accounts.
        "SETUP_TOKEN": "",
        # The key that hashes and seals pairing codes (core/pairing.py), at least 32 characters;
        # empty: derived from SECRET_KEY. Never in the database or its backups: with the database,
        # it is what could test a known person's self-generated code.
        "PAIRING_KEY": "",
        # Invitations are also e-mailed through this SMTP server when it is set (web/mail.py).
        "MAIL_SERVER": "",
        "MAIL_PORT": 25,
        "MAIL_STARTTLS": False,
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": "",
        "MAIL_FROM": "",
    }


# Whole-number settings and their sensible range, checked at start.
WHOLE_NUMBERS = {
    "PROXY_COUNT": (0, 10),
    "LOGIN_MAX_FAILURES": (1, 100),
    "LOGIN_LOCK_MINUTES": (1, 24 * 60),
    "LOGIN_ACCOUNT_FAILURES": (1, 100_000),
    "LOGIN_ACCOUNT_WAIT_SECONDS": (1, 3600),
    "SESSION_IDLE_HOURS": (1, 24 * 31),
    "CODE_FREE_GUESSES": (1, 1000),
    "CODE_FIRST_WAIT_SECONDS": (1, 3600),
    "CODE_MAX_WAIT_MINUTES": (1, 24 * 60),
    "MIX_INTERVAL_HOURS": (0, 24),
    "MAIL_PORT": (1, 65535),
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
    if is_production(app):
        _check_production(app)
    elif not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    if app.config["DATE_PRECISION"] not in DATE_PRECISIONS:
        raise ValueError(f"SURVEYAPP_DATE_PRECISION must be one of {', '.join(DATE_PRECISIONS)}")
    _check_whole_numbers(app)
    _check_kiosk_times(app)


def _check_whole_numbers(app: Flask) -> None:
    for name, (low, high) in WHOLE_NUMBERS.items():
        value = app.config[name]
        if isinstance(value, str) and value.strip().isdigit():
            value = app.config[name] = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"SURVEYAPP_{name} must be a whole number from {low} to {high}, not {value!r}"
            )


MIN_IDLE_SECONDS = 30
MIN_WARNING_SECONDS = 20


def _check_kiosk_times(app: Flask) -> None:
    """A kiosk's idle reset warns at least 20 s before clearing (WCAG 2.2.1) and never clears sooner than 30 s.

    Only an app built for tests (TESTING) may use shorter times, so browser tests need not wait.
    """

    def seconds(name: str) -> int:
        value = app.config[name]
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise SystemExit(
                f"SURVEYAPP_{name} must be a whole number of seconds, not {value!r}"
            ) from None
        app.config[name] = number
        return number

    idle, warning, leader = (
        seconds("KIOSK_IDLE_SECONDS"),
        seconds("KIOSK_IDLE_WARNING_SECONDS"),
        seconds("KIOSK_LEADER_SECONDS"),
    )
    if app.testing:
        return
    if idle < MIN_IDLE_SECONDS:
        raise SystemExit(
            f"SURVEYAPP_KIOSK_IDLE_SECONDS is {idle}: a kiosk form must stay at least "
            f"{MIN_IDLE_SECONDS} seconds before it is cleared (the warning alone takes "
            f"{MIN_WARNING_SECONDS}); give {MIN_IDLE_SECONDS} or more"
        )
    if not MIN_WARNING_SECONDS <= warning <= idle - 10:
        raise SystemExit(
            f"SURVEYAPP_KIOSK_IDLE_WARNING_SECONDS is {warning}: it must be at least "
            f"{MIN_WARNING_SECONDS} (WCAG 2.2.1) and leave at least 10 seconds of KIOSK_IDLE_SECONDS "
            "before the warning"
        )
    if leader < MIN_IDLE_SECONDS:
        raise SystemExit(
            f"SURVEYAPP_KIOSK_LEADER_SECONDS is {leader}: give {MIN_IDLE_SECONDS} or more"
        )


def is_production(app: Flask) -> bool:
    """SURVEYAPP_ENV=production, or served by gunicorn (whose workers import it before the app)."""
    return app.config["ENV"] == "production" or "gunicorn.arbiter" in sys.modules


def _check_production(app: Flask) -> None:
    """In production the secret is given, shared by every app host, and debug mode is off."""
    secret = app.config.get("SECRET_KEY") or ""
    if len(str(secret)) < 32:
        raise SystemExit(
            "surveyapp will not start in production without SURVEYAPP_SECRET_KEY "
            "(at least 32 characters, the same on every app host)"
        )
    if app.debug:
        raise SystemExit("surveyapp will not start in production with debug mode on")


def _instance_secret(instance: Path) -> str:
    """A random secret kept in instance/secret_key, created on first start."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
