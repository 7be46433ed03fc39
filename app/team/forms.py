"""Forms an admin uses to manage the team."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from app.forms import choices, required_text, strip
from app.vocabulary import TEAM_ROLES


class InviteForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices(TEAM_ROLES))
    is_admin = BooleanField(_l("Can manage the team (admin)"))
    submit = SubmitField(_l("Create invitation link"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices(TEAM_ROLES))
    submit = SubmitField(_l("Change role"))


class SettingsForm(FlaskForm):
    name = StringField(_l("Team name"), filters=[strip], validators=required_text(120))
    retention_days = IntegerField(
        _l("Keep closed workshops for (days)"),
        validators=[
            InputRequired(message=_l("Enter a number of days.")),
            NumberRange(min=1, max=3650, message=_l("Between 1 and 3650 days.")),
        ],
    )
    # Choices are the team's facilitators, filled in by the view.
    safeguarding_lead = SelectField(
        _l("Safeguarding lead"),
        description=_l(
            "The one person who may reveal who wrote an anonymous contribution, "
            "giving a reason that is kept in the safeguarding log."
        ),
        choices=[],
        default="",
    )
    submit = SubmitField(_l("Save settings"))

    def offer_leads(self, members, team):
        """The team's facilitators to choose from; the current lead chosen."""
        facilitators = {
            str(member.id): member.name for member in members if member.can_facilitate
        }
        self.safeguarding_lead.choices = choices(facilitators, blank=_l("Nobody"))
        if not self.is_submitted():
            self.safeguarding_lead.data = str(team.safeguarding_lead_id or "")

    def lead_id(self):
        return int(self.safeguarding_lead.data) if self.safeguarding_lead.data else None
