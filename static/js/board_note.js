// One note of a board, as a list item: its text (textContent only), who wrote
// it, its state, and keyboard buttons for what this person may do with it; a
// note they may move can be dragged too.
import { element, fill, staleNotice } from "./dom.js";
import { themeChooser } from "./board_grouping.js";
import { optionsOf, voteButtons, voteCount } from "./board_voting.js";

/**
 * `boards`: the Boards instance (strings, permissions, actions). `options`:
 * what board.js worked out (mine, voted, pending, first, last, edit, ...).
 */
export function noteElement(boards, activity, note, options) {
  const t = boards.text;
  const item = element("li", "note");
  item.dataset.note = note.id;
  item.dataset.spot = `note:${note.id}`; // the spotlight finds it by this
  if (options.pending || options.placeholder) item.classList.add("pending");
  if (note.hidden) item.classList.add("hidden-note");
  if (note.private) item.classList.add("private-note");
  const textId = `note-text-${note.id}`;
  const body = element("p", "note-text", note.text);
  body.id = textId;
  item.append(body);
  const meta = element("p", "note-meta");
  if (note.author_name) meta.append(element("span", "note-author", t.textBy.replace("NAME", note.author_name)));
  if (note.entered_by) meta.append(element("span", "note-scribe", t.textEnteredBy.replace("NAME", note.entered_by)));
  // The safeguarding lead's way to the reveal page (only their page has the URL).
  if (t.revealUrl && activity.anonymous && !options.placeholder) {
    const reveal = element("a", "reveal-link", t.textReveal);
    reveal.href = t.revealUrl.replace("NOTE", encodeURIComponent(note.id));
    meta.append(reveal);
  }
  if (note.private) meta.append(element("span", "badge", t.textPrivateBadge));
  if (note.hidden) meta.append(element("span", "badge warn", t.textHiddenBadge));
  if (options.pending || options.placeholder) meta.append(element("span", "badge pending-badge", t.textPending));
  const count = voteCount(activity, note);
  if (count !== null) {
    const votes = element("span", "note-votes", t.textVotes.replace("111111", count));
    // Counts only facilitators see until voting closes: "presenting" hides them.
    if (optionsOf(activity).hide_votes && activity.phase === "voting") votes.classList.add("facilitators-only");
    meta.append(votes);
  }
  if (options.dots && options.perNote > 1) {
    meta.append(element("span", "note-dots", fill(boards.groupingText.textYourDots, { 111111: options.dots })));
  }
  item.append(meta);
  if (options.placeholder) return item;
  if (options.edit) {
    item.append(editForm(boards, activity, note, options.edit));
    return item;
  }
  item.append(actions(boards, activity, note, options, textId));
  if (boards.can(activity, "group", note, options)) item.append(themeChooser(boards, activity, note, textId));
  if (boards.can(activity, "move", note, options)) draggable(boards, activity, note, item);
  return item;
}

/** Drag and drop, beside the move buttons: a drop moves the note the same
 * way (Boards.moveTo). Never while it is being edited (returned above). */
function draggable(boards, activity, note, item) {
  item.draggable = true;
  item.addEventListener("dragstart", (event) => boards.drag.start(event, activity, note));
  item.addEventListener("dragend", (event) => boards.drag.end(event));
}

function actions(boards, activity, note, options, textId) {
  const t = boards.text;
  const bar = element("div", "note-actions");
  const add = (key, label, handler, disabled = false, extra = {}) => {
    const button = element("button", `small ${extra.className || ""}`.trim(), label);
    button.type = "button";
    button.dataset.focus = `${note.id}:${key}`;
    button.setAttribute("aria-describedby", textId);
    if (extra.pressed !== undefined) button.setAttribute("aria-pressed", String(extra.pressed));
    if (disabled) button.setAttribute("aria-disabled", "true");
    button.addEventListener("click", () => {
      if (!disabled) handler();
    });
    bar.append(button);
  };
  if (boards.can(activity, "vote", note, options)) voteButtons(boards, activity, note, options.dots, add);
  if (boards.can(activity, "edit", note, options)) add("edit", t.textEdit, () => boards.startEdit(note));
  if (boards.can(activity, "move", note, options)) {
    const go = (direction) => () => boards.move(activity.id, note.id, direction);
    add("left", t.textLeft, go("left"), options.columnIndex <= 0);
    add("right", t.textRight, go("right"), options.columnIndex >= options.columnCount - 1);
    add("up", t.textUp, go("up"), options.first);
    add("down", t.textDown, go("down"), options.last);
  }
  if (boards.can(activity, "hide", note, options)) {
    const action = note.hidden ? "board.unhide_note" : "board.hide_note";
    add("hide", note.hidden ? t.textUnhide : t.textHide,
      () => boards.send(action, { activity: activity.id, note: note.id }));
  }
  if (boards.can(activity, "delete", note, options)) {
    add("delete", t.textDelete,
      () => boards.send("board.delete_note", { activity: activity.id, note: note.id }),
      false, { className: "danger" });
  }
  return bar;
}

/** Editing a note; after a refused stale edit, the current text is shown
 * above and what the person typed stays in the box. */
function editForm(boards, activity, note, edit) {
  const t = boards.text;
  const form = element("form", "edit-note");
  if (edit.conflict !== null && edit.conflict !== undefined) form.append(staleNotice(t, edit.conflict));
  const id = `edit-${note.id}`;
  const label = element("label", "", t.textEditLabel);
  label.htmlFor = id;
  const field = element("textarea");
  Object.assign(field, { id, rows: 3, maxLength: 500, value: edit.text });
  field.dataset.focus = `edit:${note.id}`;
  field.addEventListener("input", () => {
    edit.text = field.value;
  });
  const save = element("button", "small", t.textSave);
  save.type = "submit";
  save.dataset.focus = `${note.id}:save`;
  const cancel = element("button", "small secondary", t.textCancel);
  cancel.type = "button";
  cancel.addEventListener("click", () => boards.cancelEdit(note));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    boards.saveEdit(activity, note, field.value);
    boards.render();
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Escape") boards.cancelEdit(note);
  });
  form.append(label, field, save, cancel);
  return form;
}
