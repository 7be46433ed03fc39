"""Fixed lists people choose from, with their interface labels."""

from flask_babel import lazy_gettext as _l

PARTICIPANT_ROLES = {
    "commissioner": _l("Commissioner"),
    "provider": _l("Provider"),
    "lived_experience": _l("Person with lived experience"),
    "carer": _l("Carer or family member"),
    "procurement": _l("Procurement"),
    "health": _l("Health / NHS"),
    "other": _l("Other"),
}
# The bucket results merge small roles into (app/kinds/roles.py).
OTHER_ROLES = "other_roles"
OTHER_ROLES_LABEL = _l("Other roles")

# The fixed list in DESIGN.md (Privacy and anonymity).
ORGANISATION_TYPES = {
    "council": _l("Council"),
    "nhs": _l("NHS"),
    "private_provider": _l("Private provider"),
    "voluntary_provider": _l("Voluntary provider"),
    "in_house_provider": _l("In-house provider"),
    "community_group": _l("Community or user-led group"),
    "other": _l("Other"),
}

# The four levels of engagement as the IPC paper names them. The
# descriptions are quoted from the source, so they stay in English.
ENGAGEMENT_LEVELS = {
    "communication": _l("Communication"),
    "consultation": _l("Consultation"),
    "negotiation": _l("Negotiation"),
    "participation": _l("Participation"),
}
ENGAGEMENT_QUOTES = {
    "communication": "activities involved in providing information.",
    "consultation": "activities involved in securing ideas, suggestions and feedback.",
    "negotiation": "activities involved in securing agreement to commissioning "
    "decisions.",
    "participation": "activities involved in working together to make "
    "commissioning decisions.",
}
ENGAGEMENT_SOURCE = (
    "Institute of Public Care, Transforming the market for social care, "
    "paper 3: commissioner/provider views"
)

TEAM_ROLES = {
    "facilitator": _l("Facilitator"),
    "reviewer": _l("Reviewer"),
}


def role_labels():
    """Participant roles' labels by key, "other roles" included, as text."""
    labels = {key: str(label) for key, label in PARTICIPANT_ROLES.items()}
    return {**labels, OTHER_ROLES: str(OTHER_ROLES_LABEL)}


def engagement_labels():
    return {key: str(label) for key, label in ENGAGEMENT_LEVELS.items()}
