"""The review of a series' actions in the report, and its raw data: each
action reviewed with its status, owner and due date, what was raised ("you
said") and its dated updates ("we did"), open ones first, from what the
projector sees (app/kinds/actions_view.py). The actions are read as they
are now, so a report made later shows what has happened since."""

from flask_babel import gettext as _

from app.follow_ups import service as follow_ups
from app.kinds.actions_view import snapshot
from app.kinds.report_parts import detail, nothing_shown, projected, record_for, remark
from app.report.document import Entries, Entry, Heading


def not_in_series():
    return _("This workshop is not part of a series: there are no actions to review.")


def report(activity, names):
    """The actions reviewed, open ones first, each with what became of it."""
    state = projected(snapshot, activity)
    if state.get("series") is None:
        return [remark(not_in_series())]
    if not state["open"] and not state["closed"]:
        return [nothing_shown(activity, _("There were no actions to review."))]
    blocks = []
    for heading, actions in _groups(state):
        blocks.append(Heading(heading, 4))
        blocks.append(Entries(tuple(_entry(action) for action in actions)))
    return blocks


def _groups(state):
    """(heading, actions) for each group of the review with anything in it."""
    closed = (
        _("Done or dropped since the last workshop (%(date)s)", date=state["since"])
        if state["since"]
        else _("Done or dropped")
    )
    found = ((_("Open or in progress"), state["open"]), (closed, state["closed"]))
    return [(heading, actions) for heading, actions in found if actions]


def _entry(action):
    """An action: what will be done, its status, owner and due date; then
    what was raised and each update."""
    due = _("due %(date)s", date=action["due_date"]) if action["due_date"] else ""
    children = []
    if action["raised_text"]:
        said = _("You said: %(text)s", text=action["raised_text"])
        children.append(Entry(said))
    for update in action["updates"]:
        set_to = follow_ups.status_label(update["status"]) if update["status"] else ""
        text = update["body"] or _("Status changed.")
        children.append(Entry(text, detail(_day(update), set_to)))
    return Entry(
        action["title"],
        detail(follow_ups.status_label(action["status"]), _owner(action), due),
        tuple(children),
    )


def _owner(action):
    # The organisation only: the owner's name is the team's alone.
    return action["owner_organisation"]


def _day(update):
    return update["at"][:10]  # the ISO date of an ISO timestamp


def records(activity, names):
    """One row per action reviewed (its status and due date), per "you
    said" and per update; none for a workshop in no series."""
    state = projected(snapshot, activity)
    if state.get("series") is None:
        return []
    row = record_for(activity)
    rows = []
    for action in state["open"] + state["closed"]:
        rows.append(
            row(
                type="action",
                item=follow_ups.status_label(action["status"]),
                text=action["title"],
                value=action["due_date"] or "",
            )
        )
        if action["raised_text"]:
            said = action["raised_text"]
            rows.append(row(type="raised", item=action["title"], text=said))
        for update in action["updates"]:
            rows.append(
                row(
                    type="update",
                    item=action["title"],
                    text=update["body"],
                    value=_day(update),
                )
            )
    return rows
