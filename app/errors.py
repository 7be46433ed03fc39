"""Error pages: a clear message for every failure, never a bare 500."""

import logging

from flask import render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db

log = logging.getLogger(__name__)


def _messages():
    return {
        400: _("The request could not be understood. Please try again."),
        403: _("You do not have permission to do that."),
        404: _("This page does not exist, or you cannot see it."),
        405: _("That is not something this page can do."),
        410: _("This is no longer available."),
        413: _("That is too large to send."),
        429: _("Too many attempts. Please wait a minute and try again."),
        500: _("Something went wrong on our side. Nothing you did caused it."),
    }


def init_app(app):
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def render_error(status, message=None):
    message = message or _messages().get(status) or _messages()[400]
    return render_template("errors/error.html", status=status, message=message), status


def _csrf_error(_error):
    return render_error(
        400, _("This form has expired. Go back, reload the page and try again.")
    )


def _http_error(error):
    if error.code is None or error.code < 400:  # routing redirects pass through
        return error
    return render_error(error.code)


def _unexpected_error(error):
    log.exception("unhandled error: %s", error)
    db.session.rollback()
    return render_error(500)
