// The People's Borough scenario, live: the introduction, then the stages and
// their topics (each a question and its scenario, quoted from the source);
// the facilitator gives topics to breakout groups, and each group notes, on
// its own topics' boards, the issues it identifies and the ways forward (and,
// if switched on, enablers and barriers). A participant sees their group's
// topics first. At the feedback every group's notes reach the whole room: the
// topic the facilitator puts on screen comes first, with each group's
// feedback, then the topics nobody discussed. Built once from the method,
// then updated in place so focus and half-typed notes survive others' changes.
import { element, fill, reorder } from "../dom.js";
import { SHARED, TopicBoard, marked, paragraph } from "./scenario_board.js";

const COLUMNS_OPEN = ["not_started", "discuss"];

export function createView(ctx, activity) {
  return new ScenarioView(ctx, activity);
}

class ScenarioView {
  constructor(ctx, activity) {
    this.ctx = ctx;
    this.t = ctx.text;
    this.id = activity.id;
    this.el = element("div", "scenario");
    this.topics = new Map(); // topic key -> TopicBoard
    this.stages = []; // {el, list, keys}
    this.known = JSON.parse(this.t.groups || "[]"); // the console's groups
    this.seenNotes = new Set(); // note ids drawn so far
    this.before = null; // {phase, plenary, mine} when last drawn
  }

  // -- built once, from the method ----------------------------------------

  build(content) {
    const t = this.t;
    this.content = content;
    this.status = element("p", "scenario-status");
    const intro = element("details", "scenario-intro");
    intro.append(element("summary", "", t.textIntroduction));
    for (const mark of content.introduction || []) intro.append(paragraph(this.ctx, mark));
    this.announcer = element("div", "visually-hidden scenario-announcer");
    this.announcer.setAttribute("aria-live", "polite");
    this.el.append(this.status, intro);
    if (this.ctx.role === "facilitator") this.el.append(this.columnsControl(content));
    this.el.append(this.plenaryPanel());
    for (const stage of content.stages || []) this.buildStage(stage);
    if (this.ctx.role === "participant") this.el.append(this.participantLayout());
    else for (const stage of this.stages) this.el.append(stage.el);
    this.el.append(this.announcer);
  }

  buildStage(stage) {
    const el = element("div", "scenario-stage");
    el.append(marked(this.ctx, stage.title, "h3", "stage-title"));
    const list = element("div", "topic-list");
    el.append(list);
    const keys = [];
    for (const topic of stage.topics || []) {
      const board = new TopicBoard(this, topic);
      this.topics.set(topic.key, board);
      keys.push(topic.key);
    }
    this.stages.push({ el, list, keys });
  }

  /** A participant's page: their group's topics first and open; the rest
   * folded away under "Other topics". */
  participantLayout() {
    const wrap = element("div", "scenario-topics");
    this.yours = element("section", "scenario-yours");
    const heading = element("h3", "", this.t.textYourTopics);
    heading.id = `scenario-yours-${this.id}`;
    this.yours.setAttribute("aria-labelledby", heading.id);
    this.yoursEmpty = element("p", "topics-empty");
    this.yoursList = element("div", "topic-list");
    this.yours.append(heading, this.yoursEmpty, this.yoursList);
    this.others = element("details", "scenario-others");
    this.othersSummary = element("summary");
    this.others.append(this.othersSummary, ...this.stages.map((stage) => stage.el));
    wrap.append(this.yours, this.others);
    return wrap;
  }

  /** The facilitator's switch for the optional columns (enablers, barriers). */
  columnsControl(content) {
    const fieldset = element("fieldset", "scenario-columns");
    fieldset.append(element("legend", "", this.t.textColumns));
    this.columnBoxes = new Map();
    for (const column of (content.columns || []).filter((c) => c.optional)) {
      const box = element("input");
      Object.assign(box, { type: "checkbox", id: `columns-${this.id}-${column.key}` });
      box.dataset.focus = box.id;
      const label = element("label", "", this.ctx.markText(column.label));
      label.htmlFor = box.id;
      const choice = element("div", "check-choice");
      choice.append(box, label);
      fieldset.append(choice);
      this.columnBoxes.set(column.key, box);
      box.addEventListener("change", () => this.sendColumns());
    }
    fieldset.append(element("p", "hint", this.t.textColumnsHint));
    this.columnsFieldset = fieldset;
    return fieldset;
  }

  sendColumns() {
    const on = [...this.columnBoxes].filter(([, box]) => box.checked).map(([key]) => key);
    this.ctx.send("scenario.set_columns", { activity: this.id, columns: on.join(",") });
  }

  plenaryPanel() {
    const t = this.t;
    const panel = element("section", "scenario-plenary");
    const heading = element("h3", "", t.textPlenary);
    heading.id = `plenary-${this.id}`;
    panel.setAttribute("aria-labelledby", heading.id);
    panel.append(heading);
    if (this.ctx.role === "facilitator") {
      this.stepper = element("div", "plenary-stepper");
      this.stepper.setAttribute("role", "group");
      this.stepper.setAttribute("aria-label", t.textStepper);
      this.stepButtons = {
        previous: this.stepButton("previous", t.textPreviousTopic),
        next: this.stepButton("next", t.textNextTopic),
        none: this.stepButton("none", t.textShowOverview),
      };
      panel.append(this.stepper);
    }
    this.plenaryTopic = element("div", "plenary-topic");
    this.notDiscussed = element("div", "not-discussed");
    panel.append(this.plenaryTopic, this.notDiscussed);
    this.plenary = panel;
    return panel;
  }

  stepButton(which, label) {
    const button = element("button", "small", label);
    button.type = "button";
    button.dataset.focus = `plenary:${this.id}:${which}`;
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-disabled") !== "true") this.step(which);
    });
    this.stepper.append(button);
    return button;
  }

  // -- updated on every change --------------------------------------------

  update(activity) {
    const content = activity.method && activity.method.content;
    if (!content) return; // the method arrives with the first snapshot
    if (!this.content) this.build(content);
    this.activity = activity;
    const state = activity.state || {};
    this.state = {
      columns: state.columns || [],
      allocation: state.allocation || {},
      plenary: state.plenary || null,
      notes: [...(state.notes || [])].sort(byOrder),
      notDiscussed: state.not_discussed || [],
    };
    this.group = this.ctx.group ? this.ctx.group() : null;
    this.you = this.ctx.you ? this.ctx.you() : null;
    this.redraw();
  }

  /** Draw from what update() last received (also after our own changes). */
  redraw() {
    if (!this.activity) return;
    const phase = this.activity.phase;
    this.status.textContent = this.statusText(phase);
    if (this.columnsFieldset) this.updateColumnsControl(phase);
    this.updatePlenary(phase);
    for (const board of this.topics.values()) board.update();
    if (this.yours) this.placeTopics();
    else for (const stage of this.stages) reorder(stage.list, stage.keys.map((k) => this.topics.get(k).el));
    this.announce();
  }

  statusText(phase) {
    const t = this.t;
    const role = this.ctx.role;
    if (phase === "not_started") return role === "facilitator" ? t.textPlan : t.textWaiting;
    if (phase === "discuss") return role === "participant" ? t.textDiscussParticipant : t.textDiscussOthers;
    if (phase === "feedback") return t.textFeedback;
    return phase === "closed" ? t.textClosed : "";
  }

  updateColumnsControl(phase) {
    this.columnsFieldset.hidden = !COLUMNS_OPEN.includes(phase);
    const on = new Set(this.state.columns.map((c) => c.key));
    const pending = this.ctx.pending((e) => e.action === "scenario.set_columns" && e.payload.activity === this.id);
    for (const [key, box] of this.columnBoxes) if (!pending) box.checked = on.has(key);
  }

  /** Participants: their group's topics in the first list, the others in
   * their stages, folded. */
  placeTopics() {
    const mine = this.myTopics();
    const t = this.t;
    reorder(this.yoursList, mine.map((key) => this.topics.get(key).el));
    this.yoursEmpty.hidden = mine.length > 0;
    this.yoursEmpty.textContent = this.group ? t.textNoTopics : t.textNoGroup;
    let others = 0;
    for (const stage of this.stages) {
      const keys = stage.keys.filter((key) => !mine.includes(key));
      reorder(stage.list, keys.map((key) => this.topics.get(key).el));
      stage.el.hidden = keys.length === 0;
      others += keys.length;
    }
    const label = mine.length ? t.textOtherTopics : t.textAllTopics;
    this.othersSummary.textContent = fill(label, { 111111: others });
    this.others.hidden = others === 0;
  }

  /** The topics given to this participant's group, in the method's order. */
  myTopics() {
    if (!this.group) return [];
    return [...this.topics.keys()].filter((key) => this.isGiven(key, this.group.id));
  }

  isGiven(topic, groupId) {
    return (this.state.allocation[topic] || []).some((g) => g.id === groupId);
  }

  /** Every group the facilitator may give a topic to: the console's list,
   * and any group named in the allocation or on a note. */
  groups() {
    const byId = new Map(this.known.map((g) => [g.id, g]));
    for (const given of Object.values(this.state.allocation)) for (const g of given) byId.set(g.id, g);
    for (const note of this.state.notes) if (note.group) byId.set(note.group.id, note.group);
    return [...byId.values()];
  }

  topicNotes(topic) {
    return this.state.notes.filter((note) => note.topic === topic);
  }

  // -- the plenary ----------------------------------------------------------

  updatePlenary(phase) {
    const shown = SHARED.includes(phase);
    this.plenary.hidden = !shown;
    if (!shown) return;
    const plenary = this.state.plenary;
    if (this.stepper) {
      this.stepper.hidden = phase !== "feedback";
      const order = this.stepOrder();
      const at = order.indexOf(plenary);
      disable(this.stepButtons.previous, at <= 0);
      disable(this.stepButtons.next, at >= order.length - 1);
      disable(this.stepButtons.none, !plenary);
    }
    this.drawPlenaryTopic(plenary);
    this.drawNotDiscussed();
  }

  /** The topics the stepper goes through: the discussed ones (all, if none
   * was), in the method's order. */
  stepOrder() {
    const all = [...this.topics.keys()];
    const discussed = all.filter((key) => !this.state.notDiscussed.includes(key));
    return discussed.length ? discussed : all;
  }

  step(which) {
    let topic = "";
    if (which !== "none") {
      const order = this.stepOrder();
      const at = order.indexOf(this.state.plenary);
      topic = order[which === "next" ? at + 1 : Math.max(at - 1, 0)] || "";
    }
    this.showTopic(topic);
  }

  showTopic(topic) {
    this.ctx.send("scenario.show_topic", { activity: this.id, topic });
  }

  /** The topic on screen, with every group's feedback on it, by group. */
  drawPlenaryTopic(plenary) {
    const notes = plenary ? this.topicNotes(plenary) : [];
    const sig = JSON.stringify([plenary, notes, this.state.columns]);
    if (this.plenaryTopic.dataset.sig === sig) return;
    this.plenaryTopic.dataset.sig = sig;
    const t = this.t;
    const board = plenary && this.topics.get(plenary);
    if (!board) {
      this.plenaryTopic.replaceChildren(element("p", "plenary-none", t.textOverview));
      return;
    }
    const parts = [
      element("h4", "plenary-label", t.textOnScreen),
      marked(this.ctx, board.topic.heading, "p", "plenary-heading"),
    ];
    const groups = this.byGroup(plenary, notes);
    if (!groups.length) parts.push(element("p", "plenary-none", t.textNoFeedback));
    for (const { name, notes: theirs } of groups) parts.push(this.groupFeedback(name, theirs));
    this.plenaryTopic.replaceChildren(...parts);
  }

  /** Notes by the group that wrote them: the groups given the topic first. */
  byGroup(topic, notes) {
    const order = (this.state.allocation[topic] || []).map((g) => g.id);
    const groups = new Map();
    for (const note of notes) {
      const id = note.group ? note.group.id : "";
      if (!groups.has(id)) {
        groups.set(id, { id, name: note.group ? note.group.name : this.t.textFacilitators, notes: [] });
      }
      groups.get(id).notes.push(note);
    }
    const rank = (g) => (g.id === "" ? Infinity : order.includes(g.id) ? order.indexOf(g.id) : order.length);
    return [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  groupFeedback(name, notes) {
    const block = element("div", "plenary-group");
    block.append(element("h5", "", name));
    for (const column of this.state.columns) {
      const inColumn = notes.filter((note) => note.column === column.key);
      if (!inColumn.length) continue;
      block.append(element("h6", "plenary-column", this.ctx.markText(column.title)));
      const list = element("ul", "plenary-notes");
      for (const note of inColumn) {
        const item = element("li", "", note.text);
        if (note.author_name) item.append(element("span", "note-author", ` — ${note.author_name}`));
        list.append(item);
      }
      block.append(list);
    }
    return block;
  }

  drawNotDiscussed() {
    const keys = this.state.notDiscussed;
    const sig = JSON.stringify(keys);
    if (this.notDiscussed.dataset.sig === sig) return;
    this.notDiscussed.dataset.sig = sig;
    const heading = element("h4", "", this.t.textNotDiscussed);
    if (!keys.length) {
      this.notDiscussed.replaceChildren(heading, element("p", "", this.t.textAllDiscussed));
      return;
    }
    // Short names (each heading up to its colon), so the list stays short.
    const list = element("ul", "not-discussed-list");
    for (const key of keys) {
      const board = this.topics.get(key);
      if (!board) continue;
      const quoted = board.topic.heading && board.topic.heading.quote != null;
      list.append(marked(this.ctx, quoted ? { quote: board.name } : board.name, "li"));
    }
    this.notDiscussed.replaceChildren(heading, list);
  }

  // -- saying what others changed -------------------------------------------

  /** Politely say what changed for this person: a note someone else added,
   * the topic put on screen, a topic newly given to their group (a new
   * phase board.js announces itself). */
  announce() {
    const notes = this.state.notes;
    const now = {
      phase: this.activity.phase,
      plenary: this.state.plenary,
      mine: this.ctx.role === "participant" ? this.myTopics() : [],
    };
    const before = this.before || now;
    this.before = now;
    const fresh = notes.filter((note) => !this.seenNotes.has(note.id));
    for (const note of fresh) this.seenNotes.add(note.id);
    if (before === now || before.phase !== now.phase) return;
    const t = this.t;
    const name = (key) => (this.topics.get(key) ? this.topics.get(key).name : key);
    let say = "";
    // One note at a time is someone writing; many at once, a reveal or a
    // reload, which are not read out note by note.
    const added = fresh.length === 1 && !this.isMine(fresh[0]) ? fresh[0] : null;
    if (added) say = fill(t.textAnnounceAdded, { TOPIC: name(added.topic), TEXT: added.text });
    const given = now.mine.filter((key) => !before.mine.includes(key));
    if (given.length) say = fill(t.textAnnounceGiven, { TOPIC: name(given[0]) });
    if (now.plenary && now.plenary !== before.plenary) {
      say = fill(t.textAnnouncePlenary, { TOPIC: name(now.plenary) });
    }
    if (say) this.announcer.textContent = say;
  }

  isMine(note) {
    // An anonymous activity's notes name nobody: the server says which are mine.
    if ("mine" in note) return note.mine;
    if (this.ctx.role === "participant") return !!note.author && note.author === this.you;
    return this.ctx.role === "facilitator" && !note.author;
  }

  /** The server refused one of our changes (board.js says why): keep what
   * the person typed. */
  refused(entry, ack) {
    let focus = null;
    for (const board of this.topics.values()) focus = board.refused(entry, ack) || focus;
    this.redraw();
    // Back to the edit box, beside the note's current text.
    const target = focus && focus.startsWith("edit:")
      && this.el.querySelector(`[data-focus="${CSS.escape(focus)}"]`);
    if (target) target.focus();
  }
}

function disable(button, off) {
  button.setAttribute("aria-disabled", String(off));
}

// Order keys are fractional-indexing strings: compare them as bytes.
function byOrder(a, b) {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
