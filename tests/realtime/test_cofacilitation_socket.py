"""Co-facilitation on the wire: a control change reaches the facilitators'
sockets signed with who made it."""

import pytest

from tests.builders import make_board, set_phase

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")


def test_a_live_control_change_reaches_facilitators_signed(cast, fac_socket):
    board = make_board(cast.fac)
    fac_socket.get_received()

    set_phase(cast.fac, board, "voting")

    (event,) = [
        e for e in fac_socket.events("event") if e["action"] == "activity.set_phase"
    ]
    assert event["by"] == "Fay"
