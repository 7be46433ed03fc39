"""Activity kinds: each gives methods their behaviour on the write path.

The registry is explicit: importing a kind's module registers its actions
with `app.changes`, and KINDS maps each key to its kind.
"""

# The board's themes, votes and settings are modules of their own, imported
# here only to register their actions.
from app.kinds import (  # noqa: F401
    actions,
    board,
    board_options,
    board_themes,
    board_votes,
    checklist,
    pathway,
    scenario,
    spectrum,
)

KINDS = {
    kind.key: kind
    for kind in (
        board.KIND,
        checklist.KIND,
        pathway.KIND,
        scenario.KIND,
        spectrum.KIND,
        actions.KIND,
    )
}


def kind_of(activity):
    """The kind that runs `activity`, or None if this app does not know it."""
    return KINDS.get(activity.kind)


def init_app(app):
    """Templates include each kind's strings (templates/kinds/<kind>.html)."""
    app.jinja_env.globals["ACTIVITY_KINDS"] = list(KINDS)
