"""Sign in and out, first-run setup, invitations and passwords."""

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth import bp, sessions
from app.auth.forms import (
    AccountForm,
    ChangePasswordForm,
    LoginForm,
    ResetPasswordForm,
    SetupForm,
)
from app.extensions import db, limiter
from app.models import Invite, Team, User
from app.models.types import utcnow
from app.urls import safe_local_path


def _login_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_taken(form):
    if db.session.scalar(sa.select(User.id).filter_by(email=form.email.data)):
        form.email.errors.append(_("An account with this email address exists."))
        return True
    return False


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("plan.index"))
    if not db.session.scalar(sa.select(User.id).limit(1)):
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).filter_by(email=form.email.data))
        if user and user.is_active and user.check_password(form.password.data):
            sessions.sign_in(user)
            return redirect(
                safe_local_path(request.args.get("next")) or url_for("plan.index")
            )
        flash(_("That email address and password do not match."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out of this browser and close its live connections."""
    sessions.sign_out()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/setup", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def setup():
    """Create the first account on an empty install: the admin of a new team."""
    if db.session.scalar(sa.select(User.id).limit(1)):
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        team = Team(
            name=form.team_name.data,
            retention_days=current_app.config["DEFAULT_RETENTION_DAYS"],
        )
        user = _new_user(form, team, role="facilitator", is_admin=True)
        db.session.add_all([team, user])
        db.session.commit()
        sessions.sign_in(user)
        flash(_("Welcome. Your team is ready."), "success")
        return redirect(url_for("plan.index"))
    return render_template("auth/setup.html", form=form)


def _new_user(form, team, role, is_admin):
    user = User(
        team=team,
        name=form.name.data,
        email=form.email.data,
        role=role,
        is_admin=is_admin,
    )
    user.set_password(form.password.data)
    return user


def _link_not_valid():
    message = _(
        "This link is not valid: it may have been used already or have expired. "
        "Ask your team's admin for a new one."
    )
    return render_template("auth/link_invalid.html", message=message), 404


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invite(token):
    """Create an account in a team from a one-time invitation link."""
    invite = Invite.find_usable(token, "invite")
    if invite is None:
        return _link_not_valid()
    form = AccountForm()
    if form.validate_on_submit() and not _email_taken(form):
        user = _new_user(form, invite.team, invite.role, invite.is_admin)
        invite.used_at = utcnow()
        db.session.add(user)
        db.session.commit()
        if current_user.is_authenticated:
            sessions.sign_out()
        sessions.sign_in(user)
        flash(_("Welcome to %(team)s.", team=invite.team.name), "success")
        return redirect(url_for("plan.index"))
    return render_template("auth/accept_invite.html", form=form, invite=invite)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def reset_password(token):
    """Set a new password from a one-time reset link; signs out everywhere."""
    invite = Invite.find_usable(token, "reset")
    if invite is None or invite.user is None or not invite.user.is_active:
        return _link_not_valid()
    form = ResetPasswordForm()
    if form.validate_on_submit():
        invite.user.set_password(form.password.data)
        invite.used_at = utcnow()
        db.session.commit()
        sessions.end_all(invite.user)
        flash(_("Your password is set. Sign in with it now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, user=invite.user)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password; every other browser is signed out."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("That is not your current password."))
        else:
            user = current_user._get_current_object()
            user.set_password(form.password.data)
            db.session.commit()
            sessions.end_all(user)
            sessions.sign_in(user)
            flash(
                _("Your password has changed. Other browsers are signed out."),
                "success",
            )
            return redirect(url_for("plan.index"))
    return render_template("auth/change_password.html", form=form)
