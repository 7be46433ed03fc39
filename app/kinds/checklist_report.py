"""A checklist's part of the report and its raw data: once revealed, how
many gave each score per item (overall, and by role where app/kinds/roles.py
allows), comments without their authors and priority counts; and the room's
agreed scores and notes. All from what the projector sees
(app/kinds/checklist.py), which holds counts, never a person's score."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from app import charts as chart_specs
from app import privacy
from app.kinds import checklist  # the module: it imports this one, for KIND
from app.kinds.content import checklist_items, method_content
from app.kinds.report_parts import (
    method_words,
    nothing_shown,
    projected,
    record_for,
    remark,
)
from app.kinds.roles import with_role_labels
from app.methods.texts import display
from app.report.document import Chart, Entries, Entry, Heading, Paragraph, Table


@dataclass
class Sheet:
    """A checklist as the report sees it: its items and scale in the
    reader's language, the projector's view of it, and its results if they
    have been revealed (else None)."""

    activity: object
    items: list  # {"key", "label"}
    scale: list  # {"value", "label"}
    state: dict
    results: dict | None

    @property
    def agreed(self):
        return self.state["agreed"]

    @property
    def agrees(self):
        """Whether the room records agreed scores (the method asks for them)."""
        return bool(method_content(self.activity).get("agree") or self.agreed)

    def count(self, item, value):
        found = self.results["overall"] if self.results else []
        return sum(
            row["count"]
            for row in found
            if (row["item"], row["value"]) == (item, value)
        )

    def score_label(self, value):
        labels = {point["value"]: point["label"] for point in self.scale}
        return f"{labels.get(value, '')} ({value})"


def seen(activity, names):
    state = projected(checklist.snapshot, activity)
    results = state.get("results")
    if results is not None:
        # Redacted comments, and those of people who did not agree to be
        # quoted, are left out (app/report/redaction.py).
        comments = names.withheld.comments(activity, results["comments"])
        results = {**results, "comments": comments}
    content = method_content(activity)
    return Sheet(
        activity,
        items=[
            {"key": item["key"], "label": display(item["text"])}
            for item in checklist_items(activity)
        ],
        scale=[
            {"value": point["value"], "label": display(point["label"])}
            for point in content.get("scale", [])
        ],
        state=state,
        results=results,
    )


def report(activity, names):
    """The results once revealed (charts, a table, each item's comments and
    priorities) and the agreed scores and notes."""
    sheet = seen(activity, names)
    if sheet.results is None and not sheet.agreed:
        return [_not_revealed(sheet)]
    blocks = []
    if sheet.results is not None:
        people = sheet.results["respondents"]
        said = ngettext("%(num)d person scored.", "%(num)d people scored.", people)
        blocks += [Paragraph(said), *_charts(sheet)]
    return [*blocks, _table(sheet), *_items(sheet)]


def _not_revealed(sheet):
    if not sheet.state.get("responded"):
        return nothing_shown(sheet.activity, _("Nobody scored."))
    return remark(_("The scores have not been revealed."))


def _charts(sheet):
    """The distribution overall and, where the room may be split, by role;
    each with its numbers as sentences beside it."""
    specs = dict(checklist.charts(sheet.activity))
    overall = sheet.results["overall"]
    blocks = [_chart(sheet, specs, "overall", _("Scores for each item"), overall)]
    if sheet.results["by_role"]:
        counts = with_role_labels(sheet.results["by_role"])
        blocks.append(_chart(sheet, specs, "by_role", _("Scores by role"), counts))
    else:
        blocks.append(remark(_("Not shown by role: too few people in some roles.")))
    return blocks


def _chart(sheet, specs, key, title, counts):
    """A chart of app/charts.py, with its numbers as sentences."""
    rows = chart_specs.describe_checklist_distribution(
        sheet.items, sheet.scale, counts, by_role=key == "by_role"
    )
    spec = specs[key]
    lines = tuple(row["text"] for row in rows)
    return Chart(key, title, spec, spec["description"], lines)


def _table(sheet):
    """Items by scores: how many gave each (once revealed), and the agreed
    score where the room records one."""
    scale = sheet.scale if sheet.results is not None else []
    header = (
        _("Item"),
        *(f"{point['label']} ({point['value']})" for point in scale),
        *([_("Agreed score")] if sheet.agrees else []),
    )
    rows = tuple(
        (
            item["label"],
            *(str(sheet.count(item["key"], point["value"])) for point in scale),
            *([_agreed_value(sheet.agreed.get(item["key"]))] if sheet.agrees else []),
        )
        for item in sheet.items
    )
    caption = _("Scores and agreed scores") if sheet.agrees else _("Scores")
    return Table(caption, header, rows)


def _agreed_value(agreed):
    if not agreed or agreed.get("value") is None:
        return ""
    return str(agreed["value"])


def _items(sheet):
    """Each item with anything to say about it, under its section's title:
    its wording (a quote), then its counts, agreed score and note, priority
    count and comments."""
    blocks = []
    for section in method_content(sheet.activity).get("sections", []):
        said = []
        for item in section.get("items", []):
            entries = _item_entries(sheet, item["key"])
            if entries:
                said += [method_words(item["text"]), Entries(entries)]
        if said and section.get("title"):
            said.insert(0, Heading(display(section["title"]), 4))
        blocks += said
    return blocks


def _item_entries(sheet, key):
    return tuple(
        entry
        for entry in (
            _counts_entry(sheet, key),
            _agreed_entry(sheet, key),
            _priorities_entry(sheet, key),
            _comments_entry(sheet, key),
        )
        if entry is not None
    )


def _counts_entry(sheet, key):
    counts = [(point, sheet.count(key, point["value"])) for point in sheet.scale]
    if not any(count for _point, count in counts):
        return None
    parts = "; ".join(f"{point['label']}: {count}" for point, count in counts)
    return Entry(_("Scores"), parts)


def _agreed_entry(sheet, key):
    agreed = sheet.agreed.get(key)
    if not agreed or agreed.get("value") is None:
        return None
    score = sheet.score_label(agreed["value"])
    note = agreed.get("note") or ""
    children = (Entry(note),) if note else ()
    return Entry(_("Agreed score: %(score)s", score=score), "", children)


def _priorities_entry(sheet, key):
    marked = (sheet.results or {}).get("priorities", {}).get(key, 0)
    if not marked:
        return None
    return Entry(
        ngettext(
            "Marked as a priority by %(num)d person",
            "Marked as a priority by %(num)d people",
            marked,
        )
    )


def _comments_entry(sheet, key):
    comments = (sheet.results or {}).get("comments", {}).get(key, [])
    if not comments:
        return None
    return Entry(_("Comments"), "", tuple(Entry(comment) for comment in comments))


def records(activity, names):
    """Rows made from the revealed counts, never from a person's own rows,
    item by item: one per score given (with its role bucket where the room
    may be split and the activity is not anonymous), per comment (in the
    order of their words, not of their writing), per priority mark; and one
    per agreed score. So no row, nor the order of rows, links one person's
    answers."""
    sheet, row = seen(activity, names), record_for(activity)
    scores = _score_counts(sheet)
    rows = []
    for item in sheet.items:
        key, label = item["key"], item["label"]
        if sheet.results is not None:
            rows += _result_records(sheet, row, key, label, scores)
        agreed = sheet.agreed.get(key)
        if agreed:
            note = agreed.get("note") or ""
            rows.append(
                row(type="agreed", item=label, value=_agreed_value(agreed), text=note)
            )
    return rows


def _score_counts(sheet):
    """The counts the score rows are made from: by role bucket where the
    report shows that split and the activity is not anonymous."""
    if sheet.results is None:
        return []
    by_role = sheet.results["by_role"]
    if by_role and not privacy.is_anonymous(sheet.activity):
        return with_role_labels(by_role)
    return sheet.results["overall"]


def _result_records(sheet, row, key, label, scores):
    found = sheet.results
    rows = [
        row(
            type="score",
            item=label,
            value=str(count["value"]),
            role=count.get("role") or "",
        )
        for count in scores
        if count["item"] == key
        for _n in range(count["count"])
    ]
    rows += [
        row(type="comment", item=label, text=comment)
        for comment in sorted(found["comments"].get(key, []))
    ]
    marked = found["priorities"].get(key, 0)
    return rows + [row(type="priority", item=label) for _n in range(marked)]
