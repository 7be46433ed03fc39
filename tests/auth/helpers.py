"""Small helpers shared by the accounts and team tests."""

import sqlalchemy as sa

from app.extensions import db
from app.models import LoginSession

XSS = "<script>alert(1)</script>"
ESCAPED = b"&lt;script&gt;alert(1)&lt;/script&gt;"
NEW_PASSWORD = "a brand new passphrase"
LINK_NOT_VALID = b"This link is not valid"


def count(model, **filters):
    """How many rows of `model` match `filters`."""
    query = sa.select(sa.func.count()).select_from(model).filter_by(**filters)
    return db.session.scalar(query)


def login_sessions(user):
    return count(LoginSession, user_id=user.id)


def is_signed_in(client):
    """True if this client's cookie still authenticates someone."""
    response = client.get("/team/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def assert_escaped(response):
    """User text shows as text: escaped, never as live markup."""
    assert XSS.encode() not in response.data
    assert ESCAPED in response.data


def errors(response):
    """The text of the page, for asserting on form error messages."""
    return response.get_data(as_text=True)
