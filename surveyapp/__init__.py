"""surveyapp: anonymous feedback for Finnish social-rehabilitation work."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Flask is imported by create_app, so that surveyapp.core loads without it
    from flask import Flask

__version__ = "0.1.0"


def create_app(test_config: dict | None = None) -> Flask:
    """Create the app: config → logging → security headers → db → extensions → instruments (fail fast) → views → cli."""
    from flask import Flask

    from surveyapp import config
    from surveyapp.core.instruments.loader import InstrumentErrors
    from surveyapp.core.instruments.registry import Registry
    from surveyapp.web import (
        assets,
        cli,
        cookie_session,
        database,
        errors,
        guides,
        i18n,
        json_input,
        logs,
        same_origin,
        security,
        setup,
        templating,
        upload_limits,
    )
    from surveyapp.web.auth import bp as auth_bp
    from surveyapp.web.coordinate import bp as coordinate_bp
    from surveyapp.web.coordinate.organisations import bp as organisations_bp
    from surveyapp.web.coordinate.people import bp as people_bp
    from surveyapp.web.coordinate.projects import bp as projects_bp
    from surveyapp.web.extensions import csrf
    from surveyapp.web.health import bp as health_bp
    from surveyapp.web.info import bp as info_bp
    from surveyapp.web.invitations import bp as invitations_bp
    from surveyapp.web.kiosk import bp as kiosk_bp
    from surveyapp.web.respond import bp as respond_bp
    from surveyapp.web.share import bp as share_bp

    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    cookie_session.init_app(app)
    json_input.init_app(app)
    logs.init_app(app)
    security.init_app(app)
    same_origin.init_app(app)
    upload_limits.init_app(app)  # before CSRFProtect, which reads the body
    database.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app)
    # An invalid instrument stops start-up here, with one line per problem.
    try:
        app.extensions["surveyapp.instruments"] = Registry.from_directory(
            app.config["INSTRUMENTS_DIR"]
        )
    except InstrumentErrors as exc:
        raise SystemExit(f"surveyapp will not start: invalid instruments\n{exc}") from None
    templating.init_app(app)
    assets.init_app(app)
    app.register_blueprint(respond_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(coordinate_bp)
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(info_bp)
    app.register_blueprint(organisations_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(projects_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(setup.bp)
    app.register_blueprint(share_bp)
    app.register_blueprint(guides.bp)
    errors.init_app(app)
    cli.init_app(app)
    setup.log_setup_code(app)
    return app
