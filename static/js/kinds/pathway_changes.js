// What a person changes on the yellow brick road (pathway.js is `view`):
// each change goes out through the outbox (ctx.send) and shows "Saving…"
// until answered. Edits carry the version edited, so a stale one is refused
// and reopened with what the person typed beside the card's current text.

/** Name the service the road runs through. */
export function nameService(view, road, input) {
  const name = input.value.trim();
  if (!valid(view, input, name)) return;
  road.nameTyped = false;
  view.ctx.send("pathway.name_service", { activity: view.id, name });
}

/** A new card in the lane `part` ({place, road}) from its add field. */
export function add(view, part, input) {
  const text = input.value.trim();
  if (!valid(view, input, text)) return;
  const { lane, step, wall } = part.place;
  const payload = { activity: view.id, lane, text };
  if (step) payload.step = step;
  if (wall) payload.wall = wall;
  // A facilitator's card joins a group's road only next to one of its cards.
  const road = view.roads.get(part.road);
  const last = road && road.road.group && (road.road[lane] || []).at(-1);
  if (view.ctx.role === "facilitator" && last) payload.after = last.id;
  input.value = "";
  const opId = view.ctx.send("pathway.add_card", payload);
  view.adds.set(opId, { payload, road: part.road, done: false });
  view.mine.push(mineKey(lane, text));
  view.refresh();
  input.focus();
}

/** Empty text is not sent: the field says so. */
function valid(view, input, text) {
  input.setCustomValidity(text ? "" : view.t.textEmpty);
  if (!text) input.reportValidity();
  return !!text;
}

/** One place earlier (-1) or later (+1) among its lane's cards, named by
 * the neighbours it goes between; read at the click, as others move too. */
export function move(view, id, delta) {
  const parts = view.cards.get(id);
  if (!parts) return;
  const { siblings, index } = parts;
  const to = index + delta;
  if (to < 0 || to >= siblings.length) return;
  const others = siblings.filter((card) => card.id !== id);
  view.ctx.send("pathway.move_card", {
    activity: view.id,
    card: id,
    after: to > 0 ? others[to - 1].id : "",
    before: to < others.length ? others[to].id : "",
  });
}

export function startEdit(view, id) {
  const parts = view.cards.get(id);
  if (!parts) return;
  const { text, version } = parts.card;
  view.editing.set(id, { text, version, conflict: null, opId: null });
  view.confirming.delete(id);
  view.refresh();
  parts.field.focus();
}

export function saveEdit(view, id) {
  const parts = view.cards.get(id);
  const edit = view.editing.get(id);
  if (!parts || !edit) return;
  const text = parts.field.value.trim();
  if (!valid(view, parts.field, text)) return;
  edit.text = parts.field.value;
  const payload = { activity: view.id, card: id, text, version: edit.version };
  edit.opId = view.ctx.send("pathway.edit_card", payload);
  view.refresh();
}

export function cancelEdit(view, id) {
  view.editing.delete(id);
  view.refresh();
  focusCard(view, id, "edit");
}

/** Deleting asks first: "Delete for good" or "Keep it". */
export function askDelete(view, id) {
  view.confirming.add(id);
  view.refresh();
  focusCard(view, id, "delete-for-good");
}

export function keep(view, id) {
  view.confirming.delete(id);
  view.refresh();
  focusCard(view, id, "delete");
}

export function confirmDelete(view, id) {
  const parts = view.cards.get(id);
  view.confirming.delete(id);
  view.ctx.send("pathway.delete_card", { activity: view.id, card: id });
  // The card is going: carry on from its lane's add field.
  if (parts && !parts.lane.form.hidden) parts.lane.input.focus();
}

function focusCard(view, id, key) {
  const button = view.el.querySelector(`[data-focus="pw:${CSS.escape(id)}:${key}"]`);
  if (button) button.focus();
}

/** A refused change of mine: a stale edit reopens with what the person
 * typed beside the card's current text; a refused add or name goes back
 * into its field (board.js says why). */
export function refused(view, entry, ack) {
  const p = entry.payload;
  if (entry.action === "pathway.edit_card" && ack.error === "stale" && ack.current) {
    view.editing.set(p.card, {
      text: p.text, version: ack.current.version, conflict: ack.current.text, opId: null,
    });
    view.refresh();
    const parts = view.cards.get(p.card);
    if (parts && !parts.editForm.hidden) parts.field.focus();
  } else if (entry.action === "pathway.add_card") {
    const sent = view.adds.get(entry.opId);
    const at = view.mine.indexOf(mineKey(p.lane, p.text));
    if (at >= 0) view.mine.splice(at, 1);
    view.adds.delete(entry.opId);
    view.refresh();
    const input = sent && addInput(view, sent.road, p);
    if (input && !input.value) input.value = p.text;
  } else if (entry.action === "pathway.name_service") {
    for (const road of view.roads.values()) {
      if (!road.nameForm.hidden && !road.nameTyped) road.nameInput.value = p.name;
    }
  }
}

/** The add field of the lane an add was meant for, if it is still there. */
function addInput(view, roadKey, payload) {
  const road = view.roads.get(roadKey);
  if (!road) return null;
  const lanes = [road.steps, road.measures];
  for (const card of view.cards.values()) {
    for (const key of ["resources", "walls", "overcome"]) if (card[key]) lanes.push(card[key]);
  }
  const part = lanes.find((lane) => lane.road === roadKey && samePlace(payload, lane.place));
  return part ? part.input : null;
}

/** My add, known again when it comes back in the state. */
export function mineKey(lane, text) {
  return `${lane}\n${text}`;
}

/** Whether an add's payload is for the lane at `place` ({lane, step, wall}). */
export function samePlace(payload, place) {
  return payload.lane === place.lane
    && (payload.step || null) === (place.step || null)
    && (payload.wall || null) === (place.wall || null);
}
