"""What an archive's shape cannot say, checked before anything is written:
every id is used once and every reference names something the archive
holds; each activity is of a kind this install runs, in one of its phases,
with settings its kind reads and a frozen method the method schema accepts;
each contribution fits its activity (a column it has, an item on its
checklist, a score on its scale); each score or mark is given by a
respondent of its activity (the schema has no field for a participant there,
nor for a voter), and an anonymous activity links nothing to a person nor
any respondent to a role.
"""

from flask_babel import gettext as _
from pydantic import ValidationError

from app.imports import ImportProblem, settings
from app.kinds import KINDS
from app.methods.schema import parse_method

ON_A_STEP = ("resources", "walls", "overcome")
CONTRIBUTIONS = ("themes", "notes", "votes", "respondents", "scores", "marks", "cards")


def schema_problem(error, prefix=()):
    """The first of pydantic's complaints, naming the field."""
    detail = error.errors()[0]
    loc = detail["loc"]
    if prefix and prefix[-1] == "method" and loc and loc[0] in KINDS:
        loc = loc[1:]  # the method schema's union names the kind first
    # Union members' tags ("str", "function-after[...]") are no field names.
    parts = [*prefix, *(p for p in loc if "[" not in str(p))]
    parts = [str(part) for part in parts if part not in ("str", "dict")]
    return ImportProblem(
        _(
            "The archive does not fit its format at %(field)s: %(problem)s",
            field=".".join(parts) or "(top)",
            problem=detail["msg"],
        )
    )


def dangling(field, ref):
    return ImportProblem(
        _(
            "The archive refers at %(field)s to “%(ref)s”, which it does not hold.",
            field=field,
            ref=ref,
        )
    )


def not_here(field, value):
    return ImportProblem(
        _(
            "The archive has “%(value)s” at %(field)s, which its activity does "
            "not have.",
            field=field,
            value=value,
        )
    )


def ids(items, field):
    """The ids of `items`, each used once."""
    seen = set()
    for number, item in enumerate(items):
        if item.id in seen:
            raise ImportProblem(
                _(
                    "The archive uses the id “%(ref)s” twice (at %(field)s).",
                    ref=item.id,
                    field=f"{field}.{number}.id",
                )
            )
        seen.add(item.id)
    return seen


def ref(value, known, field):
    if value is not None and value not in known:
        raise dangling(field, value)


def check(workshop):
    """ImportProblem for the first thing in `workshop` that does not hold."""
    activities = ids(workshop.activities, "workshop.activities")
    groups = ids(workshop.groups, "workshop.groups")
    people = ids(workshop.participants, "workshop.participants")
    ref(workshop.current_activity, activities, "workshop.current_activity")
    for number, group in enumerate(workshop.groups):
        where = f"workshop.groups.{number}.current_activity"
        ref(group.current_activity, activities, where)
    for number, person in enumerate(workshop.participants):
        ref(person.group, groups, f"workshop.participants.{number}.group")
    for number, activity in enumerate(workshop.activities):
        where = f"workshop.activities.{number}"
        ActivityCheck(activity, where, groups, people).run()


class ActivityCheck:
    """One activity of the archive, checked against its kind."""

    def __init__(self, activity, where, groups, people):
        self.activity, self.where = activity, where
        self.groups, self.people = groups, people
        self.content = self.method = None

    def run(self):
        # A kind is read only if its settings have a model here too.
        known = self.activity.kind in settings.CONTENT
        kind = KINDS.get(self.activity.kind) if known else None
        if kind is None:
            raise ImportProblem(
                _(
                    "The archive holds an activity of a kind this install does "
                    "not know: “%(kind)s” (at %(field)s).",
                    kind=self.activity.kind,
                    field=f"{self.where}.kind",
                )
            )
        if self.activity.phase not in kind.phases:
            raise not_here(f"{self.where}.phase", self.activity.phase)
        self.content = self._content(kind.key)
        self.method = self._method(kind.key)
        self._only_its_contributions(kind.key)
        getattr(self, f"_{kind.key}")()

    @property
    def anonymous(self):
        return self.content.anonymous

    def _content(self, kind):
        where = (*self.where.split("."), "content")
        try:
            return settings.CONTENT[kind].model_validate(self.activity.content)
        except ValidationError as error:
            raise schema_problem(error, where) from error

    def _method(self, kind):
        """The frozen method, checked as the library checks a method (its own
        id, or a team copy's reference, aside)."""
        stored = dict(self.content.method)
        refs = {key: stored.pop(key, None) for key in ("method", "copied_from")}
        where = (*self.where.split("."), "content", "method")
        try:
            settings.MethodRef.model_validate(refs)
            method = parse_method({**stored, "id": "archived"})
        except ValidationError as error:
            raise schema_problem(error, where) from error
        if method.kind != kind:
            raise not_here(".".join((*where, "kind")), method.kind)
        return method.content

    def _only_its_contributions(self, kind):
        for name in CONTRIBUTIONS:
            if (
                getattr(self.activity, name)
                and name not in settings.CONTRIBUTIONS[kind]
            ):
                raise ImportProblem(
                    _(
                        "The archive gives %(field)s to a %(kind)s activity, "
                        "which holds none.",
                        field=f"{self.where}.{name}",
                        kind=kind,
                    )
                )

    def _author(self, value, field):
        """A link to a participant: known, and never in an anonymous activity."""
        if value is not None and self.anonymous:
            raise ImportProblem(
                _(
                    "The archive links %(field)s to a person, but its activity "
                    "is anonymous.",
                    field=field,
                )
            )
        ref(value, self.people, field)

    def _respondents(self):
        """The respondents' ids; with a role bucket only if not anonymous."""
        field = f"{self.where}.respondents"
        for number, respondent in enumerate(self.activity.respondents):
            if respondent.role is not None and self.anonymous:
                raise ImportProblem(
                    _(
                        "The archive gives a role at %(field)s, but its "
                        "activity is anonymous.",
                        field=f"{field}.{number}.role",
                    )
                )
        return ids(self.activity.respondents, field)

    def _once(self, seen, key, field):
        if key in seen:
            raise ImportProblem(
                _("The archive gives %(field)s twice over.", field=field)
            )
        seen.add(key)

    # --- each kind ---------------------------------------------------------------

    def _board(self):
        columns = {column.key for column in self.content.columns}
        themes = ids(self.activity.themes, f"{self.where}.themes")
        for number, theme in enumerate(self.activity.themes):
            ref(theme.group, self.groups, f"{self.where}.themes.{number}.group")
        notes = self._notes(columns, topics=None, themes=themes)
        for number, vote in enumerate(self.activity.votes):
            ref(vote.note, notes, f"{self.where}.votes.{number}.note")

    def _scenario(self):
        columns = {column.key for column in self.method.columns}
        topics = {topic.key for stage in self.method.stages for topic in stage.topics}
        where = f"{self.where}.content"
        for key in self.content.columns_on:
            if key not in columns:
                raise not_here(f"{where}.columns_on", key)
        for topic, groups in self.content.allocation.items():
            if topic not in topics:
                raise not_here(f"{where}.allocation", topic)
            for group in groups:
                ref(group, self.groups, f"{where}.allocation.{topic}")
        if self.content.plenary is not None and self.content.plenary not in topics:
            raise not_here(f"{where}.plenary", self.content.plenary)
        self._notes(set(self.content.columns_on), topics=topics, themes=set())

    def _notes(self, columns, topics, themes):
        """The notes' ids; each in a column (and, in a scenario, a topic) of
        its activity, under a theme of it, by a known participant."""
        notes = ids(self.activity.notes, f"{self.where}.notes")
        for number, note in enumerate(self.activity.notes):
            field = f"{self.where}.notes.{number}"
            if note.column not in columns:
                raise not_here(f"{field}.column", note.column)
            if (note.topic is None) != (topics is None) or (
                topics is not None and note.topic not in topics
            ):
                raise not_here(f"{field}.topic", note.topic or "")
            ref(note.group, self.groups, f"{field}.group")
            ref(note.theme, themes, f"{field}.theme")
            self._author(note.author, f"{field}.author")
        return notes

    def _checklist(self):
        items = {item.key for section in self.method.sections for item in section.items}
        scale = {point.value for point in self.method.scale}
        where = f"{self.where}.content.agreed"
        for item, agreed in self.content.agreed.items():
            if item not in items:
                raise not_here(where, item)
            if agreed.value is not None and agreed.value not in scale:
                raise not_here(f"{where}.{item}.value", agreed.value)
        respondents, seen = self._respondents(), set()
        for number, score in enumerate(self.activity.scores):
            field = f"{self.where}.scores.{number}"
            if score.item not in items:
                raise not_here(f"{field}.item", score.item)
            if score.value is not None and score.value not in scale:
                raise not_here(f"{field}.value", score.value)
            ref(score.respondent, respondents, f"{field}.respondent")
            self._once(seen, (score.respondent, score.item), field)

    def _spectrum(self):
        dimensions = {dimension.key for dimension in self.method.dimensions}
        respondents, seen = self._respondents(), set()
        for number, mark in enumerate(self.activity.marks):
            field = f"{self.where}.marks.{number}"
            if mark.dimension not in dimensions:
                raise not_here(f"{field}.dimension", mark.dimension)
            if mark.now is None and mark.aspiration is None:
                raise not_here(f"{field}.now", "")
            for which in ("now", "aspiration"):
                spot = getattr(mark, which)
                if spot is not None and spot > self.method.points:
                    raise not_here(f"{field}.{which}", spot)
            ref(mark.respondent, respondents, f"{field}.respondent")
            self._once(seen, (mark.respondent, mark.dimension), field)

    def _actions(self):
        """Nothing of its own: the actions it reviews are the series'."""

    def _pathway(self):
        for group in self.content.services:
            ref(group, self.groups, f"{self.where}.content.services")
        cards = {card.id: card for card in self.activity.cards}
        ids(self.activity.cards, f"{self.where}.cards")
        for number, card in enumerate(self.activity.cards):
            field = f"{self.where}.cards.{number}"
            ref(card.group, self.groups, f"{field}.group")
            self._author(card.author, f"{field}.author")
            self._hangs_off(card, cards, field)

    def _hangs_off(self, card, cards, field):
        """A resource, wall or way over is on a step of its own road; a way
        over answers a wall on that step; steps and measures hang off nothing."""
        step, wall = cards.get(card.step), cards.get(card.wall)
        wants_step, wants_wall = card.lane in ON_A_STEP, card.lane == "overcome"
        if (card.step is not None) != wants_step:
            raise not_here(f"{field}.step", card.step or "")
        if (card.wall is not None) != wants_wall:
            raise not_here(f"{field}.wall", card.wall or "")
        if wants_step and (step is None or step.lane != "steps"):
            raise dangling(f"{field}.step", card.step)
        if wants_step and step.group != card.group:
            raise not_here(f"{field}.group", card.group or "")
        on_this_step = wall is not None and wall.step == step.id
        if wants_wall and not (on_this_step and wall.lane == "walls"):
            raise dangling(f"{field}.wall", card.wall)
