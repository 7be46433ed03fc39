// The yellow brick road's elements, built once each (pathway.js updates
// them in place): a road (its title, the service's name, the steps as an
// ordered list and the measures), a lane (heading, cards, add form) and a
// card (its text, "Saving…", keyboard buttons to edit, move and delete it,
// delete asking again, its edit form, and the lanes that hang off it: a
// step's resources and walls, a wall's ways over it). User text only ever
// goes in through textContent or values.
import { element, staleNotice } from "../dom.js";
import {
  add, askDelete, cancelEdit, confirmDelete, keep, move, nameService, saveEdit, startEdit,
} from "./pathway_changes.js";

export function buildRoad(view, key) {
  const section = element("section", "pathway-road");
  const heading = element("h3", "road-title");
  heading.id = `road-${view.id}-${key}`;
  section.setAttribute("aria-labelledby", heading.id);
  const group = element("span", "road-group");
  const service = element("span", "road-service");
  heading.append(group, " ", service);
  const parts = { section, group, service, key };
  Object.assign(parts, nameForm(view, parts));
  parts.steps = buildLane(view, key, { lane: "steps" }, "h4");
  parts.measures = buildLane(view, key, { lane: "measures" }, "h4");
  section.append(heading, parts.nameForm, parts.steps.el, parts.measures.el);
  return parts;
}

function nameForm(view, road) {
  const form = element("form", "pathway-name");
  const id = `service-${view.id}-${road.key}`;
  const label = element("label", "", view.prompt);
  label.htmlFor = id;
  const input = element("input");
  Object.assign(input, { type: "text", id, maxLength: 200, autocomplete: "off" });
  input.dataset.focus = id;
  const button = element("button", "small", view.t.textSaveService);
  button.type = "submit";
  button.dataset.focus = `${id}:save`;
  const status = element("span", "card-status");
  form.append(label, input, button, status);
  input.addEventListener("input", () => {
    road.nameTyped = true;
    input.setCustomValidity("");
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    nameService(view, road, input);
  });
  return { nameForm: form, nameInput: input, nameStatus: status };
}

/** A lane's heading, its cards (the steps as an ordered list: the road),
 * and the form to add one. `place`: {lane, step, wall}. */
export function buildLane(view, road, place, level) {
  const lane = view.lanes[place.lane];
  const where = [view.id, road, place.lane, place.step, place.wall].filter(Boolean).join("-");
  const el = element("div", `pathway-lane lane-${place.lane}`);
  const heading = element(level, "lane-title", view.ctx.markText(lane.label));
  heading.id = `lane-${where}`;
  el.append(heading);
  if (level === "h4" && lane.help) el.append(helpText(view.ctx.markText(lane.help), lane.help));
  const steps = place.lane === "steps";
  const list = element(steps ? "ol" : "ul", steps ? "road-steps" : "lane-cards");
  list.setAttribute("aria-labelledby", heading.id);
  const empty = element("p", "lane-empty", steps ? view.t.textNoSteps : view.t.textNoneYet);
  const part = { el, list, empty, place, road };
  Object.assign(part, addForm(view, part, `add-${where}`));
  el.append(list, empty, part.form);
  return part;
}

function addForm(view, part, id) {
  const t = view.t;
  const name = part.place.lane[0].toUpperCase() + part.place.lane.slice(1);
  const form = element("form", "pathway-add");
  const inputId = `${id}-text`;
  const label = element("label", "", t[`textAdd${name}`]);
  label.htmlFor = inputId;
  const input = element("input");
  Object.assign(input, { type: "text", id: inputId, maxLength: 500, autocomplete: "off" });
  input.dataset.focus = inputId;
  // Which step or wall this adds to, for a screen reader.
  const on = part.place.wall || part.place.step;
  if (on) input.setAttribute("aria-describedby", `pw-text-${on}`);
  input.addEventListener("input", () => input.setCustomValidity(""));
  const button = element("button", "small", t[`textAdd${name}Button`]);
  button.type = "submit";
  button.dataset.focus = `${inputId}:add`;
  form.append(label, input, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    add(view, part, input);
  });
  return { form, input };
}

/** A lane's help from the method: its source's own words are quoted. */
function helpText(text, mark) {
  const help = element("p", "lane-help");
  help.append(mark && mark.quote != null ? element("q", "", text) : text);
  return help;
}

/** `part`: the lane the card is in ({place, road}). */
export function buildCard(view, card, part) {
  const t = view.t;
  const { lane } = part.place;
  const id = card.id;
  const li = element("li", `pathway-card card-${lane}`);
  li.dataset.card = id;
  li.dataset.spot = `card:${id}`; // the facilitator may spotlight it
  const textId = `pw-text-${id}`;
  const parts = { li, text: element("p", "card-text"), status: element("p", "card-status") };
  parts.text.id = textId;
  if (lane === "steps") {
    parts.number = element("p", "step-number");
    li.append(parts.number);
  }
  li.append(parts.text, parts.status);
  const button = (key, label, handler, className = "") => {
    const node = element("button", `small ${className}`.trim(), label);
    node.type = "button";
    node.dataset.focus = `pw:${id}:${key}`;
    node.setAttribute("aria-describedby", textId);
    node.addEventListener("click", () => {
      if (node.getAttribute("aria-disabled") !== "true") handler();
    });
    return node;
  };
  const steps = lane === "steps";
  parts.actions = element("div", "card-actions");
  parts.edit = button("edit", t.textEdit, () => startEdit(view, id));
  parts.earlier = button("earlier", steps ? t.textEarlier : t.textUp, () => move(view, id, -1));
  parts.later = button("later", steps ? t.textLater : t.textDown, () => move(view, id, 1));
  const remove = button("delete", t.textDelete, () => askDelete(view, id), "danger");
  parts.actions.append(parts.edit, parts.earlier, parts.later, remove);
  parts.confirm = confirmBox(view, id, lane, button, textId);
  Object.assign(parts, editForm(view, id));
  li.append(parts.actions, parts.confirm, parts.editForm);
  if (steps) {
    parts.resources = buildLane(view, part.road, { lane: "resources", step: id }, "h5");
    parts.walls = buildLane(view, part.road, { lane: "walls", step: id }, "h5");
    const hanging = element("div", "step-lanes");
    hanging.append(parts.resources.el, parts.walls.el);
    li.append(hanging);
  } else if (lane === "walls") {
    const place = { lane: "overcome", step: part.place.step, wall: id };
    parts.overcome = buildLane(view, part.road, place, "h6");
    li.append(parts.overcome.el);
  }
  return parts;
}

/** Deleting asks again; a step or wall says what goes with it. */
function confirmBox(view, id, lane, button, textId) {
  const t = view.t;
  const box = element("div", "card-confirm");
  box.hidden = true;
  const ask = { steps: t.textConfirmStep, walls: t.textConfirmWall }[lane] || t.textConfirm;
  const question = element("p", "", ask);
  question.id = `pw-confirm-${id}`;
  const yes = button("delete-for-good", t.textDeleteForGood, () => confirmDelete(view, id), "danger");
  const no = button("keep", t.textKeep, () => keep(view, id));
  for (const node of [yes, no]) node.setAttribute("aria-describedby", `${question.id} ${textId}`);
  box.append(question, yes, no);
  return box;
}

function editForm(view, id) {
  const t = view.t;
  const form = element("form", "card-edit");
  form.hidden = true;
  const conflict = staleNotice(t);
  conflict.hidden = true;
  const current = conflict.querySelector(".conflict-current");
  const fieldId = `pw-edit-${id}`;
  const label = element("label", "", t.textEditLabel);
  label.htmlFor = fieldId;
  const field = element("textarea");
  Object.assign(field, { id: fieldId, rows: 3, maxLength: 500 });
  field.dataset.focus = fieldId;
  field.addEventListener("input", () => {
    field.setCustomValidity("");
    const edit = view.editing.get(id);
    if (edit) edit.text = field.value;
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancelEdit(view, id);
    // Ctrl+Enter (or Cmd+Enter) saves from the text box.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveEdit(view, id);
    }
  });
  const save = element("button", "small", t.textSave);
  save.type = "submit";
  save.dataset.focus = `pw:${id}:save`;
  const cancel = element("button", "small secondary", t.textCancel);
  cancel.type = "button";
  cancel.dataset.focus = `pw:${id}:cancel`;
  cancel.addEventListener("click", () => cancelEdit(view, id));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveEdit(view, id);
  });
  const buttons = element("div", "card-actions");
  buttons.append(save, cancel);
  form.append(conflict, label, field, buttons);
  return { editForm: form, field, conflictText: current, conflict };
}

/** Show or close a card's edit form for `edit` (null: not editing). The
 * box is filled only as it opens, so typing is never overwritten. */
export function updateEdit(parts, edit) {
  const open = !parts.editForm.hidden;
  if (!edit) {
    if (!open) return;
    const focused = parts.editForm.contains(document.activeElement);
    parts.editForm.hidden = true;
    if (focused) parts.edit.focus();
    return;
  }
  if (!open) parts.field.value = edit.text;
  parts.editForm.hidden = false;
  parts.field.readOnly = !!edit.opId;
  parts.conflict.hidden = edit.conflict === null || edit.conflict === undefined;
  parts.conflictText.textContent = edit.conflict || "";
}

/** My new card, shown until the server has it. */
export function buildPlaceholder(view, payload) {
  const li = element("li", `pathway-card card-${payload.lane} pending`);
  li.append(
    element("p", "card-text", payload.text),
    element("p", "card-status", view.t.textSaving),
  );
  return li;
}
