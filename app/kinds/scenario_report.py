"""A scenario's (People's Borough) part of the report and its raw data: the
topics stage by stage, each with every group's feedback column by column,
and the topics no group discussed; from what the projector sees
(app/kinds/scenario_view.py), so nothing hidden and no author in an
anonymous activity."""

from dataclasses import dataclass

from flask_babel import gettext as _

from app.kinds.content import method_content
from app.kinds.report_parts import (
    author_name,
    method_words,
    nothing_shown,
    projected,
    record_for,
    remark,
)
from app.kinds.scenario_view import snapshot
from app.methods.texts import display
from app.report.document import Entries, Entry, Heading


@dataclass
class Plenary:
    """A scenario as the report sees it: the projector's view of it, and
    the names it may show."""

    activity: object
    state: dict
    names: object

    def notes_on(self, topic_key):
        return [note for note in self.state["notes"] if note["topic"] == topic_key]

    def author(self, note):
        return author_name(self.activity, self.names, note["author"])


def report(activity, names):
    """Each stage's discussed topics with each group's feedback, then the
    topics not discussed."""
    plenary = Plenary(activity, _seen(activity, names), names)
    state = plenary.state
    if not state["notes"] and not state["not_discussed"]:
        return [nothing_shown(activity, _("No feedback was written."))]
    blocks = []
    for stage in _stages(activity):
        blocks += _stage(plenary, stage)
    return blocks + _not_discussed(activity, state)


def _seen(activity, names):
    """The projector's view, less what publishing withholds
    (app/report/redaction.py)."""
    state = projected(snapshot, activity)
    return {**state, "notes": names.withheld.notes(activity, state["notes"])}


def _stages(activity):
    return method_content(activity).get("stages", [])


def _headings(activity):
    """Each topic's heading (as the method marks it), by topic key."""
    return {
        topic["key"]: topic["heading"]
        for stage in _stages(activity)
        for topic in stage.get("topics", [])
    }


def _stage(plenary, stage):
    """A stage's title and the topics of it that groups wrote on."""
    topics = [t for t in stage.get("topics", []) if plenary.notes_on(t["key"])]
    if not topics:
        return []
    blocks = [Heading(display(stage.get("title")) or _("Topics"))]
    for topic in topics:
        blocks += _topic(plenary, topic)
    return blocks


def _topic(plenary, topic):
    """A topic's heading (quoted), whom it was given to, and each group's
    feedback on it."""
    notes = plenary.notes_on(topic["key"])
    blocks = [method_words(topic["heading"])]
    given = plenary.state["allocation"].get(topic["key"], [])
    if given:
        groups = ", ".join(group["name"] for group in given)
        blocks.append(remark(_("Given to: %(groups)s", groups=groups)))
    feedback = tuple(
        _group_feedback(plenary, [note for note in notes if _group_id(note) == key])
        for key in _groups_of(notes, given)
    )
    return blocks + [Entries(feedback)]


def _groups_of(notes, given):
    """The groups that wrote on a topic: those it was given to first, then
    any other (None: notes written by a facilitator, in no group)."""
    wrote = [_group_id(note) for note in notes]
    given_ids = [group["id"] for group in given if group["id"] in wrote]
    return list(dict.fromkeys(given_ids + wrote))


def _group_feedback(plenary, notes):
    """One group's feedback on a topic: its notes, column by column."""
    columns = tuple(
        Entry(
            display(column["title"]),
            "",
            tuple(Entry(note["text"], plenary.author(note)) for note in written),
        )
        for column in plenary.state["columns"]
        if (written := [note for note in notes if note["column"] == column["key"]])
    )
    return Entry(_group_label(notes[0]), "", columns)


def _group_id(note):
    return note["group"]["id"] if note["group"] else None


def _group_label(note):
    return note["group"]["name"] if note["group"] else _("Facilitators")


def _not_discussed(activity, state):
    if not state["not_discussed"]:
        return []
    headings = _headings(activity)
    return [
        Heading(_("Topics not discussed")),
        *(method_words(headings[key]) for key in state["not_discussed"]),
    ]


def records(activity, names):
    """One row per note, topic by topic and column by column: its group, and
    its author's name where they agreed and the activity is not anonymous."""
    state, row = _seen(activity, names), record_for(activity)
    topics = {key: display(mark) for key, mark in _headings(activity).items()}
    columns = [(column["key"], display(column["title"])) for column in state["columns"]]
    return [
        row(
            type="note",
            item=f"{topics[topic]} — {title}",
            text=note["text"],
            group=note["group"]["name"] if note["group"] else "",
            author=author_name(activity, names, note["author"]),
        )
        for topic in topics
        for column, title in columns
        for note in state["notes"]
        if (note["topic"], note["column"]) == (topic, column)
    ]
