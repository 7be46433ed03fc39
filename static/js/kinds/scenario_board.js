// One topic of the scenario (static/js/kinds/scenario.js): its question and
// scenario, quoted from the source; whom it is given to (the facilitator
// changes that here); and its board, a column per column switched on, with
// its notes (each with its group and author), a form to add one for those who
// may write on it, and buttons to edit, move and delete. Notes are cached by
// what they show, so a note nobody changed keeps its element (and its focus).
import { element, fill, reorder, staleNotice } from "../dom.js";

export const SHARED = ["feedback", "closed"];
const ALLOCATING = ["not_started", "discuss", "feedback"];
const REMOVING = ["discuss", "feedback"];
const NOTE_MAX = 500;

/** Words for a marked method string, inside <q> when quoted from the source. */
export function marked(ctx, mark, tag = "span", className = "") {
  const node = element(tag, className);
  if (mark && typeof mark === "object" && mark.quote != null) {
    const q = element("q", "quoted", mark.quote);
    q.lang = "en";
    node.append(q);
  } else {
    node.textContent = ctx.markText(mark);
  }
  return node;
}

/** A paragraph of method text: a quote as a <blockquote>. */
export function paragraph(ctx, mark) {
  if (mark && typeof mark === "object" && mark.quote != null) {
    const quote = element("blockquote", "quoted");
    quote.lang = "en";
    quote.append(element("p", "", mark.quote));
    return quote;
  }
  return element("p", "", ctx.markText(mark));
}

/** A topic's short name: its heading up to the colon or dash. */
export function shortName(ctx, heading) {
  const text = ctx.markText(heading);
  const cut = text.search(/[:–—]| - /);
  return (cut > 0 ? text.slice(0, cut) : text).trim();
}

export class TopicBoard {
  /** `view`: the ScenarioView (its state, strings and sending); `topic`:
   * the method's topic {key, heading, scenario}. */
  constructor(view, topic) {
    this.view = view;
    this.ctx = view.ctx;
    this.t = view.t;
    this.topic = topic;
    this.key = topic.key;
    this.name = shortName(this.ctx, topic.heading);
    this.columns = new Map(); // column key -> its parts
    this.noteCache = new Map(); // "note:<id>" or "add:<op_id>" -> {sig, el}
    this.editing = new Map(); // note id -> {text, version, conflict, opId}
    this.adds = new Map(); // op_id -> payload: our notes on their way
    this.build();
  }

  build() {
    const t = this.t;
    const el = element("section", "scenario-topic");
    el.dataset.topic = this.key;
    el.dataset.spot = `topic:${this.key}`; // the facilitator may spotlight it
    const heading = marked(this.ctx, this.topic.heading, "h4", "topic-heading");
    this.headingId = `topic-${this.view.id}-${this.key}`;
    heading.id = this.headingId;
    el.setAttribute("aria-labelledby", this.headingId);
    this.badge = element("p", "on-screen-badge", t.textOnScreen);
    const scenario = element("div", "topic-scenario");
    scenario.append(element("p", "topic-scenario-label", t.textScenario), paragraph(this.ctx, this.topic.scenario));
    this.given = element("p", "topic-groups");
    el.append(heading, this.badge, scenario, this.given);
    if (this.ctx.role === "facilitator") el.append(this.allocateControl(), this.showButton());
    this.hint = element("p", "topic-hint", t.textHiddenUntilFeedback);
    this.board = element("div", "board-columns topic-columns");
    el.append(this.hint, this.board);
    this.el = el;
  }

  /** The facilitator gives the topic to groups: a checkbox per group; each
   * change sends the whole set. */
  allocateControl() {
    const fieldset = element("fieldset", "topic-allocate");
    const legend = element("legend", "", this.t.textAllocate);
    legend.append(element("span", "visually-hidden", `: ${this.name}`));
    this.choices = element("div", "check-choices");
    this.noGroups = element("p", "hint", this.t.textNoGroups);
    fieldset.append(legend, this.choices, this.noGroups);
    this.allocate = fieldset;
    return fieldset;
  }

  showButton() {
    this.show = element("button", "small show-topic", this.t.textShowTopic);
    this.show.type = "button";
    this.show.dataset.focus = `show:${this.view.id}:${this.key}`;
    this.show.setAttribute("aria-describedby", this.headingId);
    this.show.addEventListener("click", () => this.view.showTopic(this.key));
    return this.show;
  }

  // -- updated on every change --------------------------------------------

  update() {
    const view = this.view;
    const { allocation, plenary } = view.state;
    const phase = view.activity.phase;
    const role = this.ctx.role;
    const given = allocation[this.key] || [];
    const notes = view.topicNotes(this.key);
    const t = this.t;
    this.given.textContent = given.length
      ? fill(t.textGivenTo, { TEXT: given.map((g) => g.name).join(", ") }) : t.textNotGiven;
    const onScreen = plenary === this.key && SHARED.includes(phase);
    this.el.classList.toggle("on-screen", onScreen);
    this.badge.hidden = !onScreen;
    if (this.allocate) this.updateAllocation(phase, given);
    if (this.show) {
      this.show.hidden = phase !== "feedback";
      this.show.setAttribute("aria-pressed", String(plenary === this.key));
    }
    const ours = role === "participant" && !!view.group && given.some((g) => g.id === view.group.id);
    this.el.classList.toggle("yours", ours);
    // Before the feedback, another group's notes are theirs alone.
    const unseen = role === "participant" && !ours && !SHARED.includes(phase);
    this.hint.hidden = !(unseen && given.length);
    this.board.hidden = unseen || (given.length === 0 && notes.length === 0);
    this.canWrite = phase === "discuss" && (role === "facilitator" || ours);
    this.settle();
    const columns = view.state.columns;
    reorder(this.board, columns.map((column, index) => this.drawColumn(column, index, notes, phase)));
    if (this.refocus && !this.el.contains(document.activeElement)) this.focus(this.refocus);
    this.refocus = null;
  }

  /** Forget our adds and edits the server has settled. */
  settle() {
    const pending = (opId) => this.ctx.pending((entry) => entry.opId === opId);
    for (const opId of [...this.adds.keys()]) if (!pending(opId)) this.adds.delete(opId);
    for (const [id, edit] of this.editing) {
      if (!edit.opId || pending(edit.opId)) continue;
      this.editing.delete(id);
      // Saved: once the note is drawn again, back to its Edit button.
      if (this.el.contains(document.activeElement)) this.refocus = `${id}:edit`;
    }
  }

  updateAllocation(phase, given) {
    this.allocate.hidden = !ALLOCATING.includes(phase);
    const groups = this.view.groups();
    const sig = JSON.stringify(groups);
    if (this.choices.dataset.sig !== sig) {
      this.choices.dataset.sig = sig;
      this.choices.replaceChildren(...groups.map((group) => this.groupChoice(group)));
    }
    this.noGroups.hidden = groups.length > 0;
    const pending = this.ctx.pending((e) => e.action === "scenario.allocate"
      && e.payload.activity === this.view.id && e.payload.topic === this.key);
    if (pending) return;
    const ids = new Set(given.map((g) => g.id));
    for (const box of this.choices.querySelectorAll("input")) box.checked = ids.has(box.value);
  }

  groupChoice(group) {
    const box = element("input");
    const id = `give-${this.view.id}-${this.key}-${group.id}`;
    Object.assign(box, { type: "checkbox", id, value: group.id });
    box.dataset.focus = id;
    const label = element("label", "", group.name);
    label.htmlFor = id;
    box.addEventListener("change", () => {
      const ids = [...this.choices.querySelectorAll("input:checked")].map((b) => b.value);
      this.ctx.send("scenario.allocate", { activity: this.view.id, topic: this.key, groups: ids.join(",") });
    });
    const choice = element("div", "check-choice");
    choice.append(box, label);
    return choice;
  }

  drawColumn(column, index, notes, phase) {
    let col = this.columns.get(column.key);
    if (!col) {
      col = this.newColumn(column);
      this.columns.set(column.key, col);
    }
    col.heading.textContent = this.ctx.markText(column.title);
    col.form.hidden = !this.canWrite;
    const inColumn = this.columnNotes(column.key, notes, phase);
    const place = { index, count: this.view.state.columns.length };
    const items = inColumn.map((note, at) => this.noteItem(note, inColumn, at, place, phase));
    for (const [opId, payload] of this.adds) {
      if (payload.column !== column.key) continue;
      items.push(this.cached(`add:${opId}`, payload, () => this.placeholder(payload)));
    }
    reorder(col.list, items);
    col.empty.hidden = items.length > 0;
    return col.el;
  }

  /** A column's notes as shown: in their order while groups discuss; at the
   * feedback, each group's together, the groups given the topic first. */
  columnNotes(columnKey, notes, phase) {
    const inColumn = notes.filter((note) => note.column === columnKey);
    if (!SHARED.includes(phase)) return inColumn;
    const order = (this.view.state.allocation[this.key] || []).map((g) => g.id);
    const rank = (note) => {
      const at = note.group ? order.indexOf(note.group.id) : -1;
      return at >= 0 ? at : note.group ? order.length : order.length + 1;
    };
    return inColumn.map((note, at) => ({ note, at }))
      .sort((a, b) => rank(a.note) - rank(b.note) || a.at - b.at)
      .map(({ note }) => note);
  }

  newColumn(column) {
    const el = element("div", "board-column");
    el.dataset.column = column.key;
    const heading = element("h5", "column-title");
    // No landmark per column (a facilitator's page would have dozens): the
    // column's heading sits under its topic's.
    const list = element("ul", "notes");
    const empty = element("p", "notes-empty", this.t.textNoNotes);
    // The projector only shows: no form to add notes at all.
    const form = this.ctx.role === "projector" ? element("div") : this.addForm(column);
    el.append(heading, list, empty, form);
    return { el, heading, list, empty, form };
  }

  addForm(column) {
    const t = this.t;
    const form = element("form", "add-note");
    const id = `add-${this.view.id}-${this.key}-${column.key}`;
    const label = element("label", "", fill(t.textNoteLabel, { COLUMN: this.ctx.markText(column.title) }));
    label.append(element("span", "visually-hidden", ` (${this.name})`));
    label.htmlFor = id;
    const field = element("textarea");
    Object.assign(field, { id, name: "text", rows: 2, maxLength: NOTE_MAX, required: true });
    field.dataset.focus = `add:${this.view.id}:${this.key}:${column.key}`;
    field.addEventListener("input", () => field.setCustomValidity(""));
    const button = element("button", "", t.textAdd);
    button.type = "submit";
    form.append(label, field, button);
    const submit = (event) => {
      event.preventDefault();
      const text = field.value.trim();
      if (!text) {
        field.setCustomValidity(t.textEmpty);
        field.reportValidity();
        return;
      }
      const payload = { activity: this.view.id, topic: this.key, column: column.key, text };
      this.adds.set(this.ctx.send("scenario.add_note", payload), payload);
      field.value = "";
      field.focus();
      this.view.redraw();
    };
    form.addEventListener("submit", submit);
    // Ctrl+Enter (or Cmd+Enter) adds the note from the text box.
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
    });
    return form;
  }

  // -- notes ------------------------------------------------------------------

  noteItem(note, inColumn, at, place, phase) {
    const id = this.view.id;
    const flags = {
      pending: this.ctx.pending((e) => e.payload.activity === id && e.payload.note === note.id),
      mine: this.view.isMine(note),
      first: at === 0,
      last: at === inColumn.length - 1,
      place,
      phase,
    };
    const edit = this.editing.get(note.id);
    // The typed text is left out: typing must not rebuild the box being typed in.
    const sig = [note, flags, edit && { version: edit.version, conflict: edit.conflict, saving: !!edit.opId }];
    return this.cached(`note:${note.id}`, sig, () => this.noteElement(note, flags, edit));
  }

  cached(key, sig, build) {
    const text = JSON.stringify(sig);
    const have = this.noteCache.get(key);
    if (have && have.sig === text) return have.el;
    const el = build();
    this.noteCache.set(key, { sig: text, el });
    return el;
  }

  noteElement(note, flags, edit) {
    const item = element("li", "note scenario-note");
    item.dataset.note = note.id;
    item.dataset.spot = `note:${note.id}`;
    if (flags.pending) item.classList.add("pending");
    const textId = `note-text-${note.id}`;
    const body = element("p", "note-text", note.text);
    body.id = textId;
    item.append(body, this.meta(note, flags.pending));
    if (edit) item.append(this.editForm(note, edit));
    else item.append(this.actions(note, flags, textId));
    return item;
  }

  meta(note, pending) {
    const t = this.t;
    const meta = element("p", "note-meta");
    meta.append(element("span", "badge note-group", note.group ? note.group.name : t.textFacilitators));
    if (note.author_name) meta.append(element("span", "note-author", fill(t.textBy, { NAME: note.author_name })));
    if (pending) meta.append(element("span", "badge pending-badge", t.textSaving));
    return meta;
  }

  placeholder(payload) {
    const item = element("li", "note scenario-note pending");
    item.append(element("p", "note-text", payload.text), this.meta({ group: this.view.group }, true));
    return item;
  }

  can(what, note, flags) {
    const role = this.ctx.role;
    if (role === "projector") return false;
    if (what === "edit") return flags.phase === "discuss" && flags.mine;
    if (what === "move") return flags.phase === "discuss";
    return REMOVING.includes(flags.phase) && (flags.mine || role === "facilitator");
  }

  actions(note, flags, textId) {
    const t = this.t;
    const bar = element("div", "note-actions");
    const add = (key, label, handler, disabled = false, className = "small") => {
      const button = element("button", className, label);
      button.type = "button";
      button.dataset.focus = `${note.id}:${key}`;
      button.setAttribute("aria-describedby", textId);
      if (disabled) button.setAttribute("aria-disabled", "true");
      button.addEventListener("click", () => {
        if (!disabled) handler();
      });
      bar.append(button);
    };
    if (this.can("edit", note, flags)) add("edit", t.textEdit, () => this.startEdit(note));
    if (this.can("move", note, flags)) {
      const go = (direction) => () => this.move(note.id, direction);
      add("left", t.textLeft, go("left"), flags.place.index <= 0);
      add("right", t.textRight, go("right"), flags.place.index >= flags.place.count - 1);
      add("up", t.textUp, go("up"), flags.first);
      add("down", t.textDown, go("down"), flags.last);
    }
    if (this.can("delete", note, flags)) {
      add("delete", t.textDelete, () => this.ctx.send("scenario.delete_note",
        { activity: this.view.id, note: note.id }), false, "small danger");
    }
    return bar;
  }

  /** A move button: one place up or down, or to the end of the next column.
   * Read from the current state: others may have moved notes meanwhile. */
  move(noteId, direction) {
    const state = this.view.state;
    const note = state.notes.find((n) => n.id === noteId);
    if (!note) return;
    const notes = this.view.topicNotes(this.key);
    if (direction === "up" || direction === "down") {
      const inColumn = notes.filter((n) => n.column === note.column);
      const at = inColumn.findIndex((n) => n.id === noteId) + (direction === "up" ? -1 : 1);
      this.moveTo(note, note.column, at, notes);
      return;
    }
    const keys = state.columns.map((c) => c.key);
    const to = keys[keys.indexOf(note.column) + (direction === "left" ? -1 : 1)];
    if (to) this.moveTo(note, to, null, notes);
  }

  /** Send `note` to `column`, at place `at` among its other notes (null: the
   * end), named by its neighbours there. */
  moveTo(note, column, at, notes) {
    const inColumn = notes.filter((n) => n.column === column);
    const others = inColumn.filter((n) => n.id !== note.id);
    const place = at === null ? others.length : at;
    if (place < 0 || place > others.length || inColumn.indexOf(note) === place) return;
    this.ctx.send("scenario.move_note", {
      activity: this.view.id,
      note: note.id,
      column,
      after: place > 0 ? others[place - 1].id : "",
      before: place < others.length ? others[place].id : "",
    });
  }

  // -- editing ------------------------------------------------------------------

  startEdit(note) {
    this.editing.set(note.id, { text: note.text, version: note.version, conflict: null, opId: null });
    this.view.redraw();
    this.focus(`edit:${note.id}`);
  }

  cancelEdit(note) {
    this.editing.delete(note.id);
    this.view.redraw();
    this.focus(`${note.id}:edit`);
  }

  saveEdit(note, field) {
    const edit = this.editing.get(note.id);
    const text = field.value.trim();
    if (!edit) return;
    if (!text) {
      field.setCustomValidity(this.t.textEmpty);
      field.reportValidity();
      return;
    }
    edit.text = field.value;
    edit.opId = this.ctx.send("scenario.edit_note",
      { activity: this.view.id, note: note.id, text, version: edit.version });
    this.view.redraw();
  }

  focus(key) {
    const target = this.el.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (target) target.focus();
  }

  /** Editing a note; after a refused stale edit, the current text is shown
   * above and what the person typed stays in the box. */
  editForm(note, edit) {
    const t = this.t;
    const form = element("form", "edit-note");
    if (edit.conflict != null) form.append(staleNotice(t, edit.conflict));
    const id = `edit-${note.id}`;
    const label = element("label", "", t.textEditLabel);
    label.htmlFor = id;
    const field = element("textarea");
    Object.assign(field, { id, rows: 3, maxLength: NOTE_MAX, value: edit.text });
    field.dataset.focus = `edit:${note.id}`;
    field.addEventListener("input", () => {
      edit.text = field.value;
      field.setCustomValidity("");
    });
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.cancelEdit(note);
    });
    const save = element("button", "small", t.textSave);
    save.type = "submit";
    save.dataset.focus = `${note.id}:save`;
    const cancel = element("button", "small secondary", t.textCancel);
    cancel.type = "button";
    cancel.addEventListener("click", () => this.cancelEdit(note));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveEdit(note, field);
    });
    form.append(label, field, save, cancel);
    return form;
  }

  /** The server refused one of our changes: a stale edit keeps what was
   * typed beside the note's current text; a refused note goes back in its
   * box. Returns what to focus once redrawn, if it was ours. */
  refused(entry, ack) {
    const p = entry.payload;
    if (entry.action === "scenario.edit_note" && this.view.topicNotes(this.key).some((n) => n.id === p.note)) {
      const stale = ack.error === "stale" && ack.current;
      this.editing.set(p.note, {
        text: p.text,
        version: stale ? ack.current.version : p.version,
        conflict: stale ? ack.current.text : null,
        opId: null,
      });
      return `edit:${p.note}`;
    }
    if (entry.action === "scenario.add_note" && p.topic === this.key) {
      const col = this.columns.get(p.column);
      const field = col && col.form.querySelector("textarea");
      if (field && !field.value) field.value = p.text;
      return `add:${this.view.id}:${this.key}:${p.column}`;
    }
    return null;
  }
}
