// Drag and drop on the board, beside the move buttons: a drop moves the
// note the same way (Boards.moveTo). Only notes this person may move are
// draggable (board_note.js), and never while being edited.

// A drag's data type of our own: dropped on a text box or another program,
// a note gives nothing.
const NOTE_TYPE = "application/x-common-ground-note";

export class NoteDrag {
  constructor(boards) {
    this.boards = boards;
    this.dragging = null; // {activity, note} ids while a note is dragged
    this.dropMarks = []; // elements showing where a dragged note would land
  }

  /** A note's drag began (board_note.js makes notes this person may move
   * draggable). During the drag only the data's types can be read, so the
   * note is remembered here. */
  start(event, activity, note) {
    this.dragging = { activity: activity.id, note: note.id };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData(NOTE_TYPE, note.id);
    const item = event.currentTarget;
    // After the browser has taken its picture of the note for the pointer
    // (unless the drag has already ended).
    requestAnimationFrame(() => {
      if (this.dragging && this.dragging.note === note.id) item.classList.add("dragging");
    });
  }

  end(event) {
    event.currentTarget.classList.remove("dragging");
    this.dragging = null;
    this.show(null);
  }

  /** A column takes a note of its own board dropped anywhere on it. */
  acceptDrops(activityId, columnKey, col) {
    const where = (event) => this.target(event, activityId, columnKey, col.list);
    col.el.addEventListener("dragover", (event) => {
      const target = where(event);
      if (!target) return;
      event.preventDefault(); // says a drop is welcome here
      event.dataTransfer.dropEffect = "move";
      this.show(col, target.before);
    });
    col.el.addEventListener("dragleave", (event) => {
      if (!col.el.contains(event.relatedTarget)) this.show(null);
    });
    col.el.addEventListener("drop", (event) => {
      const target = where(event);
      if (!target) return;
      event.preventDefault();
      this.dragging = null;
      this.show(null);
      this.boards.moveTo(target.activity, target.note, columnKey, target.at);
    });
  }

  /** Where the dragged note would land in the column (`list`, its notes'
   * list) for this pointer: before the first other note whose middle is
   * below it. Null if no note of this board that may move is dragged. */
  target(event, activityId, columnKey, list) {
    const drag = this.dragging;
    if (!drag || drag.activity !== activityId) return null;
    if (!event.dataTransfer.types.includes(NOTE_TYPE)) return null;
    const activity = this.boards.state.activities.find((a) => a.id === activityId);
    const note = activity && activity.notes.find((n) => n.id === drag.note);
    if (!note || !this.boards.can(activity, "move")) return null;
    const items = columnNotes(activity, columnKey)
      .filter((n) => n.id !== note.id)
      .map((n) => list.querySelector(`:scope > [data-note="${CSS.escape(n.id)}"]`));
    const at = items.findIndex((item) => item && middle(item) > event.clientY);
    const place = at < 0 ? items.length : at;
    return { activity, note, at: place, before: items[place] || null };
  }

  /** The drop indicator: the column outlined, and a bar before the note the
   * dragged one would go before, or at the end of the list. */
  show(col, before) {
    for (const el of this.dropMarks) el.classList.remove("drop-target", "drop-before", "drop-at-end");
    this.dropMarks = [];
    if (!col) return;
    col.el.classList.add("drop-target");
    const bar = before || col.list;
    bar.classList.add(before ? "drop-before" : "drop-at-end");
    this.dropMarks = [col.el, bar];
  }
}

/** The notes shown in a column: those under no theme (a theme shows its
 * own, board_grouping.js). */
export function columnNotes(activity, column) {
  return activity.notes.filter((note) => note.column === column && !note.theme);
}

function middle(el) {
  const box = el.getBoundingClientRect();
  return box.top + box.height / 2;
}
