"""Builders for test data: short calls that make valid rows."""

from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Participant, Team, User, Workshop

PASSWORD = "correct horse battery"
# The app hashes with scrypt; checking accepts any Werkzeug hash, so test
# accounts get a cheap one and signing in costs microseconds, not 50 ms.
CHEAP_PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def make_team(name="Test Team", retention_days=365):
    team = Team(name=name, retention_days=retention_days)
    db.session.add(team)
    db.session.commit()
    return team


def make_user(team, email=None, role="facilitator", is_admin=False, name="Test User"):
    email = email or f"{role}{'-admin' if is_admin else ''}-{team.id}@example.org"
    user = User(team=team, email=email, name=name, role=role, is_admin=is_admin)
    user.password_hash = CHEAP_PASSWORD_HASH
    db.session.add(user)
    db.session.commit()
    return user


def make_workshop(team, title="Test workshop", engagement_level="consultation", **kw):
    workshop = Workshop(
        team=team, title=title, engagement_level=engagement_level, purpose="", **kw
    )
    db.session.add(workshop)
    db.session.commit()
    return workshop


def make_participant(workshop, display_name="Pat", role="provider", **kw):
    fields = dict(organisation_type="private_provider", **kw)
    participant = Participant(
        workshop=workshop, display_name=display_name, role=role, **fields
    )
    db.session.add(participant)
    db.session.commit()
    return participant
