"""Login sessions: one row per signed-in browser (DESIGN.md, Security model).

Deleting a row signs that browser out at its next request and closes its
open sockets now.
"""

import sqlalchemy as sa
from flask import session
from flask_login import login_user, logout_user

from app.extensions import db
from app.models import LoginSession
from app.realtime import connections, rooms


def sign_in(user):
    """Start a login session for `user` in this browser."""
    login_session = LoginSession(user=user)
    db.session.add(login_session)
    db.session.commit()
    # A fresh session on sign-in; only the interface language carries over.
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
        user.language = user.language or language
        db.session.commit()
    session["login_session"] = login_session.id
    login_user(user)


def sign_out():
    """End this browser's login session."""
    login_session_id = session.pop("login_session", None)
    if login_session_id:
        db.session.execute(sa.delete(LoginSession).filter_by(id=login_session_id))
        db.session.commit()
        _close_sockets([login_session_id])
    logout_user()


def end_all(user):
    """End every login session of `user` (password change, reset, removal)."""
    ids = list(
        db.session.scalars(sa.select(LoginSession.id).filter_by(user_id=user.id))
    )
    db.session.execute(sa.delete(LoginSession).filter_by(user_id=user.id))
    db.session.commit()
    _close_sockets(ids)


def _close_sockets(login_session_ids):
    for login_session_id in login_session_ids:
        connections.close_room(
            rooms.login_session(login_session_id), notice="signed_out"
        )
