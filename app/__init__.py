"""Common Ground: the application factory."""

from pathlib import Path

from flask import Flask

from config import ProductionConfig, config_from_env

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_class=None):
    """Build the app: bind extensions, register blueprints and socket handlers."""
    config_class = config_class or config_from_env()
    if issubclass(config_class, ProductionConfig):
        config_class.check()
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_object(config_class)
    Path(app.instance_path).mkdir(exist_ok=True)

    from app import database, forms, i18n, security, sockets
    from app.methods.library import builtin_methods

    database.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    forms.init_app(app)
    # Importing the handlers registers them on the socketio object, before it
    # is bound: Flask-SocketIO gives handlers registered before init_app to
    # every server it makes, later ones only to the current server, so a
    # second app (each test after the first) would have no handlers at all.
    from app.realtime import events  # noqa: F401

    sockets.init_app(app)
    _register_blueprints(app)
    # Importing these registers their actions on the write path (app.changes).
    from app import (  # noqa: F401
        agenda,
        announcements,
        breakouts,
        cli,
        errors,
        hands,
        kinds,
        safeguarding,
        scribe,
        spotlight,
        timer,
        workshop_actions,
    )
    from app.follow_ups import actions as follow_up_actions  # noqa: F401
    from app.report import actions as report_actions  # noqa: F401
    from app.report import comments as link_comments  # noqa: F401
    from app.review import actions as review_actions  # noqa: F401

    errors.init_app(app)
    cli.init_app(app)
    kinds.init_app(app)
    # A broken content file stops start-up, naming the file and the field.
    builtin_methods()
    return app


def _register_blueprints(app):
    from app.auth import bp as auth_bp
    from app.exports.routes import bp as exports_bp
    from app.follow_ups.routes import bp as follow_ups_bp
    from app.imports.routes import bp as imports_bp
    from app.involvement import bp as involvement_bp
    from app.join import bp as join_bp
    from app.library import bp as library_bp
    from app.main import bp as main_bp
    from app.plan import bp as plan_bp
    from app.report.routes import bp as report_bp
    from app.results import bp as results_bp
    from app.review.routes import bp as review_bp
    from app.run import bp as run_bp
    from app.screen import bp as screen_bp
    from app.search.routes import bp as search_bp
    from app.series import bp as series_bp
    from app.team import bp as team_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(team_bp, url_prefix="/team")
    app.register_blueprint(plan_bp, url_prefix="/workshops")
    app.register_blueprint(results_bp)
    app.register_blueprint(run_bp, url_prefix="/workshops")
    app.register_blueprint(library_bp, url_prefix="/library")
    app.register_blueprint(join_bp)
    app.register_blueprint(screen_bp)
    app.register_blueprint(report_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(exports_bp, url_prefix="/workshops")
    app.register_blueprint(imports_bp, url_prefix="/workshops")
    app.register_blueprint(series_bp, url_prefix="/series")
    app.register_blueprint(involvement_bp)
    app.register_blueprint(follow_ups_bp)
