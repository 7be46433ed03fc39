// The workshop's activities, live: each with its title, phase, method and
// the facilitator's phase buttons; a board's columns and notes are drawn
// here, every other kind by its own module in kinds/ (KIND_VIEWS). State
// comes from streams.js (per-stream order and resync), changes go out
// through outbox.js (pending until acknowledged, retried with the same
// op_id). User text is only ever set with textContent.
import { element, fill, hidden, reorder, restoreFocus } from "./dom.js";
import { newOpId } from "./live.js";
import { Outbox } from "./outbox.js";
import { Streams } from "./streams.js";
import { loadCharts } from "./results.js";
import { markText } from "./texts.js";
import { columnNotes, NoteDrag } from "./board_drag.js";
import { noteElement } from "./board_note.js";
import { BoardPanels } from "./board_panels.js";
import { canGroup, themeAnnouncement, themesFor } from "./board_grouping.js";
import { optionsOf } from "./board_voting.js";
import { KIND_VIEWS } from "./kinds/index.js";

const WRITING = ["writing"];
const OPEN = ["writing", "discussion"];

/**
 * Mount the boards in `root` (an element whose data-* attributes carry the
 * interface strings) on a connected `socket`. `role`: "projector" (read
 * only), "participant" or
 * "facilitator".
 */
export function mountBoards(root, socket, role, preview = null) {
  const board = new Boards(root, socket, role);
  board.preview = preview; // an activity id: show only it, and send nothing
  board.render();
  return board;
}

class Boards {
  constructor(root, socket, role) {
    this.root = root;
    this.text = root.dataset;
    // Themes, dots, results and settings (board_panels.js and its modules).
    const grouping = root.querySelector(".board-grouping-texts");
    this.groupingText = grouping ? grouping.dataset : {};
    // Per kind: [key, label] pairs in the kind's order, so the phase buttons
    // follow the workshop's flow; and each kind's own strings.
    this.kindTexts = { board: root.dataset };
    for (const node of root.querySelectorAll(".kind-texts")) {
      this.kindTexts[node.dataset.kind] = node.dataset;
    }
    this.phaseOrder = Object.fromEntries(Object.entries(this.kindTexts)
      .map(([kind, texts]) => [kind, JSON.parse(texts.phases || "[]")]));
    this.roleLabels = JSON.parse(root.dataset.roles || "{}");
    this.role = role;
    this.sections = new Map(); // activity id -> {section, columns: Map}
    this.noteCache = new Map(); // key -> {sig, el}
    this.editing = new Map(); // note id -> {text, version, conflict, opId}
    this.drag = new NoteDrag(this);
    this.announcer = root.querySelector(".board-announcer");
    this.message = root.querySelector(".board-message");
    this.list = root.querySelector(".boards");
    this.outbox = new Outbox(socket, {
      onChange: () => this.outboxChanged(),
      onRefused: (entry, ack) => this.refused(entry, ack),
    });
    this.streams = new Streams(socket, (event) => this.changed(event));
    this.listeners = []; // (state) => void, after each render: other panels
  }

  changed(event) {
    if (event) {
      if (this.outbox.mine(event.op_id)) this.outbox.seen(event.op_id);
      else this.announce(event);
      // Mine too: a note I grouped moves away from where I was.
      const theme = themeAnnouncement(this, event);
      if (theme) this.announcer.textContent = theme;
    }
    this.render();
  }

  outboxChanged() {
    for (const [id, edit] of this.editing) {
      if (edit.opId && !this.outbox.pending.has(edit.opId)) this.editing.delete(id);
    }
    this.render();
  }

  /** Say what the server refused, and keep a stale edit's typed text. */
  refused(entry, ack) {
    const note = entry.payload.note;
    if (entry.action === "board.edit_note" && ack.error === "stale" && ack.current) {
      this.editing.set(note, {
        text: entry.payload.text,
        version: ack.current.version,
        conflict: ack.current.text,
        opId: null,
      });
    } else if (entry.action === "board.add_note") {
      this.restoreDraft(entry.payload);
    }
    this.sections.get(entry.payload.activity)?.view?.refused?.(entry, ack);
    this.message.textContent = ack.message || this.text.textFailed;
  }

  restoreDraft(payload) {
    const field = this.root.querySelector(
      `textarea[data-focus="add:${payload.activity}:${payload.column}"]`,
    );
    if (field && !field.value) field.value = payload.text;
  }

  send(action, payload) {
    if (this.preview) {
      this.message.textContent = this.text.textPreviewOnly;
      return null;
    }
    this.message.textContent = "";
    return this.outbox.send(action, payload);
  }

  announce(event) {
    const data = event.data || {};
    const say = (key, text = "") => {
      this.announcer.textContent = (this.text[key] || "").replace("TEXT", text);
    };
    const note = data.note;
    if (event.action === "board.add_note" && note) say("textAnnounceAdded", note.text);
    else if (event.action === "board.edit_note" && note) say("textAnnounceEdited", note.text);
    else if (event.action === "board.move_note" && note) say("textAnnounceMoved", note.text);
    else if (event.action === "board.delete_note") say("textAnnounceRemoved");
    else if (event.action === "board.hide_note") say("textAnnounceRemoved");
    else if (event.action === "activity.set_phase" && data.activity) {
      say("textAnnouncePhase", `${data.activity.title}: ${this.phaseName(data.activity)}`);
    } else if (event.action === "workshop.add_activity" && data.activity) {
      say("textAnnounceActivity", data.activity.title);
    }
  }

  phaseName(activity, phase = activity.phase) {
    const names = Object.fromEntries(this.phaseOrder[activity.kind] || []);
    return names[phase] || phase;
  }

  // -- rendering --------------------------------------------------------

  render() {
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focus : null;
    const state = this.streams.state();
    this.state = state;
    // Participants and the projector follow the activity the facilitator
    // started; with none started they see the whole agenda.
    const follow = this.preview || (this.role !== "facilitator" && state.current);
    const shown = state.activities.filter((a) => !follow || a.id === follow);
    const sections = shown.map((activity) => this.renderActivity(activity, state.current));
    reorder(this.list, sections);
    for (const [id, entry] of this.sections) {
      if (!state.activities.some((a) => a.id === id)) this.sections.delete(id);
      else if (!sections.includes(entry.section)) this.sections.delete(id);
    }
    const empty = this.root.querySelector(".boards-empty");
    if (empty) empty.hidden = sections.length > 0;
    restoreFocus(this.root, focused);
    for (const listener of this.listeners) listener(state);
  }

  renderActivity(activity, current) {
    let entry = this.sections.get(activity.id);
    if (!entry) {
      entry = this.newSection(activity);
      this.sections.set(activity.id, entry);
    }
    entry.title.textContent = activity.title;
    entry.phase.textContent = this.text.textPhase.replace("PHASE", this.phaseName(activity));
    entry.section.classList.toggle("current", activity.id === current);
    entry.section.classList.toggle("before-reveal", !activity.revealed);
    this.renderAbout(entry, activity);
    if (entry.controls) this.renderPhaseControls(entry.controls, activity);
    if (activity.kind === "board") {
      entry.panels.render(activity);
      const columns = activity.columns.map((column) => this.renderColumn(entry, activity, column));
      reorder(entry.columnList, columns);
    } else if (entry.view) {
      entry.view.update(activity);
    } else {
      entry.unknown.hidden = false;
    }
    return entry.section;
  }

  /** What the method is and where it comes from, the session's level of
   * engagement and time box, and its privacy settings (app/privacy.py). */
  renderAbout(entry, activity) {
    const method = activity.method;
    const sig = JSON.stringify([method && method.method, activity.engagement, activity.minutes,
      activity.anonymous, activity.facilitators_see_private]);
    if (entry.about.dataset.sig === sig) return;
    entry.about.dataset.sig = sig;
    const facts = [];
    const levels = JSON.parse(this.text.engagementLevels || "{}");
    if (activity.engagement) facts.push(fill(this.text.textEngagement, { TEXT: levels[activity.engagement] || activity.engagement }));
    if (activity.minutes) facts.push(fill(this.text.textMinutes, { 111111: activity.minutes }));
    const parts = [element("p", "activity-facts", facts.join(" · ")), this.privacyNotice(activity)];
    if (method && method.instructions) {
      const details = element("details", "activity-method");
      details.append(element("summary", "", fill(this.text.textAboutMethod, { TEXT: markText(method.title) })));
      for (const paragraph of method.instructions) details.append(element("p", "", markText(paragraph)));
      if (method.source) {
        const { title, publisher, year } = method.source;
        const credit = element("p", "credit", this.text.textSource + " ");
        credit.append(element("cite", "", title), `, ${publisher}${year ? `, ${year}` : ""}`);
        details.append(credit);
      }
      parts.push(details);
    }
    entry.about.replaceChildren(...parts);
  }

  /** Said on every screen, so nobody writes under a wrong belief. */
  privacyNotice(activity) {
    const notice = element("p", "privacy-notice");
    if (activity.anonymous) notice.append(element("span", "badge anonymous", this.text.textAnonymous));
    if (activity.facilitators_see_private) {
      notice.append(element("span", "badge see-private", this.text.textSeePrivate));
    }
    notice.hidden = !notice.children.length;
    return notice;
  }

  newSection(activity) {
    const section = element("section", "panel board");
    section.dataset.activity = activity.id;
    const title = element("h2", "board-title");
    title.id = `board-${activity.id}`;
    section.setAttribute("aria-labelledby", title.id);
    const phase = element("p", "board-phase");
    const unknown = element("p", "board-unknown", this.text.textUnknownKind);
    unknown.hidden = true;
    const about = element("div", "activity-about");
    const columnList = element("div", "board-columns");
    section.append(title, phase, about, unknown);
    let controls = null;
    if (this.role === "facilitator" && this.phaseOrder[activity.kind]) {
      controls = element("div", "phase-controls");
      controls.setAttribute("role", "group");
      controls.setAttribute("aria-label", this.text.textPhaseControls.replace("TITLE", activity.title));
      section.append(controls);
    }
    const view = this.kindView(activity);
    const panels = activity.kind === "board" ? new BoardPanels(this, activity) : null;
    if (panels) section.append(panels.el);
    section.append(view ? view.el : columnList);
    return { section, title, phase, about, unknown, columnList, controls, view, panels, columns: new Map() };
  }

  /** Another kind's own view (kinds/<kind>.js), given what it needs. */
  kindView(activity) {
    const kind = KIND_VIEWS[activity.kind];
    if (activity.kind === "board" || !kind || !this.kindTexts[activity.kind]) return null;
    return kind.createView({
      role: this.role,
      text: this.kindTexts[activity.kind],
      send: (action, payload) => this.send(action, payload),
      pending: (test) => this.outbox.list().some(test),
      markText,
      roleLabel: (key) => this.roleLabels[key] || key,
      charts: (id) => loadCharts(this.text.chartsUrl, id),
      // Each stream's own part of the state, for a kind whose streams say
      // different things under one key (the pathway's roads).
      states: (id) => [...this.streams.streams.values()]
        .filter((stream) => stream.states.has(id))
        .map((stream) => stream.states.get(id).state),
      // Who this participant is, and their breakout group ({id, name} or
      // null), as the server last told us (the scenario's own topics).
      you: () => this.streams.you,
      group: () => this.streams.group,
    }, activity);
  }

  /** One HTTP form per phase: the facilitator's phase buttons. */
  renderPhaseControls(controls, activity) {
    if (controls.dataset.phase === activity.phase) return;
    controls.dataset.phase = activity.phase;
    const forms = this.phaseOrder[activity.kind].map(([phase]) => {
      const form = element("form", "inline");
      form.method = "post";
      form.action = this.text.phaseUrl.replace("ACTIVITY", encodeURIComponent(activity.id));
      form.append(
        hidden("csrf_token", this.text.csrf),
        hidden("op_id", newOpId()),
        hidden("phase", phase),
      );
      const button = element("button", "small phase-button", this.phaseName(activity, phase));
      button.type = "submit";
      button.dataset.focus = `phase:${activity.id}:${phase}`;
      if (phase === activity.phase) button.setAttribute("aria-pressed", "true");
      else button.setAttribute("aria-pressed", "false");
      form.append(button);
      return form;
    });
    controls.replaceChildren(element("span", "phase-label", this.text.textSetPhase), ...forms);
  }

  renderColumn(entry, activity, column) {
    let col = entry.columns.get(column.key);
    if (!col) {
      col = this.newColumn(activity, column);
      entry.columns.set(column.key, col);
    }
    col.heading.textContent = column.title;
    col.form.hidden = !WRITING.includes(activity.phase);
    const notes = columnNotes(activity, column.key);
    const items = notes.map((note, index) => this.noteItem(activity, note, notes, index));
    for (const entry of this.outbox.list()) {
      const p = entry.payload;
      if (entry.action === "board.add_note" && p.activity === activity.id && p.column === column.key) {
        items.push(this.cachedNote(`pending:${entry.opId}`, ["pending", p], () =>
          noteElement(this, activity, { id: `pending-${entry.opId}`, text: p.text, private: p.private }, { placeholder: true })));
      }
    }
    reorder(col.list, items);
    col.empty.hidden = items.length > 0;
    // Its notes may all be under themes (board_grouping.js), not missing.
    const themed = activity.notes.some((n) => n.column === column.key && n.theme);
    col.empty.textContent = themed ? this.groupingText.textAllThemed : this.text.textNoNotes;
    return col.el;
  }

  newColumn(activity, column) {
    const el = element("div", "board-column");
    el.dataset.column = column.key;
    const heading = element("h3", "column-title");
    heading.id = `col-${activity.id}-${column.key}`;
    el.setAttribute("role", "region");
    // Named by column and board: every board may have an "Ideas" column, and
    // landmarks with the same name cannot be told apart.
    el.setAttribute("aria-labelledby", `${heading.id} board-${activity.id}`);
    const list = element("ul", "notes");
    const empty = element("p", "notes-empty", this.text.textNoNotes);
    // The projector only shows: no form to add notes at all.
    const form = this.role === "projector" ? element("div") : this.addForm(activity, column);
    // A method's questions for the column (the CCPS reflection questions).
    const prompts = element("ul", "column-prompts");
    for (const prompt of column.prompts || []) prompts.append(element("li", "", markText(prompt)));
    el.append(heading, ...(prompts.children.length ? [prompts] : []), list, empty, form);
    const col = { el, heading, list, empty, form };
    if (this.role !== "projector") this.drag.acceptDrops(activity.id, column.key, col);
    return col;
  }

  addForm(activity, column) {
    const form = element("form", "add-note");
    const id = `add-${activity.id}-${column.key}`;
    const label = element("label", "", this.text.textNoteLabel.replace("COLUMN", column.title));
    label.htmlFor = id;
    const field = element("textarea");
    Object.assign(field, { id, name: "text", rows: 2, maxLength: 500, required: true });
    field.dataset.focus = `add:${activity.id}:${column.key}`;
    form.append(label, field);
    let privateBox = null;
    if (this.role === "participant") {
      const wrap = element("div", "private-choice");
      privateBox = element("input");
      Object.assign(privateBox, { type: "checkbox", id: `${id}-private` });
      const boxLabel = element("label", "", this.text.textPrivate);
      boxLabel.htmlFor = privateBox.id;
      wrap.append(privateBox, boxLabel);
      form.append(wrap);
    }
    const button = element("button", "", this.text.textAdd);
    button.type = "submit";
    form.append(button);
    const submit = (event) => {
      event.preventDefault();
      const text = field.value.trim();
      if (!text) {
        this.message.textContent = this.text.textEmpty;
        field.focus();
        return;
      }
      const payload = { activity: activity.id, column: column.key, text };
      if (privateBox) payload.private = privateBox.checked;
      this.send("board.add_note", payload);
      field.value = "";
      field.focus();
    };
    form.addEventListener("submit", submit);
    // Ctrl+Enter (or Cmd+Enter) adds the note from the text box.
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
    });
    return form;
  }

  noteItem(activity, note, notes, index) {
    const pending = this.outbox.list().filter((e) => e.payload.note === note.id).length > 0;
    const edit = this.editing.get(note.id);
    const flags = {
      pending,
      mine: this.isMine(note),
      dots: this.state.myVotes.get(note.id) || 0,
      perNote: optionsOf(activity).per_note,
      // The themes this note may go under, while this person may group.
      themes: canGroup(this, activity) ? themesFor(activity, note).map((t) => [t.id, t.name]) : null,
      first: index === 0,
      last: index === notes.length - 1,
      columnIndex: activity.columns.findIndex((c) => c.key === note.column),
      columnCount: activity.columns.length,
      phase: activity.phase,
    };
    // The typed text is left out: typing must not rebuild the box being typed in.
    const sig = [note, flags, edit && { version: edit.version, conflict: edit.conflict, saving: !!edit.opId }];
    return this.cachedNote(`note:${note.id}`, sig, () =>
      noteElement(this, activity, note, { ...flags, edit }));
  }

  cachedNote(key, sig, build) {
    const text = JSON.stringify(sig);
    const have = this.noteCache.get(key);
    if (have && have.sig === text) return have.el;
    const el = build();
    this.noteCache.set(key, { sig: text, el });
    return el;
  }

  isMine(note) {
    // An anonymous activity's notes name nobody: the server says which are mine.
    if ("mine" in note) return note.mine;
    if (this.role === "participant") return !!note.author && note.author === this.state.you;
    return !note.author;
  }

  can(activity, what, note, flags) {
    const phase = activity.phase;
    if (this.role === "projector") return false; // the projector only shows
    switch (what) {
      case "edit": return WRITING.includes(phase) && flags.mine;
      // A note under a theme sits in the theme, not in a column's order.
      case "move": return OPEN.includes(phase) && !(note && note.theme);
      case "group": return canGroup(this, activity);
      case "delete": return OPEN.includes(phase) && (flags.mine || this.role === "facilitator");
      case "vote": return phase === "voting" && this.role === "participant";
      case "hide": return this.role === "facilitator";
      default: return false;
    }
  }

  // -- actions from a note's buttons ---------------------------------------

  startEdit(note) {
    this.editing.set(note.id, { text: note.text, version: note.version, conflict: null, opId: null });
    this.render();
    const field = this.root.querySelector(`[data-focus="edit:${note.id}"]`);
    if (field) field.focus();
  }

  saveEdit(activity, note, text) {
    const edit = this.editing.get(note.id);
    if (!text.trim()) {
      this.message.textContent = this.text.textEmpty;
      return;
    }
    const payload = { activity: activity.id, note: note.id, text: text.trim(), version: edit.version };
    edit.text = text;
    edit.opId = this.send("board.edit_note", payload);
  }

  cancelEdit(note) {
    this.editing.delete(note.id);
    this.render();
    const button = this.root.querySelector(`[data-focus="${note.id}:edit"]`);
    if (button) button.focus();
  }

  // -- moving notes: the move buttons (drag and drop: board_drag.js) ------

  /** A move button: one place up or down, or to the end of the next column.
   * Read from the current state: the button may have been built before
   * other notes moved. */
  move(activityId, noteId, direction) {
    const activity = this.state.activities.find((a) => a.id === activityId);
    const note = activity && activity.notes.find((n) => n.id === noteId);
    if (!note) return;
    if (direction === "up" || direction === "down") {
      const index = columnNotes(activity, note.column).findIndex((n) => n.id === noteId);
      this.moveTo(activity, note, note.column, index + (direction === "up" ? -1 : 1));
      return;
    }
    const keys = activity.columns.map((c) => c.key);
    const to = keys[keys.indexOf(note.column) + (direction === "left" ? -1 : 1)];
    if (to) this.moveTo(activity, note, to, null);
  }

  /** Send `note` to `column`, to place `at` among that column's other notes
   * (null: the end), named by its neighbours. Buttons and drops both end here. */
  moveTo(activity, note, column, at) {
    const notes = columnNotes(activity, column);
    const others = notes.filter((n) => n.id !== note.id);
    const place = at === null ? others.length : at;
    if (place < 0 || place > others.length) return;
    if (notes.indexOf(note) === place) return; // dropped where it already is
    this.send("board.move_note", {
      activity: activity.id,
      note: note.id,
      column,
      after: place > 0 ? others[place - 1].id : "",
      before: place < others.length ? others[place].id : "",
    });
  }
}
