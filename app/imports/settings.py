"""Each kind's settings in an activity's content, as an archive holds them
(app/imports/schema.py has the rest of its shape), and which contributions
each kind's activity holds. The frozen method in the content is checked
against the method library's own schema, in checks.py."""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictInt

from app.imports.schema import (
    MOST,
    ColumnKey,
    Count,
    Key,
    Many,
    Ref,
    SomeScore,
    Strict,
    Text,
)
from app.kinds.checklist_forms import NOTE_MAX as AGREED_NOTE_MAX
from app.kinds.pathway_forms import SERVICE_MAX


def _one_mark(marked):
    if len(marked) != 1:
        raise ValueError("Give exactly one of quote, interface or own")
    return marked


# A method's string as an activity keeps it: plain, or marked (app/methods).
Marked = (
    Text(2000)
    | Annotated[
        dict[Literal["quote", "interface", "own"], Text(2000)],
        AfterValidator(_one_mark),
    ]
)


class CopiedFrom(Strict):
    method: Key
    version: StrictInt


class MethodRef(Strict):
    """The frozen method's own references: a built-in method's id, or a team
    copy's "team:<id>" and what it was copied from."""

    method: Text(100, 1)
    copied_from: CopiedFrom | None = None


class Settings(Strict):
    """What every kind's content holds: the frozen method (checked against
    the method schema in checks.py) and the privacy settings."""

    method: dict[str, Any]
    anonymous: StrictBool = False
    facilitators_see_private: StrictBool = False
    revealed: StrictBool = False


class BoardColumn(Strict):
    key: ColumnKey
    title: Marked
    prompts: Many(Marked, 50) = []


class BoardOptions(Strict):
    participants_group: StrictBool = False
    budget: Count = 3
    per_note: Count = 1
    hide_votes: StrictBool = False


class BoardContent(Settings):
    columns: Annotated[Many(BoardColumn, 50), Field(min_length=1)]
    allow_private: StrictBool = True
    options: BoardOptions | None = None


class Agreed(Strict):
    value: SomeScore | None = None
    note: Text(AGREED_NOTE_MAX) = ""


class ChecklistContent(Settings):
    agreed: dict[Key, Agreed] = {}


class SpectrumContent(Settings):
    pass


class PathwayContent(Settings):
    service: Text(SERVICE_MAX) = ""
    services: dict[Ref, Text(SERVICE_MAX)] = {}  # by group


class ScenarioContent(Settings):
    columns_on: Many(ColumnKey, 50) = []
    allocation: dict[Key, Many(Ref, MOST["groups"])] = {}  # topic -> groups
    plenary: Key | None = None
    groups_feed_back: StrictBool = True


class ActionsContent(Settings):
    # The action brought before the room; an import starts with none, as the
    # actions belong to a series of the team that made the archive.
    showing: Text(24) | None = None


CONTENT = {
    "board": BoardContent,
    "checklist": ChecklistContent,
    "spectrum": SpectrumContent,
    "pathway": PathwayContent,
    "scenario": ScenarioContent,
    "actions": ActionsContent,
}
# The contributions each kind holds; any other list must be empty.
CONTRIBUTIONS = {
    "board": ("themes", "notes", "votes"),
    "scenario": ("notes",),
    "checklist": ("respondents", "scores"),
    "spectrum": ("respondents", "marks"),
    "pathway": ("cards",),
    "actions": (),
}
