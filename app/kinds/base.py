"""What every activity kind declares (DESIGN.md, "Kinds")."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActivityKind:
    """A kind: its phases in order, and how its state is seen per stream.

    `reveal_phases`: entering one of these reveals private writing, a change
    of visibility answered with snapshots. `snapshot(activity, stream_key)`
    is everything of the activity that stream may see, through the same
    projection as live events. `new_content(method)` is a new activity's
    content, holding `method`: the frozen copy of its method's content.
    `charts(activity)`, for kinds that reveal results, gives (id, Vega-Lite
    specification) pairs from app/charts.py, in the reader's language.
    `summary(activity)` says in one sentence what the activity has produced
    so far, for the facilitator's agenda and the report.
    `report(activity, names)` describes the activity for its report, as
    blocks of app/report/document.py, from what the projector may see (the
    participant-level view); `names.of(public_id)` is the only way to a name.
    `records(activity, names)` gives its raw data as Records (CSV, XLSX).
    `phase_changes_visibility(activity, old, new)`, if given, says whether
    moving between two phases changes what streams may see beyond the
    reveal (the board's hidden vote counts): answered with snapshots too.
    """

    key: str
    phases: tuple
    snapshot: object
    new_content: object
    reveal_phases: frozenset = field(default_factory=frozenset)
    charts: object = None
    summary: object = None
    report: object = None
    records: object = None
    phase_changes_visibility: object = None

    @property
    def initial_phase(self):
        return self.phases[0]
