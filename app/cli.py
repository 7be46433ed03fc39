"""Command-line tasks: `flask team create NAME`, `flask demo seed`,
`flask retention purge`."""

import secrets
from datetime import date

import click
import sqlalchemy as sa
from flask import current_app
from fractional_indexing import generate_key_between

from app.extensions import db
from app.kinds import KINDS
from app.methods.library import get_builtin
from app.methods.texts import display
from app.models import Activity, Group, Invite, Team, User, Workshop
from app.retention import retention_cli


def init_app(app):
    app.cli.add_command(team_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(retention_cli)


@click.group("team")
def team_cli():
    """Manage teams."""


@team_cli.command("create")
@click.argument("name")
def create_team(name):
    """Create a team and print a one-time invitation link for its admin."""
    name = name.strip()
    if not 1 <= len(name) <= 120:
        raise click.BadParameter(
            "a team name has 1 to 120 characters", param_hint="NAME"
        )
    team = Team(name=name, retention_days=current_app.config["DEFAULT_RETENTION_DAYS"])
    invite, token = Invite.issue(
        current_app.config["INVITE_MAX_AGE_HOURS"],
        purpose="invite",
        team=team,
        role="facilitator",
        is_admin=True,
    )
    db.session.add_all([team, invite])
    db.session.commit()
    base = current_app.config["BASE_URL"].rstrip("/")
    click.echo(f"Created team “{team.name}”.")
    click.echo("Its admin creates their account with this one-time link:")
    click.echo(f"{base}/auth/invite/{token}")


@click.group("demo")
def demo_cli():
    """Demo content for development."""


@demo_cli.command("seed")
def seed_demo():
    """On an empty development database: a demo team, facilitator and workshop."""
    if not current_app.config["SEED_DEMO_DATA"]:
        raise click.ClickException("demo data is only for the development config")
    if db.session.scalar(sa.select(Team.id).limit(1)):
        click.echo("The database already has a team; no demo data added.")
        return
    password = secrets.token_urlsafe(12)
    _create_demo(password)
    base = current_app.config["BASE_URL"].rstrip("/")
    click.echo(f"Demo data created. Sign in at {base}/auth/login as")
    click.echo("  email:    facilitator@example.org")
    click.echo(f"  password: {password}")
    click.echo("(shown once: note it now)")


def _create_demo(password):
    team = Team(name="East Midlands commissioning team", retention_days=365)
    user = User(
        team=team,
        name="Demo Facilitator",
        email="facilitator@example.org",
        role="facilitator",
        is_admin=True,
    )
    user.set_password(password)
    workshop = Workshop(
        team=team,
        title="Contracting for personalised outcomes",
        date=date.today(),
        purpose=(
            "A regional workshop for commissioners, home care providers and people "
            "who use services: work through the People's Borough scenario in mixed "
            "groups, then say what will help or hinder."
        ),
        engagement_level="consultation",
    )
    db.session.add_all([team, user, workshop])
    db.session.commit()
    workshop.created_by_id = user.id
    _demo_agenda(workshop)
    db.session.commit()


# The demo day (JOURNEYS.md 1 and 2): People's Borough in two groups, each
# given a Stage 1 topic, then the CCPS checklist and a yellow brick road.
DEMO_AGENDA = ("peoples-borough", "ccps-checklist", "yellow-brick-road")
DEMO_TOPICS = {"Table 1": "types-of-services", "Table 2": "sub-contracting"}


def _demo_agenda(workshop):
    """A new workshop's first activities, made as adding them would make them
    (a workshop being created has no events or readers yet)."""
    groups = [Group(workshop_id=workshop.id, name=name) for name in DEMO_TOPICS]
    db.session.add_all(groups)
    db.session.flush()
    position = None
    for method_id in DEMO_AGENDA:
        method = get_builtin(method_id)
        kind = KINDS[method.kind]
        position = generate_key_between(position, None)
        content = kind.new_content(method.as_content())
        if method_id == "peoples-borough":
            content["allocation"] = {
                topic: [group.public_id]
                for group, topic in zip(groups, DEMO_TOPICS.values(), strict=True)
            }
        db.session.add(
            Activity(
                workshop_id=workshop.id,
                kind=kind.key,
                title=display(method.model_dump()["title"]),
                position=position,
                phase=kind.initial_phase,
                content=content,
                engagement=method.engagement,
                minutes=method.minutes,
            )
        )
