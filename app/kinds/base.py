"""What every activity kind declares (DESIGN.md, "Kinds")."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActivityKind:
    """A kind: its phases in order, and how its state is seen per stream.

    `reveal_phases`: entering one of these reveals private writing, a change
    of visibility answered with snapshots. `snapshot(activity, stream_key)`
    is everything of the activity that stream may see, through the same
    projection as live events.
    """

    key: str
    phases: tuple
    snapshot: object
    default_content: object
    reveal_phases: frozenset = field(default_factory=frozenset)

    @property
    def initial_phase(self):
        return self.phases[0]
