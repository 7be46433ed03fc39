"""Forms for signing in and managing one's own password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.forms import required_text, strip

PASSWORD_RULES = [
    DataRequired(message=_l("This field is required.")),
    Length(min=10, max=128, message=_l("Use between 10 and 128 characters.")),
]


def _email_field():
    return EmailField(
        _l("Email address"),
        filters=[strip, lambda v: v.lower() if v else v],
        validators=[
            *required_text(254),
            Email(message=_l("Enter an email address like name@example.org.")),
        ],
    )


def _new_password_fields():
    password = PasswordField(_l("Password"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo("password", message=_l("The passwords do not match."))],
    )
    return password, confirm


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(message=_l("This field is required."))],
    )
    submit = SubmitField(_l("Sign in"))


class AccountForm(FlaskForm):
    """A new account: from an invitation, or the first one on an install."""

    name = StringField(_l("Your name"), filters=[strip], validators=required_text(80))
    email = _email_field()
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Create account"))


class SetupForm(AccountForm):
    team_name = StringField(
        _l("Team name"), filters=[strip], validators=required_text(120)
    )


class ResetPasswordForm(FlaskForm):
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("This field is required."))],
    )
    password, confirm = _new_password_fields()
    submit = SubmitField(_l("Change password"))
