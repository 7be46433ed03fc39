"""The shape of an archive (app/exports/archive.py), checked before anything
is written: strict types (no "1" for 1, no 1 for true), lengths that the
columns and the app's own forms allow, and counts an install can take.

Each kind's settings in an activity's content have their models in
settings.py; what the shape cannot say (which ids exist, which columns an
activity has) is checked next, in checks.py.
"""

from datetime import date
from typing import Annotated, Any, Literal

from fractional_indexing import FIError, validate_order_key
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from app.kinds.board_forms import NOTE_MAX
from app.kinds.board_grouping_forms import THEME_NAME_MAX
from app.kinds.board_settings import BUDGET_MAX
from app.kinds.checklist_forms import COMMENT_MAX
from app.kinds.pathway_forms import LANES
from app.kinds.pathway_forms import TEXT_MAX as CARD_MAX
from app.report.actions import LIST_MAX, SUMMARY_MAX
from app.vocabulary import (
    ENGAGEMENT_LEVELS,
    ORGANISATION_TYPES,
    OTHER_ROLES,
    PARTICIPANT_ROLES,
)

# The most of each an archive may hold: far beyond any real workshop, and
# small enough that checking and storing them stays quick.
MOST = {
    "activities": 200,
    "groups": 500,
    "participants": 10_000,
    "notes": 20_000,  # each, per activity
    "votes": 100_000,
    "cards": 10_000,
}


def _no_nul(text):
    # PostgreSQL refuses NUL in text: say so here, not as a failed commit.
    if "\x00" in text:
        raise ValueError("Text should not hold a NUL character")
    return text


def Text(max_length, min_length=0):  # noqa: N802 (a type, used like one)
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(_no_nul),
    ]


def OneOf(values):  # noqa: N802
    choices = tuple(values)

    def check(value):
        if value not in choices:
            raise ValueError(f"Should be one of: {', '.join(choices)}")
        return value

    return Annotated[str, AfterValidator(check)]


def _order_key(key):
    try:
        validate_order_key(key)
    except FIError as error:
        raise ValueError("Should be an order key") from error
    return key


def _iso_date(text):
    try:
        date.fromisoformat(text)
    except ValueError as error:
        raise ValueError("Should be a date, YYYY-MM-DD") from error
    return text


def Many(item, most):  # noqa: N802
    return Annotated[list[item], Field(max_length=most)]


Ref = Text(24, 1)  # an archive-local id ("p1")
Key = Text(64, 1)  # a method's stable key (an item, a topic, a dimension)
ColumnKey = Text(40, 1)
OrderKey = Annotated[Text(64, 1), AfterValidator(_order_key)]


Count = Annotated[StrictInt, Field(ge=1, le=BUDGET_MAX)]
SomeScore = Annotated[StrictInt, Field(ge=-1000, le=1000)]


class Strict(BaseModel):
    """A misspelt or unknown field is an error; no type is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ReportText(Strict):
    summary: Text(SUMMARY_MAX) = ""
    key_messages: Text(LIST_MAX) = ""
    next_steps: Text(LIST_MAX) = ""


class Group(Strict):
    id: Ref
    name: Text(60, 1)
    current_activity: Ref | None = None


class Participant(Strict):
    id: Ref
    display_name: Text(60) | None = None
    role: OneOf(PARTICIPANT_ROLES)
    organisation_type: OneOf(ORGANISATION_TYPES)
    organisation: Text(120) | None = None
    consent_named: StrictBool = False
    consent_quoted: StrictBool = False
    has_device: StrictBool = True
    removed: StrictBool = False
    group: Ref | None = None

    @model_validator(mode="after")
    def _named_if_agreed(self):
        if self.consent_named and not (self.display_name or "").strip():
            raise ValueError("Someone who agreed to be named should have a name")
        return self


class Theme(Strict):
    id: Ref
    name: Text(THEME_NAME_MAX, 1)
    order: OrderKey
    group: Ref | None = None


class Note(Strict):
    id: Ref
    column: ColumnKey
    topic: Key | None = None
    order: OrderKey
    text: Text(NOTE_MAX, 1)
    private: StrictBool = False
    group: Ref | None = None
    theme: Ref | None = None
    author: Ref | None = None


class Vote(Strict):
    """Dots on a note, from nobody in particular."""

    note: Ref
    dots: Count


class Respondent(Strict):
    """Someone who gave scores or marks: a number of its activity alone, with
    the role bucket the report splits results by, or none."""

    id: Ref
    role: OneOf((*PARTICIPANT_ROLES, OTHER_ROLES)) | None = None


class Score(Strict):
    respondent: Ref
    item: Key
    value: SomeScore | None = None
    comment: Text(COMMENT_MAX) = ""
    priority: StrictBool = False


class Mark(Strict):
    respondent: Ref
    dimension: Key
    now: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
    aspiration: Annotated[StrictInt, Field(ge=1, le=100)] | None = None


class Card(Strict):
    id: Ref
    lane: OneOf(LANES)
    step: Ref | None = None
    wall: Ref | None = None
    order: OrderKey
    text: Text(CARD_MAX, 1)
    group: Ref | None = None
    author: Ref | None = None


class Activity(Strict):
    id: Ref
    kind: Text(40, 1)
    title: Text(200, 1)
    position: OrderKey
    phase: Text(40, 1)
    in_groups: StrictBool = False
    engagement: OneOf(ENGAGEMENT_LEVELS) | None = None
    minutes: Annotated[StrictInt, Field(ge=1, le=480)] | None = None
    # Checked by its kind's model below, once the kind is known.
    content: dict[str, Any]
    themes: Many(Theme, MOST["notes"]) = []
    notes: Many(Note, MOST["notes"]) = []
    votes: Many(Vote, MOST["votes"]) = []
    respondents: Many(Respondent, MOST["participants"]) = []
    scores: Many(Score, MOST["votes"]) = []
    marks: Many(Mark, MOST["votes"]) = []
    cards: Many(Card, MOST["cards"]) = []


class Workshop(Strict):
    title: Text(200, 1)
    date: Annotated[Text(10), AfterValidator(_iso_date)] | None = None
    purpose: Text(2000) = ""
    engagement_level: OneOf(ENGAGEMENT_LEVELS)
    current_activity: Ref | None = None
    report: ReportText | None = None
    groups: Many(Group, MOST["groups"]) = []
    participants: Many(Participant, MOST["participants"]) = []
    activities: Many(Activity, MOST["activities"]) = []


class Archive(Strict):
    format: Literal["common-ground-workshop"]
    version: Literal[1]
    exported_at: Text(40) = ""
    workshop: Workshop
