"""Every changing HTTP route either goes through `apply()` or is exempt by
name (DESIGN.md, "The one path for every change").

Walks `app.url_map`: a new POST route fails `test_every_post_route_is_
classified` until it is listed below, as applying an action or exempt with
the reason. Each route through `apply()` is posted as a facilitator and must
write exactly one event of its action, and a double submit applies once.
"""

import uuid

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Event, Group, Participant, Series, ShareLink
from tests import builders
from tests.builders import facilitator_actor, make_board

WRITING_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# endpoint -> the action it applies through apply()
THROUGH_APPLY = {
    "plan.edit": "workshop.edit",
    "run.remove_participant": "workshop.remove_participant",
    "run.add_activity": "workshop.add_activity",
    "run.set_phase": "activity.set_phase",
    "run.create_group": "workshop.create_group",
    "run.assign_group": "workshop.assign_group",
    "run.balance_groups": "workshop.balance_groups",
    "run.edit_activity": "workshop.edit_activity",
    "run.move_activity": "workshop.move_activity",
    "run.remove_activity": "workshop.remove_activity",
    "run.start_activity": "workshop.start_activity",
    "run.add_without_device": "workshop.add_without_device",
    "run.reveal_author": "author.reveal",
    "report.edit_text": "report.edit_text",
    "report.share": "report.share",
    "report.withdraw_share": "report.withdraw_share",
    "report.comment": "link.comment",
    "report.redact": "report.redact",
    "report.unredact": "report.unredact",
    "review.comment": "review.comment",
    "follow_ups.create": "follow_up.create",
    "follow_ups.edit": "follow_up.edit",
    "follow_ups.update": "follow_up.update",
    "follow_ups.publish_summary": "follow_up.publish_summary",
    "follow_ups.withdraw_summary": "follow_up.withdraw_summary",
    "follow_ups.create_from_workshop": "follow_up.create",
}

# endpoint -> why it does not go through apply()
EXEMPT = {
    "plan.new": "creates a workshop (DESIGN.md exempts creation)",
    "plan.delete": "deletes a workshop (DESIGN.md exempts deletion)",
    "run.rehearse": "creates a rehearsal workshop (DESIGN.md exempts creation)",
    "run.reset_rehearsal": "deletes a rehearsal and creates a fresh one (exempt)",
    "join.enter_code": "joining: looks a join code up",
    "join.join": "joining (DESIGN.md exempts joining)",
    "join.rejoin": "rejoining (DESIGN.md exempts rejoining)",
    "join.leave": "forgets the workshop in this browser; no workshop state",
    "main.set_language": "the interface language: no workshop state",
    "auth.login": "signing in: not a workshop change",
    "auth.logout": "signing out: not a workshop change",
    "auth.setup": "the first account of an install: not a workshop change",
    "auth.accept_invite": "joining a team: not a workshop change",
    "auth.reset_password": "an account's password: not a workshop change",
    "auth.change_password": "an account's password: not a workshop change",
    "team.invite": "team membership: not a workshop change",
    "team.reset_link": "team membership: not a workshop change",
    "team.change_role": "team membership: not a workshop change",
    "team.remove_member": "team membership: not a workshop change",
    "team.settings": "team settings: not a workshop change",
    "library.copy": "the team's method library: not a workshop change",
    "library.edit": "the team's method library: not a workshop change",
    "library.delete": "the team's method library: not a workshop change",
    "exports.request": "asks for an export: a job row, not workshop state",
    "imports.upload": "creates a workshop from an archive (DESIGN.md exempts creation)",
    "series.new": "creates a series: no workshop's state (like creating a workshop)",
    "series.edit": "a series' title and description: no workshop's state",
    "series.next_workshop": "creates the next workshop (DESIGN.md exempts creation)",
}


def writing_endpoints(app):
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.methods & WRITING_METHODS
    }


def test_every_post_route_is_classified(app):
    """Each route that accepts a changing method is either through apply() or
    exempt with a reason; none is both, and none is listed but gone."""
    routes = writing_endpoints(app)

    assert not set(THROUGH_APPLY) & set(EXEMPT)
    assert routes - set(THROUGH_APPLY) - set(EXEMPT) == set(), "unclassified"
    assert set(THROUGH_APPLY) | set(EXEMPT) <= routes, "listed but gone"


def test_routes_name_registered_actions(app):
    """Each route through apply() names an action apply() knows."""
    from app.changes import ACTIONS

    assert set(THROUGH_APPLY.values()) <= set(ACTIONS)


def _edit(workshop, world):
    url = f"/workshops/{workshop.public_id}/edit"
    return url, {"title": "Renamed", "engagement_level": "participation"}


def _remove(workshop, world):
    url = f"/workshops/{workshop.public_id}/participants/{world['cy']}/remove"
    return url, {}


def _add_activity(workshop, world):
    fields = {"method": "ccps-checklist", "title": "Scores"}
    return f"/workshops/{workshop.public_id}/activities", fields


def _activity_url(workshop, activity, what):
    return f"/workshops/{workshop.public_id}/activities/{activity}/{what}"


def _edit_activity(workshop, world):
    return _activity_url(workshop, world["board"], "edit"), {"title": "Renamed"}


def _move_activity(workshop, world):
    return _activity_url(workshop, world["board"], "move"), {"direction": "down"}


def _remove_activity(workshop, world):
    return _activity_url(workshop, world["second"], "remove"), {}


def _start_activity(workshop, world):
    return f"/workshops/{workshop.public_id}/current", {"current": world["board"]}


def _set_phase(workshop, world):
    url = f"/workshops/{workshop.public_id}/activities/{world['board']}/phase"
    return url, {"phase": "voting"}


def _create_group(workshop, world):
    return f"/workshops/{workshop.public_id}/groups", {"name": "Table A"}


def _assign_group(workshop, world):
    url = f"/workshops/{workshop.public_id}/participants/{world['cy']}/group"
    return url, {"group": world["group"]}


def _balance_groups(workshop, world):
    # Two groups need two people: Cy and a commissioner.
    builders.make_participant(workshop, display_name="Di", role="commissioner")
    return f"/workshops/{workshop.public_id}/groups/balance", {"count": "2"}


def _add_without_device(workshop, world):
    fields = {"display_name": "Noa", "role": "lived_experience"}
    fields["organisation_type"] = "community_group"
    return f"/workshops/{workshop.public_id}/participants/without-device", fields


def _reveal_author(workshop, world):
    """The posting facilitator is the safeguarding lead; a note of an
    anonymous board to reveal."""
    workshop.team.safeguarding_lead_id = world["facilitator"]
    db.session.commit()
    fac = facilitator_actor(workshop)
    board = make_board(fac)
    payload = {"activity": board, "title": "Board", "anonymous": "y"}
    builders.act(fac, "workshop.edit_activity", payload)
    note = builders.add_note(fac, board)
    url = f"/workshops/{workshop.public_id}/notes/{note}/reveal"
    return url, {"activity": board, "note": note, "reason": "A safeguarding concern"}


def _report_text(workshop, world):
    fields = {"summary": "A good day.", "save": "y"}
    return f"/workshops/{workshop.public_id}/report/text", fields


def _share(workshop, world):
    return f"/workshops/{workshop.public_id}/report/share", {}


def _withdraw_share(workshop, world):
    fac = facilitator_actor(workshop)
    link = builders.act(fac, "report.share", {})["result"]["link"]
    return f"/workshops/{workshop.public_id}/report/share/{link}/withdraw", {}


def _series(workshop):
    """`workshop` in a series (actions belong to one); the series' public id."""
    if workshop.series is None:
        workshop.series = Series(team_id=workshop.team_id, title="Forum")
        db.session.commit()
    return workshop.series.public_id


def _an_action(workshop):
    """A series URL prefix and an action of the series, made beforehand."""
    series = _series(workshop)
    made = builders.act(facilitator_actor(workshop), "follow_up.create", {"title": "X"})
    return f"/series/{series}/actions", made["result"]["follow_up"]


def _create_action(workshop, world):
    return f"/series/{_series(workshop)}/actions", {"title": "Pay travel time"}


def _edit_action(workshop, world):
    base, action = _an_action(workshop)
    return f"{base}/{action}/edit", {"follow_up": action, "title": "Y", "version": "1"}


def _update_action(workshop, world):
    base, action = _an_action(workshop)
    return f"{base}/{action}/update", {"follow_up": action, "status": "done"}


def _publish_summary(workshop, world):
    return f"/series/{_series(workshop)}/summary", {}


def _withdraw_summary(workshop, world):
    series = _series(workshop)
    builders.act(facilitator_actor(workshop), "follow_up.publish_summary", {})
    return f"/series/{series}/summary/withdraw", {}


def _action_from_workshop(workshop, world):
    _series(workshop)
    return f"/workshops/{workshop.public_id}/actions/new", {"title": "Meet in July"}


def _review_comment(workshop, world):
    url = f"/workshops/{workshop.public_id}/report/review-comments"
    return url, {"body": "Worth reading before the tender", "activity": world["board"]}


def _comment(workshop, world):
    """A link open for comments; anyone holding it comments (here, the
    signed-in facilitator)."""
    link = builders.commenter_actor(workshop).share_link_id
    token = db.session.get(ShareLink, link).token
    return f"/shared/{token}/comments", {"name": "", "about": "", "body": "Thanks"}


def _a_note_target(workshop):
    fac = facilitator_actor(workshop)
    return f"note:{builders.add_note(fac, make_board(fac), text='Jo said')}"


def _redact(workshop, world):
    fields = {"target": _a_note_target(workshop), "reason": "Names someone"}
    return f"/workshops/{workshop.public_id}/report/redact", fields


def _unredact(workshop, world):
    target = _a_note_target(workshop)
    payload = {"target": target, "reason": "Names someone"}
    builders.act(facilitator_actor(workshop), "report.redact", payload)
    return f"/workshops/{workshop.public_id}/report/unredact", {"target": target}


# endpoint -> (url, form fields without op_id) for a valid submission
REQUESTS = {
    "plan.edit": _edit,
    "run.remove_participant": _remove,
    "run.add_activity": _add_activity,
    "run.set_phase": _set_phase,
    "run.create_group": _create_group,
    "run.assign_group": _assign_group,
    "run.balance_groups": _balance_groups,
    "run.edit_activity": _edit_activity,
    "run.move_activity": _move_activity,
    "run.remove_activity": _remove_activity,
    "run.start_activity": _start_activity,
    "run.add_without_device": _add_without_device,
    "run.reveal_author": _reveal_author,
    "report.edit_text": _report_text,
    "report.share": _share,
    "report.withdraw_share": _withdraw_share,
    "report.comment": _comment,
    "report.redact": _redact,
    "report.unredact": _unredact,
    "review.comment": _review_comment,
    "follow_ups.create": _create_action,
    "follow_ups.edit": _edit_action,
    "follow_ups.update": _update_action,
    "follow_ups.publish_summary": _publish_summary,
    "follow_ups.withdraw_summary": _withdraw_summary,
    "follow_ups.create_from_workshop": _action_from_workshop,
}


def test_every_route_through_apply_has_a_request(app):
    """The posting tests below cover every route through apply()."""
    assert set(REQUESTS) == set(THROUGH_APPLY)


@pytest.fixture
def world(workshop, facilitator):
    """A participant to remove, two boards to move and remove, and a group to
    put the participant in, made beforehand."""
    cy = builders.make_participant(workshop, display_name="Cy")
    board = make_board(facilitator_actor(workshop), phase="not_started")
    second = make_board(facilitator_actor(workshop), phase="not_started")
    group = Group(workshop_id=workshop.id, name="Table B")
    db.session.add(group)
    db.session.commit()
    return {
        "cy": cy.public_id,
        "board": board,
        "second": second,
        "group": group.public_id,
        "facilitator": facilitator.id,
    }


def events(action):
    db.session.expire_all()
    return db.session.scalars(sa.select(Event).filter_by(action=action)).all()


@pytest.mark.parametrize("endpoint", sorted(THROUGH_APPLY))
def test_route_writes_one_event_of_its_action(client, workshop, world, endpoint):
    """A facilitator's valid submission is applied through apply(): exactly one
    new event, of the route's action, with the form's op_id."""
    action = THROUGH_APPLY[endpoint]
    url, fields = REQUESTS[endpoint](workshop, world)
    op_id = str(uuid.uuid4())
    before = len(events(action))
    seq = db.session.scalars(sa.select(Event.seq)).all()

    response = client.post(url, data={**fields, "op_id": op_id})

    assert response.status_code in (302, 303), response.status_code
    new = [e for e in events(action) if e.seq not in seq]
    assert len(events(action)) == before + 1
    assert [e.op_id for e in new] == [op_id]


@pytest.mark.parametrize("endpoint", sorted(THROUGH_APPLY))
def test_double_submit_is_applied_once(client, workshop, world, endpoint):
    """The same form posted twice (same op_id) is applied once."""
    action = THROUGH_APPLY[endpoint]
    url, fields = REQUESTS[endpoint](workshop, world)
    data = {**fields, "op_id": str(uuid.uuid4())}
    before = len(events(action))

    first = client.post(url, data=data)
    second = client.post(url, data=data)

    assert first.status_code == second.status_code
    assert len(events(action)) == before + 1


def test_route_refuses_a_form_without_a_valid_op_id(client, workshop, world):
    """A changing form whose op_id is not a random UUID changes nothing."""
    url, fields = _edit(workshop, world)

    client.post(url, data={**fields, "op_id": "1"})

    assert events("workshop.edit") == []
    assert workshop.title != "Renamed"


def test_removal_route_removes_through_apply(client, workshop, world):
    """The participant removal route really removes, recorded as an event."""
    url, fields = _remove(workshop, world)

    client.post(url, data={**fields, "op_id": str(uuid.uuid4())})

    cy = db.session.scalar(sa.select(Participant).filter_by(public_id=world["cy"]))
    assert cy.is_removed
    assert len(events("workshop.remove_participant")) == 1


@pytest.mark.parametrize("path", ["/workshops/{w}/edit"])
def test_changing_form_renders_a_fresh_op_id(client, workshop, facilitator, path):
    """A page with a changing form renders a new random op_id each time."""
    url = path.format(w=workshop.public_id)

    pages = [client.get(url).get_data(as_text=True) for _ in range(2)]

    ids = [_op_id_in(page) for page in pages]
    assert ids[0] != ids[1]
    assert all(uuid.UUID(i).version == 4 for i in ids)


def _op_id_in(page):
    marker = 'name="op_id"'
    tag_start = page.rindex("<input", 0, page.index(marker))
    tag = page[tag_start : page.index(">", tag_start)]
    return tag.split('value="', 1)[1].split('"', 1)[0]


def test_form_without_an_op_id_is_refused(client, workshop, world):
    """A changing form posted with no op_id is refused with a message and
    applied not even once (a server-made id would let a double submit in)."""
    url, fields = _edit(workshop, world)

    first = client.post(url, data=fields)
    client.post(url, data=fields)

    assert first.status_code == 200
    assert b"This form has expired. Reload it." in first.data
    assert events("workshop.edit") == []
