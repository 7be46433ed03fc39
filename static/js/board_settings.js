// A facilitator's settings of one board (board.set_options): whether
// participants may gather notes under themes, the dots each person has,
// the most on one note, and whether counts stay hidden until voting closes.
// What someone is typing is kept when the settings change under them.
import { element } from "./dom.js";
import { optionsOf } from "./board_voting.js";

export class BoardSettings {
  constructor(boards, activity) {
    this.boards = boards;
    this.activityId = activity.id;
    this.dirty = false;
    this.shown = null; // the settings the fields were last filled from
    const g = boards.groupingText;
    this.el = element("details", "board-settings");
    this.el.append(element("summary", "", g.textSettings));
    const form = element("form", "board-settings-form");
    const id = (name) => `settings-${activity.id}-${name}`;
    this.fields = {
      participants_group: this.checkbox(form, id("group"), g.textParticipantsGroup),
      budget: this.number(form, id("budget"), g.textBudget),
      per_note: this.number(form, id("per-note"), g.textPerNote),
      hide_votes: this.checkbox(form, id("hide"), g.textHideVotes),
    };
    const save = element("button", "small", g.textSaveSettings);
    save.type = "submit";
    save.dataset.focus = `settings:${activity.id}:save`;
    form.append(save);
    form.addEventListener("input", () => {
      this.dirty = true;
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.el.append(form);
  }

  checkbox(form, id, label) {
    const wrap = element("div", "field checkbox");
    const box = element("input");
    Object.assign(box, { type: "checkbox", id });
    box.dataset.focus = id;
    const text = element("label", "", label);
    text.htmlFor = id;
    wrap.append(box, text);
    form.append(wrap);
    return box;
  }

  number(form, id, label) {
    const wrap = element("div", "field");
    const text = element("label", "", label);
    text.htmlFor = id;
    const field = element("input");
    Object.assign(field, { type: "number", id, min: 1, max: 20, required: true, inputMode: "numeric" });
    field.dataset.focus = id;
    wrap.append(text, field);
    form.append(wrap);
    return field;
  }

  /** Fill the fields from the board's settings, unless they are being changed. */
  update(activity) {
    const options = optionsOf(activity);
    const sig = JSON.stringify(options);
    if (sig === this.shown || (this.dirty && this.el.contains(document.activeElement))) return;
    this.shown = sig;
    this.dirty = false;
    this.fields.participants_group.checked = options.participants_group;
    this.fields.budget.value = options.budget;
    this.fields.per_note.value = options.per_note;
    this.fields.hide_votes.checked = options.hide_votes;
  }

  submit() {
    const f = this.fields;
    this.boards.send("board.set_options", {
      activity: this.activityId,
      participants_group: f.participants_group.checked,
      budget: Number(f.budget.value),
      per_note: Number(f.per_note.value),
      hide_votes: f.hide_votes.checked,
    });
    // The fields keep what was sent; the server's answer fills them again.
    this.dirty = false;
  }
}
