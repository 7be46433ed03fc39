"""The one write path: every change to a workshop goes through `apply()`.

In order (DESIGN.md, "The one path for every change"): authenticate the actor
from the database, authorize from the permission table, validate the payload,
then one transaction that takes the workshop's `seq` first and each target
stream's counter in a fixed order, writes the state rows and an event row,
commits, broadcasts per audience (sender included) and acknowledges.

Actions register here with `@action(...)`: the activity kinds (app/kinds/)
and the workshop's own actions (app/workshop_actions.py).
"""

import hashlib
import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from app import actors, audiences, payloads, transactions
from app.extensions import db, socketio
from app.models import Activity, Event, Group, Stream, StreamEntry, Workshop
from app.permissions import rule_for
from app.realtime import rooms

ACTIONS = {}


class Refused(Exception):
    """A change is refused: a code for programs, a message for people."""

    def __init__(self, code, message, **details):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details

    def ack(self):
        return {
            "ok": False,
            "error": self.code,
            "message": self.message,
            **self.details,
        }


@dataclass(frozen=True)
class ActionSpec:
    name: str
    form: type
    handler: object
    project: object
    kind: str | None = None  # the activity kind whose action this is


@dataclass
class Outcome:
    """What a handler did: ids for the event row, who may see it, the reply.

    `audiences` maps each stream key that receives the event to whether the
    event changed what that stream may see (a reveal, hide, deletion, move).
    """

    refs: dict
    audiences: dict
    result: dict = field(default_factory=dict)
    # Work with the outside world (closing sockets, moving rooms), run only
    # once the change is committed and broadcast.
    after_commit: list = field(default_factory=list)
    # Rows the projection reads, held until it has run: the session keeps
    # clean rows only weakly, and a row let go would be loaded again for
    # every stream the event is projected for.
    kept: tuple = ()


@dataclass
class Context:
    """What a handler works with: the actor's live rows and the activity."""

    loaded: actors.Loaded
    activity: Activity | None = None

    @property
    def workshop(self):
        return self.loaded.workshop

    def find(self, model, public_id, missing):
        """The workshop's `model` row with this public id; else Refused
        "not_found" saying `missing` (rows of other workshops do not exist)."""
        row = db.session.scalar(
            sa.select(model).filter_by(
                workshop_id=self.workshop.id, public_id=public_id
            )
        )
        if row is None:
            raise Refused("not_found", missing)
        return row

    def group(self, public_id):
        return self.find(Group, public_id, _("That group does not exist here."))

    @property
    def actor(self):
        return self.loaded.actor


def action(name, form, project, kind=None):
    """Register `handler(ctx, data) -> Outcome` as the action `name`."""

    def register(handler):
        ACTIONS[name] = ActionSpec(name, form, handler, project, kind)
        return handler

    return register


def apply(actor, name, payload, op_id):
    """Apply one change for `actor`; the acknowledgement, or Refused."""
    spec, rule = ACTIONS.get(name), rule_for(name)
    if spec is None or rule is None:
        raise Refused("unknown_action", _("That action does not exist."))
    op_id = _checked_op_id(op_id)
    with _writing(actor.workshop_id):
        loaded = _authenticated(actor, rule)
        data = _validated(spec, payload)
        # Only once validated: a payload with non-string keys cannot be digested.
        digest = _digest(name, payload, actor)
        ctx = _authorized(loaded, spec, rule, data)
        replay = _replayed(ctx.workshop, op_id, digest)
        if replay is not None:
            db.session.rollback()  # release SQLite's write lock (BEGIN IMMEDIATE)
            return replay
        seq = _next_seq(ctx.workshop)
        outcome = spec.handler(ctx, data)
        numbered = _number_streams(ctx.workshop, outcome.audiences)
        numbers = {key: number for key, (_id, number) in numbered.items()}
        ack = {"ok": True, "op_id": op_id, "seq": seq, "streams": numbers}
        ack["result"] = outcome.result
        _log_event(ctx, name, op_id, digest, seq, outcome, numbered, ack)
        messages = _project(ctx.workshop, spec, seq, op_id, outcome, numbers)
        if is_control(name):
            _sign_for_facilitators(messages, ctx.loaded)
        workshop_id = ctx.workshop.id
        db.session.commit()
        _broadcast(workshop_id, messages)
    for task in outcome.after_commit:
        task()
    return ack


@contextmanager
def _writing(workshop_id):
    try:
        with transactions.writing(workshop_id):
            yield
    except transactions.Busy:
        raise Refused("busy", _("The server is busy. Trying again…")) from None


def _checked_op_id(op_id):
    """A fresh random UUID (version 4) is the only operation id accepted."""
    try:
        parsed = uuid.UUID(str(op_id))
    except (ValueError, TypeError, AttributeError):
        parsed = None
    # Only the canonical form: a client matches its own events by this string.
    if parsed is None or parsed.version != 4 or str(parsed) != op_id:
        raise Refused("bad_op_id", _("The operation id must be a random UUID."))
    return str(parsed)


def _digest(name, payload, actor):
    # The actor is part of it: op_ids are broadcast, and another person
    # sending one they saw must not be answered with someone else's change.
    who = [actor.kind, actor.participant_id or actor.user_id or actor.share_link_id]
    if actor.proxy_for:
        who.append(actor.proxy_for)
    text = json.dumps([name, payload, who], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _authenticated(actor, rule):
    """The actor re-read from the database, if the table lets its kind act."""
    try:
        loaded = actors.load(actor)
    except actors.NotAllowed as refusal:
        raise Refused("not_allowed", str(refusal)) from None
    if loaded.acting_as not in rule.who:
        raise Refused("not_allowed", _("You cannot do that here."))
    return loaded


def _validated(spec, payload):
    try:
        return payloads.validate(spec.form, payload)
    except payloads.InvalidPayload as invalid:
        raise Refused("invalid", str(invalid), fields=invalid.errors) from None


def _authorized(loaded, spec, rule, data):
    """The context for the handler, once the activity and its phase allow it."""
    ctx = Context(loaded)
    if "activity" in data:
        ctx.activity = _activity(loaded.workshop, data["activity"], spec.kind)
    phase = getattr(ctx.activity, "phase", None)
    if not rule.allows_phase(loaded.acting_as, phase):
        general = _("That is not possible in this phase of the activity.")
        raise Refused(
            "wrong_phase", str(rule.out_of_phase or general), phase=ctx.activity.phase
        )
    return ctx


def _activity(workshop, public_id, kind):
    """The workshop's activity the payload names (of `kind`, if given)."""
    activity = db.session.scalar(
        sa.select(Activity).filter_by(workshop_id=workshop.id, public_id=public_id)
    )
    if activity is None or kind not in (None, activity.kind):
        raise Refused("not_found", _("That activity does not exist here."))
    return activity


def _replayed(workshop, op_id, digest):
    """The original acknowledgement of an operation already applied, if any."""
    event = db.session.execute(
        sa.select(Event.payload_digest, Event.result).filter_by(
            workshop_id=workshop.id, op_id=op_id
        )
    ).first()
    if event is None:
        return None
    if event.payload_digest != digest:
        raise Refused(
            "op_id_reused", _("This operation id was already used for another change.")
        )
    return {**event.result, "replayed": True}


def _next_seq(workshop):
    """Take the workshop's next sequence number: the first write, always."""
    return db.session.execute(
        sa.update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(seq=Workshop.seq + 1)
        .returning(Workshop.seq)
    ).scalar_one()


def _number_streams(workshop, audiences):
    """Take each target stream's next number: {key: (stream id, number)}.

    One UPDATE … RETURNING numbers the streams that exist; a stream's first
    event creates it at 1. No other writer of this workshop can interleave
    (see `transactions.writing`), so a key missing here is not being inserted elsewhere.
    """
    keys = sorted(audiences)
    rows = db.session.execute(
        sa.update(Stream)
        .where(Stream.workshop_id == workshop.id, Stream.key.in_(keys))
        .values(counter=Stream.counter + 1)
        .returning(Stream.key, Stream.id, Stream.counter)
        .execution_options(synchronize_session=False)
    ).all()
    numbered = {key: (stream_id, number) for key, stream_id, number in rows}
    new = [
        Stream(workshop_id=workshop.id, key=key, counter=1)
        for key in keys
        if key not in numbered
    ]
    if new:
        db.session.add_all(new)
        db.session.flush()
        numbered.update((stream.key, (stream.id, 1)) for stream in new)
    return dict(sorted(numbered.items()))


def _log_event(ctx, name, op_id, digest, seq, outcome, numbered, ack):
    """The event row and its place on each stream (Core inserts: the rows are
    never read back in this transaction, so the unit of work is not needed)."""
    actor = ctx.actor
    event_id = db.session.execute(
        sa.insert(Event)
        .values(
            workshop_id=ctx.workshop.id,
            seq=seq,
            op_id=op_id,
            action=name,
            actor_kind=actor.kind,
            actor_id=actor.participant_id or actor.user_id,
            on_behalf_of_id=actor.proxy_for,
            payload_digest=digest,
            refs=outcome.refs,
            result=ack,
        )
        .returning(Event.id)
    ).scalar_one()
    if not numbered:
        return  # a change nobody is shown (an empty list would insert one row)
    db.session.execute(
        sa.insert(StreamEntry),
        [
            {
                "stream_id": stream_id,
                "number": number,
                "event_id": event_id,
                "changes_visibility": outcome.audiences[key],
            }
            for key, (stream_id, number) in numbered.items()
        ],
    )


def event_message(workshop, spec, key, number, seq, op_id, refs):
    """The `event` a stream's readers receive, projected for that stream."""
    return {
        "stream": key,
        "n": number,
        "seq": seq,
        "op_id": op_id,
        "action": spec.name,
        "data": spec.project(workshop, refs, key),
    }


def _project(workshop, spec, seq, op_id, outcome, numbers):
    """Each stream's event, projected inside the write transaction: the rows
    are loaded and current there (the write lock is held, so they are what
    commits), where after the commit every attribute would be read again."""
    return {
        key: event_message(workshop, spec, key, number, seq, op_id, outcome.refs)
        for key, number in numbers.items()
    }


def is_control(name):
    """A facilitators' control (phase, timer, spotlight, agenda, groups): an
    action no participant may take. Only these are signed: a note is content,
    and in an anonymous activity must name nobody, facilitators included."""
    return actors.PARTICIPANT not in rule_for(name).who


def _sign_for_facilitators(messages, loaded):
    """Facilitators see which of them made a control change (co-facilitators'
    controls are last-writer-wins, with the actor shown); nobody else is told."""
    if loaded.user is not None and audiences.FACILITATORS in messages:
        messages[audiences.FACILITATORS]["by"] = loaded.user.name


def _broadcast(workshop_id, messages):
    """Send each stream its event, only once committed, in number order."""
    for key, message in messages.items():
        socketio.emit("event", message, to=rooms.audience(workshop_id, key))
