"""What every kind's report section shares: the method's wording as quotes,
short remarks, authors' names under the report's rules, and raw-data rows.

Each kind's report reads the activity as the projector sees it
(`projected`): the participant-level view, with nothing hidden, no private
writing before its reveal and no author in an anonymous activity.
"""

from functools import partial

from flask_babel import gettext as _

from app import audiences, privacy
from app.methods.texts import display
from app.report.document import Paragraph, Record


def projected(kind_snapshot, activity):
    """The activity's state as the projector's stream sees it: a checklist's
    or spectrum's results only once revealed (`privacy.results_visible`)."""
    return kind_snapshot(activity, audiences.PROJECTOR_STREAM)


def method_words(mark):
    """A method's marked string as a paragraph: a quote where it is the
    source's own wording, plain where it is ours or the team's."""
    quoted = isinstance(mark, dict) and "quote" in mark
    return Paragraph(display(mark), "quote" if quoted else "")


def remark(text):
    return Paragraph(text, "muted")


def nothing_shown(activity, nothing):
    """A remark for a section with nothing to show: not started yet (every
    kind starts in "not_started"), or `nothing` (e.g. "No notes were
    written.")."""
    if activity.phase == "not_started":
        return remark(_("This activity has not started yet."))
    return remark(nothing)


def author_name(activity, names, public_id):
    """An author's name for the report: only if they agreed to be named, and
    never in an anonymous activity."""
    if privacy.is_anonymous(activity):
        return ""
    return names.of(public_id)


def detail(*parts):
    """A detail line: its non-empty parts, joined."""
    return " · ".join(part for part in parts if part)


def record_for(activity):
    """A Record maker for `activity`'s rows, its title and kind filled in."""
    return partial(Record, activity.title, activity.kind)
