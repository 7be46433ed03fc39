// Grouping a board's notes under themes (app/kinds/board_themes.py): the
// themes as headings with their notes clustered under them, a form for a
// new theme, and per theme a rename, merge and split; on each note a
// "Theme" choice. Everything works with the keyboard; changes are announced.
// Each theme carries data-spot="theme:<id>" for the spotlight.
import { element, fill, reorder } from "./dom.js";
import { optionsOf } from "./board_voting.js";

/** Whether this person may change themes on this board now (the server
 * checks the same: facilitators in grouping and discussion, participants
 * in grouping where the board allows it). */
export function canGroup(boards, activity) {
  if (boards.role === "facilitator") return ["grouping", "discussion"].includes(activity.phase);
  return boards.role === "participant" && activity.phase === "grouping"
    && optionsOf(activity).participants_group;
}

/** The themes a note may go under: its group's, or the whole room's. */
export function themesFor(activity, note) {
  return activity.themes.filter((theme) => !theme.group || theme.group === note.group);
}

/** A note's "Theme" choice: a select and a button (no change on every
 * arrow key, which would move the note while someone reads the list). */
export function themeChooser(boards, activity, note, textId) {
  const g = boards.groupingText;
  const form = element("form", "note-theme");
  const id = `theme-${note.id}`;
  const label = element("label", "", g.textNoteTheme);
  label.htmlFor = id;
  const select = element("select");
  select.id = id;
  select.dataset.focus = `${note.id}:theme-choice`;
  select.setAttribute("aria-describedby", textId);
  select.append(new Option(g.textNoTheme, ""));
  for (const theme of themesFor(activity, note)) select.append(new Option(theme.name, theme.id));
  select.value = note.theme || "";
  const button = element("button", "small", g.textSetTheme);
  button.type = "submit";
  button.dataset.focus = `${note.id}:theme`;
  button.setAttribute("aria-describedby", textId);
  form.append(label, select, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if ((note.theme || "") === select.value) return;
    boards.send("board.set_theme", { activity: activity.id, note: note.id, theme: select.value });
  });
  return form;
}

/** What to tell a screen reader of a theme event (anyone's, mine too: a
 * note I grouped moves far from where I was), or null. */
export function themeAnnouncement(boards, event) {
  const g = boards.groupingText;
  const data = event.data || {};
  const name = data.theme ? data.theme.name : "";
  switch (event.action) {
    case "board.create_theme": return name && fill(g.textAnnounceThemeAdded, { NAME: name });
    case "board.rename_theme": return name && fill(g.textAnnounceThemeRenamed, { NAME: name });
    case "board.merge_themes": return name && fill(g.textAnnounceMerged, { NAME: name });
    case "board.split_theme": return name && fill(g.textAnnounceSplit, { NAME: name });
    case "board.set_theme": return data.note ? groupedNote(boards, data.note) : null;
    default: return null;
  }
}

function groupedNote(boards, note) {
  const g = boards.groupingText;
  if (!note.theme) return fill(g.textAnnounceUngrouped, { TEXT: note.text });
  const activity = (boards.state.activities || []).find((a) => a.id === note.activity);
  const theme = activity && activity.themes.find((t) => t.id === note.theme);
  return fill(g.textAnnounceGrouped, { TEXT: note.text, NAME: theme ? theme.name : "" });
}

/** The themes of one board: headings, each with its notes and tools. */
export class ThemeArea {
  constructor(boards, activity) {
    this.boards = boards;
    this.activityId = activity.id;
    this.records = new Map(); // theme id -> {el, name, group, list, empty, tools, sig}
    const g = boards.groupingText;
    this.el = element("section", "board-themes");
    const heading = element("h3", "themes-title", g.textThemes);
    heading.id = `themes-${activity.id}`;
    this.el.setAttribute("aria-labelledby", heading.id);
    this.empty = element("p", "notes-empty", g.textNoThemes);
    this.list = element("ul", "themes");
    this.form = this.boards.role === "projector" ? null : this.newThemeForm(activity);
    this.el.append(heading, ...(this.form ? [this.form.el] : []), this.empty, this.list);
  }

  render(activity) {
    const grouping = canGroup(this.boards, activity);
    this.el.hidden = !(activity.phase === "grouping" || activity.themes.length > 0);
    if (this.form) {
      this.form.el.hidden = !grouping;
      this.form.groups(activity);
    }
    const items = activity.themes.map((theme) => this.renderTheme(activity, theme, grouping));
    for (const id of [...this.records.keys()]) {
      if (!activity.themes.some((theme) => theme.id === id)) this.records.delete(id);
    }
    reorder(this.list, items);
    this.empty.hidden = items.length > 0;
  }

  renderTheme(activity, theme, grouping) {
    let record = this.records.get(theme.id);
    if (!record) {
      record = this.newTheme(theme);
      this.records.set(theme.id, record);
    }
    record.name.textContent = theme.name;
    const showGroup = theme.group_name && this.boards.role !== "participant";
    record.group.hidden = !showGroup;
    record.group.textContent = showGroup ? fill(this.boards.groupingText.textThemeGroup, { NAME: theme.group_name }) : "";
    const notes = activity.notes.filter((note) => note.theme === theme.id);
    const items = notes.map((note, index) => this.boards.noteItem(activity, note, notes, index));
    reorder(record.list, items);
    record.empty.hidden = items.length > 0;
    this.renderTools(activity, theme, notes, record, grouping);
    return record.el;
  }

  newTheme(theme) {
    const el = element("li", "theme");
    el.dataset.theme = theme.id;
    el.dataset.spot = `theme:${theme.id}`;
    const name = element("h4", "theme-name");
    name.id = `theme-name-${theme.id}`;
    el.setAttribute("aria-labelledby", name.id);
    const group = element("p", "theme-group");
    const list = element("ul", "notes");
    const empty = element("p", "notes-empty", this.boards.groupingText.textThemeEmpty);
    const tools = element("div", "theme-tools-slot");
    el.append(name, group, list, empty, tools);
    return { el, name, group, list, empty, tools, sig: null };
  }

  /** Rename, merge and split, rebuilt only when what they offer changes;
   * what was open, typed, chosen or ticked is kept. */
  renderTools(activity, theme, notes, record, grouping) {
    const others = activity.themes.filter((other) => other.id !== theme.id
      && (!other.group || other.group === theme.group));
    const sig = JSON.stringify([grouping, theme.name, others.map((o) => [o.id, o.name]),
      notes.map((n) => [n.id, n.text])]);
    if (record.sig === sig) return;
    record.sig = sig;
    if (!grouping) {
      record.tools.replaceChildren();
      return;
    }
    const kept = keptValues(record.tools);
    const renamed = record.named !== theme.name;
    record.named = theme.name;
    record.tools.replaceChildren(themeTools(this.boards, activity, theme, notes, others));
    restoreValues(record.tools, kept, renamed);
  }

  newThemeForm(activity) {
    const g = this.boards.groupingText;
    const el = element("form", "new-theme");
    const id = `new-theme-${activity.id}`;
    const label = element("label", "", g.textNewTheme);
    label.htmlFor = id;
    const field = element("input");
    Object.assign(field, { type: "text", id, maxLength: 80, required: true });
    field.dataset.focus = `new-theme:${activity.id}`;
    const groupWrap = element("span", "new-theme-group");
    const groupLabel = element("label", "", g.textThemeFor);
    const select = element("select");
    select.id = `${id}-group`;
    groupLabel.htmlFor = select.id;
    groupWrap.append(groupLabel, select);
    const button = element("button", "small", g.textAddTheme);
    button.type = "submit";
    el.append(label, field, groupWrap, button);
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = field.value.trim();
      if (!name) {
        this.boards.message.textContent = g.textNameFirst;
        field.focus();
        return;
      }
      const payload = { activity: activity.id, name };
      if (!groupWrap.hidden && select.value) payload.group = select.value;
      this.boards.send("board.create_theme", payload);
      field.value = "";
      field.focus();
    });
    // A facilitator's theme on a board run in groups: whose it is.
    const groups = (board) => {
      const choices = this.boards.role === "facilitator" && board.in_groups ? board.groups || [] : [];
      groupWrap.hidden = choices.length === 0;
      const sig = JSON.stringify(choices);
      if (select.dataset.sig === sig) return;
      select.dataset.sig = sig;
      const chosen = select.value;
      select.replaceChildren(new Option(g.textWholeRoom, ""),
        ...choices.map((group) => new Option(group.name, group.id)));
      select.value = choices.some((group) => group.id === chosen) ? chosen : "";
    };
    return { el, groups };
  }
}

function themeTools(boards, activity, theme, notes, others) {
  const g = boards.groupingText;
  const details = element("details", "theme-tools");
  details.append(element("summary", "", fill(g.textChangeTheme, { NAME: theme.name })));
  const send = (action, payload) => boards.send(action, { activity: activity.id, theme: theme.id, ...payload });
  const base = `${theme.id}`;
  // Rename.
  const rename = toolForm("rename", `${base}-rename`, g.textRenameLabel, g.textRename);
  rename.field.value = theme.name;
  rename.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = rename.field.value.trim();
    if (!name) boards.message.textContent = g.textNameFirst;
    else if (name !== theme.name) send("board.rename_theme", { name });
  });
  details.append(rename.form);
  // Merge into another theme of the same group (or the room's).
  if (others.length) {
    const merge = toolForm("merge", `${base}-merge`, g.textMergeLabel, g.textMerge, "select");
    for (const other of others) merge.field.append(new Option(other.name, other.id));
    merge.form.addEventListener("submit", (event) => {
      event.preventDefault();
      send("board.merge_themes", { into: merge.field.value });
    });
    details.append(merge.form);
  } else {
    details.append(element("p", "hint", g.textNoMerge));
  }
  details.append(splitForm(boards, theme, notes, send));
  return details;
}

function splitForm(boards, theme, notes, send) {
  const g = boards.groupingText;
  if (!notes.length) return element("p", "hint", g.textNoSplit);
  const form = element("form", "theme-split");
  const fieldset = element("fieldset");
  fieldset.append(element("legend", "", g.textSplitLegend));
  for (const note of notes) {
    const wrap = element("div", "field checkbox");
    const box = element("input");
    Object.assign(box, { type: "checkbox", id: `split-${theme.id}-${note.id}`, value: note.id, name: "notes" });
    box.dataset.focus = box.id;
    const label = element("label", "", note.text);
    label.htmlFor = box.id;
    wrap.append(box, label);
    fieldset.append(wrap);
  }
  const name = labelledField(`${theme.id}-split-name`, g.textSplitName);
  form.append(fieldset, ...name.parts, submitButton(g.textSplit, `${theme.id}-split`));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = [...fieldset.querySelectorAll("input:checked")].map((box) => box.value);
    const newName = name.field.value.trim();
    if (!chosen.length) boards.message.textContent = g.textChooseNotes;
    else if (!newName) boards.message.textContent = g.textNameFirst;
    else {
      send("board.split_theme", { notes: chosen.join(","), name: newName });
      name.field.value = "";
    }
  });
  return form;
}

/** A small form: a labelled field (an input or a select) and a button. */
function toolForm(kind, id, labelText, buttonText, tag = "input") {
  const form = element("form", `theme-${kind}`);
  const { parts, field } = labelledField(id, labelText, tag);
  form.append(...parts, submitButton(buttonText, id));
  return { form, field };
}

function labelledField(id, labelText, tag = "input") {
  const label = element("label", "", labelText);
  label.htmlFor = id;
  const field = element(tag);
  field.id = id;
  field.dataset.focus = id;
  if (tag === "input") Object.assign(field, { type: "text", required: true, maxLength: 80 });
  return { parts: [label, field], field };
}

function submitButton(text, id) {
  const button = element("button", "small", text);
  button.type = "submit";
  button.dataset.focus = `${id}:go`;
  return button;
}

/** What a person had open, typed, chosen or ticked in a theme's tools. */
function keptValues(root) {
  const details = root.querySelector("details");
  const values = {};
  for (const field of root.querySelectorAll("input, select")) {
    values[field.id] = field.type === "checkbox" ? field.checked : field.value;
  }
  return { open: Boolean(details && details.open), values };
}

/** Put them back; a rename box shows the new name if the theme was renamed. */
function restoreValues(root, kept, renamed) {
  const details = root.querySelector("details");
  if (details) details.open = kept.open;
  for (const field of root.querySelectorAll("input, select")) {
    if (!(field.id in kept.values)) continue;
    const value = kept.values[field.id];
    if (field.type === "checkbox") field.checked = value;
    else if (field.tagName === "SELECT") {
      if ([...field.options].some((option) => option.value === value)) field.value = value;
    } else if (!(renamed && field.id.endsWith("-rename"))) field.value = value;
  }
}
