// Reviewing last time's actions ("you said, we did"), live: the actions the
// series carries, open or in progress first, then those done or dropped
// since the last workshop; each with what was raised, what will be done,
// its owner, due date, status and dated updates. Participants and the
// projector read; during the review the facilitator brings one before the
// room (actions.show) and records what has happened (follow_up.update, the
// series' own action), then shows the room that action again, which
// carries the review afresh to every screen. Each action is built once and
// updated in place, so focus and half-typed updates survive changes.
import { element, fill, reorder } from "../dom.js";

export function createView(ctx, activity) {
  return new ActionsView(ctx, activity);
}

class ActionsView {
  constructor(ctx, activity) {
    this.ctx = ctx;
    this.t = ctx.text;
    this.id = activity.id;
    this.statuses = JSON.parse(this.t.statuses || "{}");
    this.dates = new Intl.DateTimeFormat(dateLocale(), { dateStyle: "medium", timeZone: "UTC" });
    this.el = element("div", "actions-review");
    this.summary = element("p", "actions-summary");
    this.series = element("p", "actions-series");
    this.now = element("p", "actions-now");
    this.message = element("p", "actions-message");
    this.message.setAttribute("role", "alert");
    this.groups = {
      open: this.group(this.t.textOpenHeading, this.t.textNoneOpen),
      closed: this.group("", this.t.textNoneClosed),
    };
    this.moved = element("section", "actions-moved");
    this.announcer = element("div", "visually-hidden actions-announcer");
    this.announcer.setAttribute("aria-live", "polite");
    this.el.append(this.summary, this.series, this.now, this.message,
      this.groups.open.section, this.groups.closed.section, this.moved, this.announcer);
    this.items = new Map(); // action id -> its parts
    this.saving = new Map(); // op id -> action id: my updates on their way
    this.refusedOps = new Set();
    this.known = null; // action id -> {status, updates}: what was last seen
    this.saidNow = null;
  }

  group(heading, empty) {
    const section = element("section", "actions-group");
    const title = element("h3", "actions-group-title", heading);
    const list = element("ul", "actions-list");
    const none = element("p", "actions-empty", empty);
    section.append(title, list, none);
    return { section, title, list, none };
  }

  update(activity) {
    const state = activity.state || {};
    if (!("series" in state)) return; // it comes with the first snapshot
    this.activity = activity;
    this.reviewing = activity.phase === "review" && this.ctx.role === "facilitator";
    this.settle();
    const inSeries = state.series !== null;
    const parts = [this.series, this.now, this.groups.open.section, this.groups.closed.section, this.moved];
    for (const part of parts) {
      part.hidden = !inSeries;
    }
    if (!inSeries) {
      this.summary.textContent = this.t.textNotInSeries;
      return;
    }
    this.summary.textContent = this.summaryText(activity.phase);
    this.series.textContent = fill(this.t.textSeries, { TITLE: state.series.title });
    this.groups.closed.title.textContent = state.since
      ? fill(this.t.textClosedHeading, { DATE: this.day(state.since) })
      : this.t.textClosedHeadingAll;
    const actions = [...state.open, ...state.closed];
    this.renderGroup(this.groups.open, state.open, state.showing);
    this.renderGroup(this.groups.closed, state.closed, state.showing);
    const ids = new Set(actions.map((action) => action.id));
    for (const id of [...this.items.keys()]) if (!ids.has(id)) this.items.delete(id);
    this.renderNow(actions.find((action) => action.id === state.showing));
    this.renderMoved(state.moved || []);
    this.announce(actions);
  }

  /** How each checklist moved at the series' earlier workshops: a table of
   * each item's mean then and now. Read-only, so simply drawn afresh. */
  renderMoved(checklists) {
    this.moved.replaceChildren();
    this.moved.hidden = checklists.length === 0;
    if (checklists.length === 0) return;
    this.moved.append(element("h3", "actions-group-title", this.t.textMovedHeading));
    for (const checklist of checklists) {
      const table = element("table", "actions-moved-table");
      const head = element("tr");
      for (const text of [this.t.textMovedItem, this.t.textMovedBefore, this.t.textMovedNow]) {
        head.append(Object.assign(element("th", "", text), { scope: "col" }));
      }
      const body = element("tbody");
      for (const item of checklist.items) {
        const label = Object.assign(element("th", "", item.label), { scope: "row" });
        if (item.changed) label.append(element("span", "actions-moved-changed", this.t.textMovedChanged));
        const row = element("tr");
        row.append(label, element("td", "", this.mean(item.before, item.before_on)),
          element("td", "", this.mean(item.now, item.now_on)));
        body.append(row);
      }
      const thead = element("thead");
      thead.append(head);
      table.append(element("caption", "", checklist.title), thead, body);
      // A region the keyboard can scroll when a phone is too narrow for it.
      const scroller = element("div", "table-scroll");
      scroller.tabIndex = 0;
      scroller.setAttribute("role", "region");
      scroller.setAttribute("aria-label", checklist.title);
      scroller.append(table);
      this.moved.append(scroller, element("p", "hint", fill(this.t.textMovedIntro, { TOP: checklist.top })));
    }
  }

  mean(value, on) {
    if (value === null || value === undefined) return "–";
    return fill(this.t.textMovedOn, { MEAN: value.toFixed(2), DATE: this.day(on) });
  }

  refresh() {
    if (this.activity) this.update(this.activity);
  }

  /** The server refused a change of mine: say why, keep what was typed. */
  refused(entry, ack) {
    this.refusedOps.add(entry.opId);
    this.message.textContent = ack.message || "";
  }

  summaryText(phase) {
    if (phase === "not_started") return this.t.textWaiting;
    if (phase === "closed") return this.t.textClosed;
    return this.ctx.role === "facilitator" ? this.t.textReviewingFacilitator : this.t.textReviewing;
  }

  day(iso) {
    return this.dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  }

  status(key) {
    return this.statuses[key] || key;
  }

  renderGroup(group, actions, showing) {
    const items = actions.map((action) => this.renderAction(action, showing));
    reorder(group.list, items);
    group.none.hidden = items.length > 0;
  }

  renderAction(action, showing) {
    let parts = this.items.get(action.id);
    if (!parts) {
      parts = this.buildAction(action.id);
      this.items.set(action.id, parts);
    }
    parts.action = action;
    const t = this.t;
    parts.li.className = `action-item status-${action.status}`;
    parts.li.classList.toggle("showing", action.id === showing);
    if (action.id === showing) parts.li.setAttribute("aria-current", "true");
    else parts.li.removeAttribute("aria-current");
    parts.badge.textContent = this.status(action.status);
    parts.title.textContent = action.title;
    parts.said.hidden = !action.raised_text;
    parts.saidText.textContent = action.raised_text || "";
    const owner = [action.owner_organisation, action.owner_person].filter(Boolean).join(" · ");
    parts.ownerRow.hidden = !owner;
    parts.owner.textContent = owner;
    parts.due.textContent = action.due_date ? this.day(action.due_date) : t.textNoDue;
    const from = action.raised_in;
    parts.raisedRow.hidden = !from;
    parts.raisedIn.textContent = from ? [from.title, from.date && this.day(from.date)].filter(Boolean).join(", ") : "";
    this.renderUpdates(parts, action.updates);
    this.renderControls(parts, action, showing);
    return parts.li;
  }

  renderUpdates(parts, updates) {
    parts.updates.replaceChildren(...updates.map((update) => {
      const li = element("li", "action-update");
      const when = element("time", "update-date", this.day(update.at));
      when.dateTime = update.at.slice(0, 10);
      li.append(when);
      if (update.body) li.append(" ", element("span", "update-body", update.body));
      if (update.status) {
        li.append(" ", element("span", "update-status", fill(this.t.textSetStatus, { STATUS: this.status(update.status) })));
      }
      return li;
    }));
    parts.noUpdates.hidden = updates.length > 0;
  }

  /** The facilitator's buttons and form, during the review only. */
  renderControls(parts, action, showing) {
    if (!parts.controls) return; // only the facilitator has any
    parts.controls.hidden = !this.reviewing;
    if (!this.reviewing) return;
    const shown = action.id === showing;
    parts.show.textContent = shown ? this.t.textStopShowing : this.t.textShow;
    parts.show.setAttribute("aria-pressed", String(shown));
    const saving = [...this.saving.values()].includes(action.id);
    parts.save.disabled = saving;
    parts.saveStatus.textContent = saving ? this.t.textSaving : "";
  }

  buildAction(id) {
    const t = this.t;
    const li = element("li", "action-item");
    li.dataset.action = id;
    const badge = element("span", "action-status-badge");
    const statusLine = element("p", "action-status");
    statusLine.append(element("span", "visually-hidden", `${t.textStatus} `), badge);
    const title = element("h4", "action-title");
    const said = element("p", "action-said");
    const saidText = element("q", "action-said-text");
    said.append(element("span", "action-label", t.textYouSaid), " ", saidText);
    const facts = element("dl", "action-facts");
    const fact = (label) => {
      const row = element("div", "action-fact");
      const value = element("dd");
      row.append(element("dt", "", label), value);
      facts.append(row);
      return [row, value];
    };
    const [ownerRow, owner] = fact(t.textOwner);
    const [, due] = fact(t.textDue);
    const [raisedRow, raisedIn] = fact(t.textRaisedIn);
    const updatesHeading = element("h5", "action-updates-title", t.textWeDid);
    const updates = element("ol", "action-updates");
    const noUpdates = element("p", "actions-empty", t.textNoUpdates);
    li.append(statusLine, title, said, facts, updatesHeading, updates, noUpdates);
    const parts = { li, badge, title, said, saidText, ownerRow, owner, due, raisedRow, raisedIn, updates, noUpdates };
    if (this.ctx.role === "facilitator") li.append(this.buildControls(id, parts));
    return parts;
  }

  buildControls(id, parts) {
    const t = this.t;
    const controls = element("div", "action-controls");
    const show = element("button", "small action-show");
    show.type = "button";
    show.dataset.focus = `actions-show:${id}`;
    show.addEventListener("click", () => {
      const shown = show.getAttribute("aria-pressed") === "true";
      this.ctx.send("actions.show", { activity: this.id, follow_up: shown ? "" : id });
    });
    const form = element("form", "action-update-form");
    const statusId = `action-status-${this.id}-${id}`;
    const bodyId = `action-body-${this.id}-${id}`;
    const statusLabel = element("label", "", t.textNewStatus);
    statusLabel.htmlFor = statusId;
    const status = element("select");
    status.id = statusId;
    status.dataset.focus = `actions-status:${id}`;
    status.append(new Option(t.textUnchanged, ""));
    for (const [key, label] of Object.entries(this.statuses)) status.append(new Option(label, key));
    const bodyLabel = element("label", "", t.textUpdateLabel);
    bodyLabel.htmlFor = bodyId;
    const body = element("textarea");
    Object.assign(body, { id: bodyId, rows: 2, maxLength: 2000 });
    body.dataset.focus = `actions-body:${id}`;
    const save = element("button", "", t.textSave);
    save.type = "submit";
    save.dataset.focus = `actions-save:${id}`;
    const saveStatus = element("span", "action-save-status");
    saveStatus.setAttribute("aria-live", "polite");
    form.append(statusLabel, status, bodyLabel, body, save, saveStatus);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveUpdate(id, status, body);
    });
    // The label names which action the button shows.
    show.setAttribute("aria-describedby", `action-title-${this.id}-${id}`);
    parts.title.id = `action-title-${this.id}-${id}`;
    controls.append(show, form);
    Object.assign(parts, { controls, show, save, saveStatus, form, status, body });
    return controls;
  }

  saveUpdate(id, status, body) {
    const text = body.value.trim();
    if (!text && !status.value) {
      this.message.textContent = this.t.textEmpty;
      body.focus();
      return;
    }
    this.message.textContent = "";
    // The activity rides along so a refusal comes back to this view.
    const payload = { follow_up: id, body: text, status: status.value, activity: this.id };
    const opId = this.ctx.send("follow_up.update", payload);
    if (opId) this.saving.set(opId, id);
    this.refresh();
  }

  /** My updates the server has answered: a saved one empties its form and
   * shows the room that action, whose event brings every screen the review
   * as it now stands; a refused one keeps what was typed. Checked a moment
   * later, since an answer clears the outbox before a refusal is told. */
  settle() {
    const answered = [...this.saving].filter(([opId]) => !this.ctx.pending((entry) => entry.opId === opId));
    if (!answered.length) return;
    setTimeout(() => {
      for (const [opId, id] of answered) {
        if (!this.saving.delete(opId)) continue;
        if (this.refusedOps.delete(opId)) continue;
        const parts = this.items.get(id);
        if (parts && parts.form) {
          parts.body.value = "";
          parts.status.value = "";
        }
        this.ctx.send("actions.show", { activity: this.id, follow_up: id });
      }
      this.refresh();
    }, 0);
  }

  /** "Now discussing": the action the facilitator brought before the room;
   * the projector brings it into view. */
  renderNow(action) {
    this.now.hidden = !action;
    this.now.replaceChildren();
    if (!action) {
      this.saidNow = null;
      return;
    }
    this.now.append(element("span", "actions-now-label", this.t.textNow), " ",
      element("strong", "", action.title), " ",
      element("span", "action-status-badge", this.status(action.status)));
    if (this.saidNow === action.id) return;
    this.saidNow = action.id;
    if (this.known) this.announcer.textContent = fill(this.t.textAnnounceNow, { TITLE: action.title });
    if (this.ctx.role === "projector") {
      this.items.get(action.id)?.li.scrollIntoView({ block: "center" });
    }
  }

  /** Say politely what changed since the last time (not on first sight). */
  announce(actions) {
    const said = [];
    const seen = new Map();
    for (const action of actions) {
      seen.set(action.id, { status: action.status, updates: action.updates.length });
      const before = this.known && this.known.get(action.id);
      if (!before) continue;
      if (before.status !== action.status) {
        said.push(fill(this.t.textAnnounceStatus, { STATUS: this.status(action.status), TITLE: action.title }));
      }
      for (const update of action.updates.slice(before.updates)) {
        if (update.body) said.push(fill(this.t.textAnnounceUpdate, { TEXT: update.body, TITLE: action.title }));
      }
    }
    this.known = seen;
    if (said.length) this.announcer.textContent = said.join(" ");
  }
}

/** The page's language, in the reader's own variant of it if the browser
 * has one: en-GB writes 23 Nov 2026 where plain en writes Nov 23, 2026. */
function dateLocale() {
  const lang = document.documentElement.lang || "en";
  return navigator.languages.find((tag) => tag.split("-")[0] === lang) || lang;
}
