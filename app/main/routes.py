"""The home page, the language chooser and a health check."""

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.main import bp
from app.urls import safe_local_path


@bp.route("/")
def index():
    """Home: join a workshop, or sign in to run one."""
    if current_user.is_authenticated:
        return redirect(url_for("plan.index"))
    return render_template("main/index.html")


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the interface language chosen (session, and account if any)."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        return render_template(
            "errors/error.html", status=400, message=_("Unknown language.")
        ), 400
    session["language"] = language
    session.permanent = True
    if current_user.is_authenticated:
        current_user.language = language
        db.session.commit()
    return redirect(_back())


def _back():
    """The page the chooser was on, if it is on this site."""
    return safe_local_path(request.form.get("next")) or url_for("main.index")


@bp.route("/healthz")
def health():
    """Liveness for a load balancer."""
    return {"ok": True}
