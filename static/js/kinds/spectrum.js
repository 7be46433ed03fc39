// The collaborative commissioning spectrum, live: each person marks, on every
// dimension between its two poles, where their area is now and where it
// should be (privately); the reveal shows how many placed each dimension
// where, as dot plots and as tables. Built once from the method, then
// updated in place so focus survives changes from others.
import { element, fill } from "../dom.js";
import { ChartsPanel } from "../results.js";

const WHICH = ["now", "aspiration"];

export function createView(ctx, activity) {
  return new SpectrumView(ctx, activity);
}

class SpectrumView {
  constructor(ctx, activity) {
    this.ctx = ctx;
    this.id = activity.id;
    this.el = element("div", "spectrum");
    this.summary = element("p", "spectrum-summary");
    this.charts = new ChartsPanel(ctx, activity.id);
    this.el.append(this.summary, this.charts.el);
    this.rows = new Map(); // dimension key -> its parts
  }

  update(activity) {
    const content = activity.method && activity.method.content;
    if (!content) return;
    if (this.rows.size === 0) this.build(content);
    const state = activity.state || {};
    this.summary.textContent = this.summaryText(activity, state);
    this.charts.update(state.results);
    for (const [key, parts] of this.rows) this.updateRow(activity, state, key, parts);
  }

  summaryText(activity, state) {
    const t = this.ctx.text;
    if (state.results) return fill(t.textRespondents, { 111111: state.results.respondents });
    if (state.marked != null) return fill(t.textMarked, { 111111: state.marked });
    if (this.ctx.role === "participant" && activity.phase === "mark") return t.textMarkPrivately;
    return "";
  }

  build(content) {
    this.points = content.points;
    const poles = element("p", "spectrum-poles");
    poles.append(
      element("span", "pole-left", this.ctx.markText(content.left_label)),
      element("span", "pole-right", this.ctx.markText(content.right_label)),
    );
    const list = element("ol", "spectrum-dimensions");
    for (const dimension of content.dimensions) list.append(this.buildRow(dimension));
    this.el.append(poles, list);
  }

  buildRow(dimension) {
    const ctx = this.ctx;
    const li = element("li", "spectrum-dimension");
    li.dataset.spot = `dimension:${dimension.key}`; // the facilitator may spotlight it
    const label = ctx.markText(dimension.label);
    const headingId = `dim-${this.id}-${dimension.key}`;
    const heading = element("h3", "dimension-label", label);
    heading.id = headingId;
    const polesId = `${headingId}-poles`;
    const poles = element("div", "dimension-poles");
    poles.id = polesId;
    poles.append(
      element("p", "pole-left", `1: ${ctx.markText(dimension.left)}`),
      element("p", "pole-right", `${this.points}: ${ctx.markText(dimension.right)}`),
    );
    li.append(heading, poles);
    const parts = { li, label, status: element("p", "item-status"), results: element("div", "item-results") };
    parts.status.setAttribute("aria-live", "polite");
    if (ctx.role === "participant") {
      parts.form = element("form", "mark-form");
      parts.radios = {};
      for (const which of WHICH) parts.form.append(this.scale(dimension, which, polesId, parts));
      parts.mine = element("p", "item-mine");
      li.append(parts.form, parts.mine);
    }
    li.append(parts.status, parts.results);
    this.rows.set(dimension.key, parts);
    return li;
  }

  /** One row of radios from 1 (the left pole) to `points` (the right). */
  scale(dimension, which, polesId, parts) {
    const t = this.ctx.text;
    const fieldset = element("fieldset", `spectrum-scale ${which}`);
    const legend = element("legend", "", which === "now" ? t.textNow : t.textAspiration);
    legend.append(element("span", "visually-hidden", `: ${parts.label}`));
    fieldset.append(legend);
    fieldset.setAttribute("aria-describedby", polesId);
    parts.radios[which] = [];
    const choices = element("div", "spectrum-points");
    for (let point = 1; point <= this.points; point += 1) {
      const id = `mark-${this.id}-${dimension.key}-${which}-${point}`;
      const radio = element("input");
      Object.assign(radio, { type: "radio", name: `mark-${this.id}-${dimension.key}-${which}`, id, value: String(point) });
      radio.dataset.focus = id;
      const label = element("label", "", String(point));
      label.htmlFor = id;
      const choice = element("span", "spectrum-point");
      choice.append(radio, label);
      choices.append(choice);
      parts.radios[which].push(radio);
      radio.addEventListener("change", () => this.send(dimension, parts));
    }
    fieldset.append(choices);
    return fieldset;
  }

  send(dimension, parts) {
    const chosen = (which) => {
      const radio = parts.radios[which].find((r) => r.checked);
      return radio ? radio.value : "";
    };
    this.ctx.send("spectrum.mark", {
      activity: this.id, dimension: dimension.key, now: chosen("now"), aspiration: chosen("aspiration"),
    });
  }

  updateRow(activity, state, key, parts) {
    const t = this.ctx.text;
    const mine = (state.mine || {})[key];
    const pending = this.pending(key);
    if (parts.form) {
      const open = activity.phase === "mark";
      parts.form.hidden = !open && activity.phase !== "not_started";
      for (const which of WHICH) {
        for (const radio of parts.radios[which]) {
          radio.disabled = !open;
          if (!pending) radio.checked = !!mine && String(mine[which]) === radio.value;
        }
      }
      parts.mine.textContent = parts.form.hidden && mine
        ? fill(t.textYourMarks, { NOW: mine.now ?? "–", ASPIRATION: mine.aspiration ?? "–" }) : "";
      parts.status.textContent = pending ? t.textSaving : "";
    }
    this.renderResults(parts, state.results, key);
  }

  pending(key) {
    return this.ctx.pending((entry) => entry.action === "spectrum.mark"
      && entry.payload.activity === this.id && entry.payload.dimension === key);
  }

  /** How many placed the dimension at each point, now and where it should
   * be: the dot plot's text alternative. */
  renderResults(parts, results, key) {
    const rows = results ? results.overall.filter((row) => row.dimension === key) : null;
    const signature = JSON.stringify(rows);
    if (parts.resultsSig === signature) return;
    parts.resultsSig = signature;
    parts.results.replaceChildren();
    if (!rows) return;
    const t = this.ctx.text;
    const table = element("table", "table counts");
    const caption = element("caption", "", t.textCountsCaption);
    caption.append(element("span", "visually-hidden", `: ${parts.label}`));
    table.append(caption);
    const head = element("tr");
    head.append(element("th", "", t.textPoint));
    for (const which of WHICH) {
      const th = element("th", "", which === "now" ? t.textNow : t.textAspiration);
      th.scope = "col";
      head.append(th);
    }
    const thead = element("thead");
    thead.append(head);
    const body = element("tbody");
    for (let point = 1; point <= this.points; point += 1) {
      const tr = element("tr");
      const th = element("th", "", String(point));
      th.scope = "row";
      tr.append(th);
      for (const which of WHICH) {
        const row = rows.find((r) => r.position === point && r.which === which);
        tr.append(element("td", "", String(row ? row.count : 0)));
      }
      body.append(tr);
    }
    table.append(thead, body);
    parts.results.append(table);
  }
}
