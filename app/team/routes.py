"""Team pages: every member can see the team; admins manage it."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import safeguarding
from app.auth import sessions
from app.auth.access import admin_required
from app.extensions import db
from app.forms import ConfirmForm
from app.models import Invite, User
from app.models.types import utcnow
from app.team import bp
from app.team.forms import InviteForm, RoleForm, SettingsForm


def _members():
    return db.session.scalars(
        sa.select(User)
        .filter_by(team_id=current_user.team_id, removed_at=None)
        .order_by(User.name)
    ).all()


def _member_or_404(user_id):
    user = db.session.get(User, user_id)
    if user is None or user.team_id != current_user.team_id or not user.is_active:
        abort(404)
    return user


def _render_team(new_link=None, link_for=None, status=200, settings_form=None):
    team = current_user.team
    settings = settings_form
    if settings is None and current_user.is_admin:
        settings = SettingsForm(obj=team)
    if settings is not None:
        settings.offer_leads(_members(), team)
    return render_template(
        "team/index.html",
        team=team,
        members=_members(),
        invite_form=InviteForm(),
        settings_form=settings,
        role_form=RoleForm(),
        confirm_form=ConfirmForm(),
        new_link=new_link,
        link_for=link_for,
    ), status


@bp.route("/")
@login_required
def index():
    """The team's members and settings; admins see the controls."""
    return _render_team()


@bp.route("/invite", methods=["POST"])
@admin_required
def invite():
    """Create a one-time invitation link (shown once) for a new member."""
    form = InviteForm()
    if not form.validate_on_submit():
        flash(_("Choose a role for the invitation."), "error")
        return _render_team(status=400)
    invite, token = Invite.issue(
        current_app.config["INVITE_MAX_AGE_HOURS"],
        purpose="invite",
        team_id=current_user.team_id,
        role=form.role.data,
        is_admin=form.is_admin.data,
        created_by_id=current_user.id,
    )
    db.session.add(invite)
    db.session.commit()
    link = url_for("auth.accept_invite", token=token, _external=True)
    return _render_team(new_link=link, link_for=_("a new member"))


@bp.route("/members/<int:user_id>/reset", methods=["POST"])
@admin_required
def reset_link(user_id):
    """Create a one-time password-reset link for a member (shown once)."""
    member = _member_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    invite, token = Invite.issue(
        current_app.config["INVITE_MAX_AGE_HOURS"],
        purpose="reset",
        team_id=current_user.team_id,
        user_id=member.id,
        created_by_id=current_user.id,
    )
    db.session.add(invite)
    db.session.commit()
    link = url_for("auth.reset_password", token=token, _external=True)
    return _render_team(new_link=link, link_for=member.name)


@bp.route("/members/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id):
    """Make a member a facilitator or a reviewer."""
    member = _member_or_404(user_id)
    form = RoleForm()
    if member.id == current_user.id:
        flash(_("You cannot change your own role."), "error")
        return _render_team(status=400)
    if not form.validate_on_submit():
        flash(_("Choose a role."), "error")
        return _render_team(status=400)
    member.role = form.role.data
    db.session.commit()
    flash(_("%(name)s's role has changed.", name=member.name), "success")
    return redirect(url_for("team.index"))


@bp.route("/members/<int:user_id>/remove", methods=["POST"])
@admin_required
def remove_member(user_id):
    """Remove a member from the team: signed out everywhere, at once."""
    member = _member_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if member.id == current_user.id:
        flash(_("You cannot remove yourself."), "error")
        return _render_team(status=400)
    member.removed_at = utcnow()
    # Links they made and nobody used yet stop working with them.
    db.session.execute(
        sa.delete(Invite).where(
            Invite.created_by_id == member.id, Invite.used_at.is_(None)
        )
    )
    db.session.commit()
    sessions.end_all(member)
    flash(_("%(name)s has been removed from the team.", name=member.name), "success")
    return redirect(url_for("team.index"))


@bp.route("/settings", methods=["POST"])
@admin_required
def settings():
    """Rename the team, set how long closed workshops are kept and name
    the safeguarding lead."""
    form = SettingsForm()
    form.offer_leads(_members(), current_user.team)
    if not form.validate_on_submit():
        return _render_team(status=400, settings_form=form)
    team = current_user.team
    team.name = form.name.data
    team.retention_days = form.retention_days.data
    team.safeguarding_lead_id = form.lead_id()
    db.session.commit()
    flash(_("Team settings saved."), "success")
    return redirect(url_for("team.index"))


@bp.route("/safeguarding")
@login_required
def safeguarding_log():
    """Every reveal of an anonymous author: for admins and the lead; only the
    lead sees who the authors were."""
    team = current_user.team
    lead = safeguarding.is_lead(current_user, team)
    if not (lead or current_user.is_admin):
        abort(403)
    entries = [
        (reveal, safeguarding.author_of(reveal) if lead else None)
        for reveal in safeguarding.reveals_of(team)
    ]
    return render_template("team/safeguarding.html", entries=entries, lead=lead)
