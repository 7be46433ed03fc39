"""Response headers and login wiring that keep every page safe by default."""

from datetime import timedelta

from flask import current_app, session
from flask_login import AnonymousUserMixin
from werkzeug.middleware.proxy_fix import ProxyFix

from app.extensions import csrf, db, limiter, login
from app.models.types import utcnow

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app):
    csrf.init_app(app)
    limiter.init_app(app)
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message_category = "info"
    login.anonymous_user = AnonymousUserMixin
    app.after_request(_security_headers)
    hops = app.config["PROXY_FIX_HOPS"]
    if hops:
        # Client addresses (rate limits) and https links come from the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # Join links carry codes: never leak them to another site.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@login.user_loader
def load_user(user_id):
    """The signed-in user, only while their login-session row still exists."""
    from app.models import LoginSession

    login_session = db.session.get(LoginSession, session.get("login_session", ""))
    if login_session is None or str(login_session.user_id) != user_id:
        return None
    max_age = timedelta(seconds=current_app.config["LOGIN_SESSION_MAX_AGE"])
    if login_session.created_at + max_age < utcnow():
        return None
    user = login_session.user
    return user if user.is_active else None
