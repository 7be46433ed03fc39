"""The app's database for a run: built by the migrations, then seeded with a
workshop, a board in its writing phase split by breakout groups, the groups,
and the participants in them, with a token each. Done before the server
starts; the benchmark never writes the database while the server runs.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

from flask_migrate import upgrade

from app import actors, audiences, changes, create_app
from app.extensions import db
from app.models import Activity, Group, LoginSession, Participant, Team, User, Workshop
from app.tokens import participant_token
from config import TestingConfig

ROOT = Path(__file__).resolve().parent.parent
SECRET = "benchmark-secret-not-for-production-0123456789abcdef"


@dataclass
class Seeded:
    workshop: str
    board: str
    column: str
    people: list  # (token, group stream key)


def build(database_url, participants, group_size, in_groups=True):
    """Migrate and seed the database; what the clients need to write."""

    class SeedConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = SECRET

    app = create_app(SeedConfig)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        try:
            return _seed(participants, group_size, in_groups)
        finally:
            db.session.remove()
            db.engine.dispose()


def _seed(participants, group_size, in_groups):
    """In groups, each participant's notes go to their group; otherwise to
    everyone (the `participants` stream)."""
    workshop, facilitator = _workshop()
    board = _apply(
        facilitator,
        "workshop.add_activity",
        {"method": "open-board", "title": "Ideas", "in_groups": in_groups},
    )["activity"]
    _apply(facilitator, "activity.set_phase", {"activity": board, "phase": "writing"})
    groups = _groups(facilitator, -(-participants // group_size)) if in_groups else []
    people = []
    for i in range(participants):
        group = groups[i // group_size] if in_groups else None
        person = Participant(
            workshop=workshop,
            display_name=f"Delegate {i + 1}",
            role="provider",
            organisation_type="private_provider",
            rejoin_code=f"{i // 1000:03d}-{i % 1000:03d}",
            group_id=group.id if group else None,
        )
        db.session.add(person)
        key = audiences.group(group) if group else audiences.PARTICIPANTS
        people.append((person, key))
    db.session.commit()
    tokens = [(participant_token(person), key) for person, key in people]
    return Seeded(workshop.public_id, board, _first_column(board), tokens)


def _workshop():
    team = Team(name="Benchmark team", retention_days=365)
    user = User(team=team, email="bench@example.org", name="Bench", role="facilitator")
    user.password_hash = "unused"
    workshop = Workshop(
        team=team, title="Benchmark", engagement_level="consultation", purpose=""
    )
    login = LoginSession(user=user)
    db.session.add_all([team, user, workshop, login])
    db.session.commit()
    facilitator = actors.Actor(
        "facilitator", workshop.id, user_id=user.id, login_session_id=login.id
    )
    return workshop, facilitator


def _groups(facilitator, count):
    ids = [
        _apply(facilitator, "workshop.create_group", {"name": f"Table {i + 1}"})[
            "group"
        ]
        for i in range(count)
    ]
    return [db.session.scalar(db.select(Group).filter_by(public_id=g)) for g in ids]


def _first_column(board):
    activity = db.session.scalar(db.select(Activity).filter_by(public_id=board))
    return activity.content["columns"][0]["key"]


def _apply(actor, name, payload):
    return changes.apply(actor, name, payload, str(uuid.uuid4()))["result"]
