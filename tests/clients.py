"""A test client whose every request runs in its own app context.

The `app` fixture keeps one app context open for the whole test, and a request
pushed inside it would reuse that context, so `g` would outlive the request:
Flask-Login caches the signed-in user there (and Flask-Babel the language),
and a second client, or the same client after its session row is deleted,
would still look signed in. In production each request has its own context;
this client restores that, so tests test the app and not the fixture.
"""

from flask.testing import FlaskClient

from app.extensions import db


class IsolatedClient(FlaskClient):
    """A Flask test client with a fresh app context (and `g`) per request."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        # The request wrote through its own session: re-read what the test holds.
        db.session.expire_all()
        return response


def isolated_client(app):
    """A new IsolatedClient for an app made outside the `app` fixture."""
    app.test_client_class = IsolatedClient
    return app.test_client()
