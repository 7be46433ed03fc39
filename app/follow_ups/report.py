"""The actions agreed, in a workshop's report and its raw data: the ones
raised in it, and those of earlier workshops it reviewed (edited or
updated), as plain blocks every format renders alike.

Only public fields: what was raised (withheld once its note is gone), what
will be done, the owner organisation, the due date, the status and the dated
updates. The owner's name stays with the team.
"""

from flask_babel import gettext as _
from flask_babel import ngettext

from app.follow_ups import service
from app.report.document import Entries, Entry, Heading, Paragraph, Record

SECTION_ID = "actions"
SECTION_KIND = "follow_ups"


def section(workshop, section_class):
    """The report's "Actions agreed" part as a `section_class` (the report
    model's Section), or None when the workshop raised and reviewed none."""
    raised, reviewed = _actions(workshop)
    if not raised and not reviewed:
        return None
    return section_class(
        id=SECTION_ID,
        kind=SECTION_KIND,
        title=_("Actions agreed"),
        method=_("You said, we did"),
        source=_("Series: %(title)s", title=workshop.series.title),
        status=_counts(raised, reviewed),
        blocks=tuple(_blocks(raised, reviewed)),
    )


def records(workshop):
    """One raw-data row per action ("action": raised here; "action_reviewed":
    of an earlier workshop): what was said, what will be done, its status."""
    raised, reviewed = _actions(workshop)
    title = _("Actions agreed")
    return [
        Record(
            activity=title,
            kind=SECTION_KIND,
            type="action" if follow_up in raised else "action_reviewed",
            item=service.raised_words(follow_up),
            text=follow_up.title,
            value=service.status_label(follow_up.status),
        )
        for follow_up in raised + reviewed
    ]


def _actions(workshop):
    if workshop.series_id is None or workshop.series is None:
        return [], []
    return service.raised_in(workshop), service.reviewed_in(workshop)


def _counts(raised, reviewed):
    made = ngettext(
        "%(num)d action raised here.", "%(num)d actions raised here.", len(raised)
    )
    seen = ngettext(
        "%(num)d from earlier workshops reviewed.",
        "%(num)d from earlier workshops reviewed.",
        len(reviewed),
    )
    return f"{made} {seen}"


def _blocks(raised, reviewed):
    for heading, actions in (
        (_("Raised in this workshop"), raised),
        (_("Reviewed from earlier workshops"), reviewed),
    ):
        yield Heading(heading)
        if actions:
            yield Entries(tuple(entry(follow_up) for follow_up in actions))
        else:
            yield Paragraph(_("None."), "muted")


def entry(follow_up):
    """An action as a list entry: what will be done; its status, owner
    organisation and due date; what was said; each dated update."""
    said = service.raised_words(follow_up)
    children = [Entry(_("You said: %(words)s", words=said))] if said else []
    children += [_update_entry(update) for update in follow_up.updates]
    return Entry(follow_up.title, _detail(follow_up), tuple(children))


def _detail(follow_up):
    parts = [service.status_label(follow_up.status), follow_up.owner_organisation]
    if follow_up.due_date:
        parts.append(_("due %(date)s", date=follow_up.due_date.isoformat()))
    return " · ".join(part for part in parts if part)


def _update_entry(update):
    status = service.status_label(update.status) if update.status else ""
    day = update.created_at.date().isoformat()
    return Entry(update.body or status, " · ".join(p for p in (day, status) if p))
