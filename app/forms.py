"""Field helpers shared by every form."""

import uuid

from flask import abort, flash, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from app import actors, changes


def strip(value):
    """Trim surrounding whitespace so "   " counts as empty."""
    return value.strip() if isinstance(value, str) else value


def choices(labels, blank=None):
    """Select options from a {value: label} dict, after an optional blank one.

    SelectChoice, not (value, label) tuples: WTForms 3.3 deprecates tuples
    (removed in 3.4), and the warning fails every form under pytest.
    """
    options = [SelectChoice("", blank)] if blank is not None else []
    return options + [SelectChoice(value, label) for value, label in labels.items()]


def required_text(max_length, min_length=1):
    """Validators for a required text field of bounded length."""
    return [
        DataRequired(message=_l("This field is required.")),
        Length(
            min=min_length,
            max=max_length,
            message=_l("Must be between %(min)d and %(max)d characters."),
        ),
    ]


def init_app(app):
    # Templates render a fresh op_id into each form that changes a workshop.
    app.jinja_env.globals["new_op_id"] = new_op_id


def new_op_id():
    """A fresh operation id for a form that changes a workshop (DESIGN.md):
    a double submit carries the same id, and is applied once."""
    return str(uuid.uuid4())


class MayNameAnActivity:
    """For a payload whose activity is optional: apply() looks up the
    activity of any payload with an "activity" key (and refuses one of
    another workshop), so a payload naming none must have no key at all."""

    @property
    def data(self):
        data = super().data
        if not data.get("activity"):
            data.pop("activity", None)
        return data


class ConfirmForm(FlaskForm):
    """A button-only form: CSRF protection for a single action."""


class ChangeForm(FlaskForm):
    """A form whose submission goes through the write path, with an op_id."""

    # InputRequired, not DataRequired: the default must not stand in for an
    # op_id the page did not send, or a double submit would apply twice.
    op_id = HiddenField(
        default=new_op_id,
        validators=[InputRequired(message=_l("This form has expired. Reload it."))],
    )


def change_payload(form):
    """A ChangeForm's submitted fields, as typed, as a payload for `apply()`
    (which validates them again with the same form class)."""
    skip = {"csrf_token", "op_id", "submit", "return_to"}
    return {name: value for name, value in request.form.items() if name not in skip}


def apply_change(workshop, action, form, payload=None):
    """Apply a ChangeForm's submission as the signed-in facilitator, through
    the one write path; raises app.changes.Refused with a readable message."""
    actor = actors.for_facilitator(workshop, current_user, session.get("login_session"))
    payload = change_payload(form) if payload is None else payload
    return changes.apply(actor, action, payload, form.op_id.data)


def submit_change(workshop, action, extra, success):
    """Apply the posted ChangeForm (plus `extra`) through the write path with
    its op_id, then flash the outcome (`success` unless None); True if it was
    applied. 400 if the form itself is not valid."""
    form = ChangeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        apply_change(workshop, action, form, payload={**change_payload(form), **extra})
    except changes.Refused as refusal:
        flash(refusal.message, "error")
        return False
    if success is not None:
        flash(success, "success")
    return True
