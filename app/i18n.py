"""Interface language: the person's choice, else the browser's."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user

from app import vocabulary
from app.extensions import babel
from app.methods.texts import display, interface_catalogue


def init_app(app):
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["LANGUAGES"] = app.config["LANGUAGES"]
    app.jinja_env.globals["current_language"] = select_locale
    app.jinja_env.globals.update(
        ENGAGEMENT_LEVELS=vocabulary.ENGAGEMENT_LEVELS,
        PARTICIPANT_ROLES=vocabulary.PARTICIPANT_ROLES,
        ORGANISATION_TYPES=vocabulary.ORGANISATION_TYPES,
        method_text=display,
        method_texts=interface_catalogue,
        role_labels=vocabulary.role_labels,
        engagement_labels=vocabulary.engagement_labels,
    )


def select_locale():
    """The chosen language (session, then account), else the browser's best."""
    if not has_request_context():
        return None  # CLI and background work: the default language
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("language")
    if not chosen and current_user and current_user.is_authenticated:
        chosen = current_user.language
    if chosen in languages:
        return chosen
    return _browser_language(languages) or "en"


def _browser_language(languages):
    """The browser's most preferred language we have, matched on its primary tag.

    Not best_match: it prefers any exact match to a regional one, so
    "cy-GB,en;q=0.8" would give English and "en-GB,cy;q=0.5" Welsh.
    """
    for tag, quality in request.accept_languages:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in languages:
            return primary
    return None
