"""A board's dot-voting results: the dots on a note, and the notes ranked."""


def dots_on(note):
    """Every dot placed on `note`, by everyone."""
    return sum(vote.count for vote in note.votes)


def ranked(activity, notes):
    """`notes` with at least one dot, most dots first. Ties keep the board's
    own order (column, then place in the column, then age), so the ranking
    is stable and every screen shows the same one (static/js/board_votes.js
    ranks the same way)."""
    columns = [column["key"] for column in activity.content.get("columns", [])]

    def board_order(note):
        column = columns.index(note.column) if note.column in columns else len(columns)
        return column, note.order_key, note.public_id

    voted = [note for note in notes if dots_on(note) > 0]
    return sorted(voted, key=lambda note: (-dots_on(note), *board_order(note)))
