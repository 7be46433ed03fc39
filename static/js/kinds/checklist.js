// The checklist, live: each person scores every item privately (with a
// comment and, where the method asks, a priority mark); after the reveal
// everyone sees how many gave each score, overall and by role, and the room's
// agreed score and note. Built once from the method, then updated in place
// so focus and half-typed comments survive every change from others.
import { element, fill } from "../dom.js";
import { ChartsPanel } from "../results.js";

export function createView(ctx, activity) {
  return new ChecklistView(ctx, activity);
}

class ChecklistView {
  constructor(ctx, activity) {
    this.ctx = ctx;
    this.id = activity.id;
    this.el = element("div", "checklist");
    this.items = new Map(); // item key -> parts of its list item
    this.summary = element("p", "checklist-summary");
    this.charts = new ChartsPanel(ctx, activity.id);
    this.el.append(this.summary, this.charts.el);
  }

  update(activity) {
    const content = activity.method && activity.method.content;
    if (!content) return; // the method arrives with the first snapshot
    if (this.items.size === 0) this.build(content);
    const state = activity.state || {};
    this.summary.textContent = this.summaryText(activity, state);
    this.charts.update(state.results);
    for (const [key, parts] of this.items) this.updateItem(activity, state, key, parts);
  }

  summaryText(activity, state) {
    const t = this.ctx.text;
    if (state.results) return fill(t.textRespondents, { 111111: state.results.respondents });
    if (state.responded != null) return fill(t.textResponded, { 111111: state.responded });
    if (this.ctx.role === "participant" && activity.phase === "scoring") return t.textScorePrivately;
    return "";
  }

  build(content) {
    this.scale = content.scale;
    this.settings = content;
    for (const section of content.sections) {
      const wrap = element("section", "checklist-section");
      if (section.title) wrap.append(element("h3", "", this.ctx.markText(section.title)));
      const list = element("ol", "checklist-items");
      for (const item of section.items) list.append(this.buildItem(item));
      wrap.append(list);
      this.el.append(wrap);
    }
  }

  buildItem(item) {
    const ctx = this.ctx;
    const li = element("li", "checklist-item");
    li.dataset.spot = `item:${item.key}`; // the facilitator may spotlight it
    const textId = `item-${this.id}-${item.key}`;
    const text = element("p", "item-text", ctx.markText(item.text));
    text.id = textId;
    li.append(text);
    const parts = { li, text: ctx.markText(item.text), status: element("p", "item-status") };
    parts.status.setAttribute("aria-live", "polite");
    if (ctx.role === "participant") {
      parts.mine = element("p", "item-mine");
      li.append(this.scoreForm(item, textId, parts), parts.mine);
    }
    parts.results = element("div", "item-results");
    parts.agreed = element("div", "item-agreed");
    li.append(parts.status, parts.results, parts.agreed);
    if (ctx.role === "facilitator" && this.settings.agree) {
      parts.agreeForm = this.agreeForm(item, textId);
      li.append(parts.agreeForm);
    }
    this.items.set(item.key, parts);
    return li;
  }

  /** The person's own score: radios on the scale (or none), a comment and a
   * priority mark; every change sends the whole row for the item. */
  scoreForm(item, textId, parts) {
    const t = this.ctx.text;
    const form = element("form", "score-form");
    const fieldset = element("fieldset", "scale");
    const legend = element("legend", "visually-hidden", fill(t.textYourScore, { TEXT: parts.text }));
    fieldset.append(legend);
    parts.radios = [];
    for (const point of [...this.scale, { value: "", label: t.textNoScore }]) {
      const id = `score-${this.id}-${item.key}-${point.value === "" ? "none" : point.value}`;
      const radio = element("input");
      Object.assign(radio, { type: "radio", name: `score-${this.id}-${item.key}`, id, value: String(point.value) });
      radio.dataset.focus = id;
      const label = element("label", "", point.value === "" ? point.label
        : `${point.value}: ${this.ctx.markText(point.label)}`);
      label.htmlFor = id;
      const choice = element("div", "scale-choice");
      choice.append(radio, label);
      fieldset.append(choice);
      parts.radios.push(radio);
      radio.addEventListener("change", () => this.sendScore(item, parts));
    }
    form.append(fieldset);
    if (this.settings.comments) {
      const id = `comment-${this.id}-${item.key}`;
      const label = element("label", "", t.textComment);
      label.htmlFor = id;
      parts.comment = element("textarea");
      Object.assign(parts.comment, { id, rows: 2, maxLength: 1000 });
      parts.comment.dataset.focus = id;
      parts.comment.setAttribute("aria-describedby", textId);
      const save = element("button", "small", t.textSaveComment);
      save.type = "submit";
      form.append(label, parts.comment, save);
    }
    if (this.settings.priorities) {
      const id = `priority-${this.id}-${item.key}`;
      parts.priority = element("input");
      Object.assign(parts.priority, { type: "checkbox", id });
      const label = element("label", "", t.textPriority);
      label.htmlFor = id;
      const wrap = element("div", "priority-choice");
      wrap.append(parts.priority, label);
      form.append(wrap);
      parts.priority.addEventListener("change", () => this.sendScore(item, parts));
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.sendScore(item, parts);
    });
    parts.form = form;
    return form;
  }

  sendScore(item, parts) {
    const chosen = parts.radios.find((radio) => radio.checked);
    this.ctx.send("checklist.score", {
      activity: this.id,
      item: item.key,
      value: chosen ? chosen.value : "",
      comment: parts.comment ? parts.comment.value.trim() : "",
      priority: parts.priority ? parts.priority.checked : false,
    });
  }

  agreeForm(item, textId) {
    const t = this.ctx.text;
    const form = element("form", "agree-form");
    const selectId = `agree-${this.id}-${item.key}`;
    const label = element("label", "", t.textAgreedScore);
    label.htmlFor = selectId;
    const select = element("select");
    select.id = selectId;
    select.setAttribute("aria-describedby", textId);
    select.append(new Option(t.textNoScore, ""));
    for (const point of this.scale) {
      select.append(new Option(`${point.value}: ${this.ctx.markText(point.label)}`, String(point.value)));
    }
    const noteId = `agree-note-${this.id}-${item.key}`;
    const noteLabel = element("label", "", t.textAgreedNote);
    noteLabel.htmlFor = noteId;
    const note = element("textarea");
    Object.assign(note, { id: noteId, rows: 2, maxLength: 2000 });
    const button = element("button", "small", t.textRecordAgreed);
    button.type = "submit";
    form.append(label, select, noteLabel, note, button);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.ctx.send("checklist.agree", {
        activity: this.id, item: item.key, value: select.value, note: note.value.trim(),
      });
    });
    return form;
  }

  updateItem(activity, state, key, parts) {
    const t = this.ctx.text;
    const mine = (state.mine || {})[key];
    if (parts.form) {
      const open = activity.phase === "scoring";
      parts.form.hidden = !open && activity.phase !== "not_started";
      parts.mine.textContent = parts.form.hidden ? this.mineText(mine) : "";
      for (const radio of parts.radios) {
        radio.disabled = !open;
        if (!this.pending(key)) radio.checked = mine ? radio.value === String(mine.value ?? "") : radio.value === "";
      }
      if (parts.comment) {
        parts.comment.disabled = !open;
        if (document.activeElement !== parts.comment && !this.pending(key)) {
          parts.comment.value = mine ? mine.comment : "";
        }
      }
      if (parts.priority) {
        parts.priority.disabled = !open;
        if (!this.pending(key)) parts.priority.checked = !!(mine && mine.priority);
      }
      parts.status.textContent = this.pending(key) ? t.textSaving : "";
    }
    this.renderResults(parts, state.results, key);
    this.renderAgreed(parts, (state.agreed || {})[key], activity);
  }

  /** The person's own answer, once scoring has closed. */
  mineText(mine) {
    const t = this.ctx.text;
    const point = mine && this.scale.find((p) => p.value === mine.value);
    const score = point ? `${point.value}: ${this.ctx.markText(point.label)}` : t.textNoScore;
    const comment = mine && mine.comment ? ` · ${mine.comment}` : "";
    return `${fill(t.textYourAnswer, { TEXT: score })}${comment}`;
  }

  pending(key) {
    return this.ctx.pending((entry) => entry.action === "checklist.score"
      && entry.payload.activity === this.id && entry.payload.item === key);
  }

  /** Counts per score as a table (the chart's text alternative), by role
   * where the room is large enough, then comments and priorities. */
  renderResults(parts, results, key) {
    const signature = JSON.stringify(results ? this.resultsFor(results, key) : null);
    if (parts.resultsSig === signature) return;
    parts.resultsSig = signature;
    parts.results.replaceChildren();
    if (!results) return;
    const t = this.ctx.text;
    const mine = this.resultsFor(results, key);
    parts.results.append(this.countsTable(t.textCountsCaption, mine.overall, null, parts.text));
    if (mine.roles.length) {
      parts.results.append(this.countsTable(t.textByRoleCaption, mine.byRole, mine.roles, parts.text));
    }
    if (mine.priorities) {
      parts.results.append(element("p", "priorities", fill(t.textPriorities, { 111111: mine.priorities })));
    }
    if (mine.comments.length) {
      parts.results.append(element("h4", "", t.textComments));
      const list = element("ul", "comments");
      for (const comment of mine.comments) list.append(element("li", "", comment));
      parts.results.append(list);
    }
  }

  resultsFor(results, key) {
    const overall = results.overall.filter((row) => row.item === key);
    const byRole = (results.by_role || []).filter((row) => row.item === key);
    return {
      overall,
      byRole,
      roles: [...new Set(byRole.map((row) => row.role))],
      comments: (results.comments || {})[key] || [],
      priorities: (results.priorities || {})[key] || 0,
    };
  }

  countsTable(caption, rows, roles, itemText) {
    const t = this.ctx.text;
    const table = element("table", "table counts");
    const title = element("caption", "", caption);
    title.append(element("span", "visually-hidden", `: ${itemText}`));
    table.append(title);
    const head = element("tr");
    head.append(element("th", "", t.textScore));
    for (const role of roles || [null]) {
      const th = element("th", "", role ? this.ctx.roleLabel(role) : t.textPeople);
      th.scope = "col";
      head.append(th);
    }
    const thead = element("thead");
    thead.append(head);
    table.append(thead);
    const body = element("tbody");
    for (const point of this.scale) {
      const tr = element("tr");
      const th = element("th", "", `${point.value}: ${this.ctx.markText(point.label)}`);
      th.scope = "row";
      tr.append(th);
      for (const role of roles || [null]) {
        const row = rows.find((r) => r.value === point.value && (!role || r.role === role));
        tr.append(element("td", "", String(row ? row.count : 0)));
      }
      body.append(tr);
    }
    table.append(body);
    return table;
  }

  renderAgreed(parts, agreed, activity) {
    const t = this.ctx.text;
    const signature = JSON.stringify(agreed || null);
    if (parts.agreeForm) parts.agreeForm.hidden = activity.phase !== "agree";
    if (parts.agreedSig === signature) return;
    parts.agreedSig = signature;
    parts.agreed.replaceChildren();
    if (!agreed) return;
    const point = this.scale.find((p) => p.value === agreed.value);
    const score = point ? `${point.value}: ${this.ctx.markText(point.label)}` : t.textNoScore;
    parts.agreed.append(element("p", "agreed-score", fill(t.textAgreed, { TEXT: score })));
    if (agreed.note) parts.agreed.append(element("p", "agreed-note", agreed.note));
  }
}
