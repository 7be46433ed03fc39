"""The shape of a method content file: common fields, then one model per kind.

Every human-readable string is marked: a `quote` from the method's source
document, which stays in its English source wording, an `interface` string
of our own, which goes through the translation catalogue (DESIGN.md), or, in
a team's copy only, the team's `own` wording, shown as they wrote it.
"""

from typing import Annotated, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    Tag,
    TypeAdapter,
    field_validator,
    model_serializer,
    model_validator,
)

Kind = Literal["board", "scenario", "pathway", "checklist", "spectrum", "actions"]
KINDS = get_args(Kind)
# The IPC paper's four levels of engagement, a session states one up front.
Engagement = Literal["communication", "consultation", "negotiation", "participation"]
LaneKey = Literal["steps", "resources", "walls", "overcome", "measures"]

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)
]
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Frozen(BaseModel):
    """A misspelt field is an error, and a loaded method cannot be changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


MARKS = ("quote", "interface", "own")


class Text(Frozen):
    """A marked string, written `{quote: ...}`, `{interface: ...}` or, in a
    team's copy, `{own: ...}` (never translated, never checked against a source).
    """

    quote: Words | None = None
    interface: Words | None = None
    own: Words | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_mark(cls, data):
        if isinstance(data, dict) and (len(data) != 1 or None in data.values()):
            raise ValueError(
                "Give exactly one of quote, interface or own, with its text"
            )
        return data

    @property
    def mark(self):
        return next(mark for mark in MARKS if getattr(self, mark) is not None)

    @property
    def text(self):
        return getattr(self, self.mark)

    @model_serializer
    def _as_marked(self):
        return {self.mark: self.text}


# Length checks run after the items validate: pydantic's own count only the
# items that passed, adding a false error to the real ones.
def _not_empty(items):
    if not items:
        raise ValueError("Should have at least one item")
    return items


def _count(low, high):
    def check(items):
        if not low <= len(items) <= high:
            wanted = f"{low} to {high}" if low < high else str(low)
            raise ValueError(f"Should have {wanted} items, not {len(items)}")
        return items

    return AfterValidator(check)


Paragraphs = Annotated[tuple[Text, ...], AfterValidator(_not_empty)]


def _unique_keys(items):
    keys = [item.key for item in items]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"Keys should be unique, repeated: {', '.join(duplicates)}")
    return items


T = TypeVar("T")
# Items are joined across versions and workshops by key, so keys are written
# in the file, never derived from positions.
Keyed = Annotated[
    tuple[T, ...], AfterValidator(_not_empty), AfterValidator(_unique_keys)
]


class Source(Frozen):
    """The credit line of the document a method's quotes come from."""

    title: Words
    publisher: Words
    year: Annotated[StrictInt, Field(ge=1900, le=2100)] | None
    file: Annotated[str, StringConstraints(pattern=r"^[\w.-]+$")]


class BoardColumn(Frozen):
    key: Slug
    label: Text
    prompts: tuple[Text, ...] = ()


class BoardContent(Frozen):
    columns: Keyed[BoardColumn]


class Topic(Frozen):
    key: Slug
    heading: Text
    scenario: Text


class Stage(Frozen):
    key: Slug
    title: Text
    topics: Keyed[Topic]


class ScenarioColumn(Frozen):
    key: Slug
    label: Text
    optional: StrictBool


class ScenarioContent(Frozen):
    introduction: Paragraphs
    stages: Keyed[Stage]
    columns: Keyed[ScenarioColumn]

    @field_validator("stages")
    @classmethod
    def _topic_keys_unique(cls, stages):
        # Groups are allocated topics by key, whichever stage holds them.
        _unique_keys([topic for stage in stages for topic in stage.topics])
        return stages


class Lane(Frozen):
    key: LaneKey
    label: Text
    help: Text


class PathwayContent(Frozen):
    service_prompt: Text
    lanes: Annotated[
        tuple[Lane, ...],
        _count(len(get_args(LaneKey)), len(get_args(LaneKey))),
        AfterValidator(_unique_keys),
    ]


class ScalePoint(Frozen):
    value: StrictInt
    label: Text


def _distinct_values(scale):
    values = [point.value for point in scale]
    if len(set(values)) != len(values):
        raise ValueError("Scale values should be distinct")
    return scale


class Item(Frozen):
    key: Slug
    text: Text


class Section(Frozen):
    key: Slug
    title: Text | None
    items: Keyed[Item]


class ChecklistContent(Frozen):
    scale: Annotated[
        tuple[ScalePoint, ...],
        _count(2, 7),
        AfterValidator(_distinct_values),
    ]
    sections: Keyed[Section]
    comments: StrictBool
    priorities: StrictBool
    agree: StrictBool

    @field_validator("sections")
    @classmethod
    def _sections_hold_together(cls, sections):
        # Scores are joined on item keys, whichever section holds the item.
        _unique_keys([item for section in sections for item in section.items])
        if len(sections) > 1 and any(section.title is None for section in sections):
            raise ValueError("Only a checklist with one section may leave it untitled")
        return sections


class Dimension(Frozen):
    key: Slug
    label: Text
    left: Text
    right: Text


class SpectrumContent(Frozen):
    points: Annotated[StrictInt, Field(ge=3, le=11)]
    dimensions: Keyed[Dimension]
    left_label: Text
    right_label: Text


class ActionsContent(Frozen):
    """Nothing to configure: the actions reviewed are the series' own."""


class BaseMethod(Frozen):
    """What every method file holds; subclasses fix `kind` and `content`."""

    id: Slug
    version: Annotated[StrictInt, Field(ge=1)]
    kind: Kind
    title: Text
    summary: Text
    instructions: Paragraphs
    engagement: Engagement
    minutes: Annotated[StrictInt, Field(ge=5, le=480)]
    source: Source | None
    content: Frozen

    @model_validator(mode="after")
    def _quotes_have_a_source(self):
        if self.source is None and any(m == "quote" for _, m, _ in iter_texts(self)):
            raise ValueError("A method that quotes should name its source")
        return self

    def as_content(self):
        """The plain, JSON-able copy an activity stores, marks kept."""
        return {"method": self.id, **self.model_dump(mode="json", exclude={"id"})}


class BoardMethod(BaseMethod):
    kind: Literal["board"]
    content: BoardContent


class ScenarioMethod(BaseMethod):
    kind: Literal["scenario"]
    content: ScenarioContent


class PathwayMethod(BaseMethod):
    kind: Literal["pathway"]
    content: PathwayContent


class ChecklistMethod(BaseMethod):
    kind: Literal["checklist"]
    content: ChecklistContent


class SpectrumMethod(BaseMethod):
    kind: Literal["spectrum"]
    content: SpectrumContent


class ActionsMethod(BaseMethod):
    kind: Literal["actions"]
    content: ActionsContent


def _kind_of(data):
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if kind in KINDS else None


Method = Annotated[
    Annotated[BoardMethod, Tag("board")]
    | Annotated[ScenarioMethod, Tag("scenario")]
    | Annotated[PathwayMethod, Tag("pathway")]
    | Annotated[ChecklistMethod, Tag("checklist")]
    | Annotated[SpectrumMethod, Tag("spectrum")]
    | Annotated[ActionsMethod, Tag("actions")],
    Discriminator(
        _kind_of,
        custom_error_type="method_kind",
        custom_error_message=f"Input should be one of: {', '.join(KINDS)}",
    ),
]
_METHOD = TypeAdapter(Method)


def parse_method(data):
    """The method `data` describes (as read from a file), or ValidationError."""
    return _METHOD.validate_python(data)


def method_from_content(content):
    """The method an activity's stored copy (`as_content()`) was made from."""
    data = {key: value for key, value in content.items() if key != "method"}
    return parse_method({"id": content.get("method"), **data})


def iter_texts(method):
    """Every marked string of `method` as (field path, mark, text), in order."""
    return _texts(method, ())


def _texts(node, path):
    if isinstance(node, Text):
        yield ".".join(path), node.mark, node.text
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), (*path, name))
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from _texts(item, (*path, str(index)))
