"""Command-line tasks: `flask team create NAME` and `flask demo seed`."""

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Activity, Group, Invite, Team, User, Workshop
from app.models.invite import hash_token
from config import TestingConfig
from tests import builders
from tests.apps import app_with
from tests.clients import isolated_client

INVITE_LINK = re.compile(r"^http://127\.0\.0\.1:5000/auth/invite/([\w-]+)$", re.M)
PASSWORD_LINE = re.compile(r"password:\s+(\S+)")
ACCOUNT = {
    "name": "Alex Admin",
    "email": "alex@example.org",
    "password": "a long enough passphrase",
    "confirm": "a long enough passphrase",
}


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_team_create_prints_a_one_time_admin_link(app, runner):
    """`team create` makes a team and prints an admin invitation that works once."""
    result = runner.invoke(args=["team", "create", "Regional team"])

    assert result.exit_code == 0, result.output
    team = db.session.scalars(sa.select(Team)).one()
    assert team.name == "Regional team"
    assert team.retention_days == app.config["DEFAULT_RETENTION_DAYS"]
    token = INVITE_LINK.search(result.output).group(1)
    invite = db.session.scalars(sa.select(Invite)).one()
    assert invite.token_hash == hash_token(token)
    assert (invite.purpose, invite.role, invite.is_admin) == (
        "invite",
        "facilitator",
        True,
    )

    client = isolated_client(app)
    first = client.post(f"/auth/invite/{token}", data=ACCOUNT)
    second = client.post(
        f"/auth/invite/{token}", data={**ACCOUNT, "email": "again@example.org"}
    )

    assert first.headers["Location"] == "/workshops/"
    user = db.session.scalars(sa.select(User)).one()
    assert (user.team_id, user.role, user.is_admin) == (team.id, "facilitator", True)
    assert second.status_code == 404


@pytest.mark.parametrize(
    ("name", "stored"), [("  Padded  ", "Padded"), ("t" * 120,) * 2]
)
def test_team_create_accepts_names_up_to_120_characters(runner, name, stored):
    """Names are trimmed and may be up to 120 characters long."""
    result = runner.invoke(args=["team", "create", name])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(sa.select(Team.name)).one() == stored


@pytest.mark.parametrize("name", ["", "   ", "t" * 121])
def test_team_create_refuses_an_empty_or_over_long_name(runner, name):
    """An empty, blank or over-long team name is refused, creating nothing."""
    result = runner.invoke(args=["team", "create", name])
    assert result.exit_code == 2
    assert "a team name has 1 to 120 characters" in result.output
    assert count(Team) == 0 and count(Invite) == 0


def test_demo_seed_refuses_outside_the_development_config(runner):
    """Demo data is refused under TestingConfig (and production), adding nothing."""
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 1
    assert "demo data is only for the development config" in result.output
    assert count(Team) == 0 and count(User) == 0 and count(Workshop) == 0


class SeedConfig(TestingConfig):
    SEED_DEMO_DATA = True
    BASE_URL = "http://127.0.0.1:5077/"


@pytest.fixture
def seed_app():
    with app_with(SeedConfig) as app:
        yield app


def test_demo_seed_creates_a_team_facilitator_and_workshop(seed_app):
    """On an empty database: a team, an admin facilitator whose printed password
    signs in, and a workshop they created."""
    result = seed_app.test_cli_runner().invoke(args=["demo", "seed"])

    assert result.exit_code == 0, result.output
    assert "Sign in at http://127.0.0.1:5077/auth/login as" in result.output
    team = db.session.scalars(sa.select(Team)).one()
    user = db.session.scalars(sa.select(User)).one()
    workshop = db.session.scalars(sa.select(Workshop)).one()
    assert user.team_id == team.id == workshop.team_id
    assert user.role == "facilitator" and user.is_admin
    assert workshop.created_by_id == user.id and workshop.is_open
    activities = db.session.scalars(sa.select(Activity).order_by(Activity.position))
    assert [a.content["method"]["method"] for a in activities] == [
        "peoples-borough",
        "ccps-checklist",
        "yellow-brick-road",
    ]
    scenario = db.session.scalars(sa.select(Activity)).first()
    groups = db.session.scalars(sa.select(Group).order_by(Group.id)).all()
    assert scenario.content["allocation"] == {
        "types-of-services": [groups[0].public_id],
        "sub-contracting": [groups[1].public_id],
    }
    password = PASSWORD_LINE.search(result.output).group(1)
    login = {"email": "facilitator@example.org", "password": password}
    response = isolated_client(seed_app).post("/auth/login", data=login)
    assert response.headers["Location"] == "/workshops/"


def test_demo_seed_adds_nothing_once_there_is_a_team(seed_app):
    """A second run, or a database with a team, gets no demo data."""
    runner = seed_app.test_cli_runner()
    runner.invoke(args=["demo", "seed"])
    before = (count(Team), count(User), count(Workshop))

    result = runner.invoke(args=["demo", "seed"])

    assert result.exit_code == 0
    assert "already has a team; no demo data added" in result.output
    assert "password" not in result.output
    assert (count(Team), count(User), count(Workshop)) == before == (1, 1, 1)


def test_demo_seed_leaves_an_existing_install_alone(seed_app):
    """An install with a real account gets no demo team."""
    builders.make_user(builders.make_team(name="Real team"))
    result = seed_app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0
    assert count(Team) == 1 and count(User) == 1 and count(Workshop) == 0


def test_demo_seed_leaves_a_created_team_without_accounts_alone(seed_app):
    """After `flask team create`, before its admin signs up, no demo team is added."""
    runner = seed_app.test_cli_runner()
    runner.invoke(args=["team", "create", "Real team"])
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0
    assert count(Team) == 1 and count(User) == 0 and count(Workshop) == 0
