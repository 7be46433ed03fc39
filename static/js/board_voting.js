// Dot voting on a board (app/kinds/board_votes.py): the buttons that place
// and take back a participant's dots, what is left of their budget, and
// once voting closes the results, ranked. The server enforces the budget
// and the most per note: an over-budget dot is refused, and the refusal is
// shown like any other (board.js).
import { element, fill } from "./dom.js";

// As app/kinds/board_settings.py: DEFAULTS and RESULT_PHASES.
const DEFAULTS = { participants_group: false, budget: 3, per_note: 1, hide_votes: false };
export const RESULT_PHASES = ["discussion", "closed"];

export function optionsOf(activity) {
  return { ...DEFAULTS, ...(activity.options || {}) };
}

/** A note's vote buttons (a participant, while voting). `add(key, label,
 * handler, disabled, extra)` makes a button in the note's bar. One dot per
 * note: one button that votes or takes the vote back; more: add and take. */
export function voteButtons(boards, activity, note, dots, add) {
  const t = boards.text;
  const g = boards.groupingText;
  const send = (action) => () => boards.send(action, { activity: activity.id, note: note.id });
  if (optionsOf(activity).per_note === 1) {
    add("vote", dots ? t.textUnvote : t.textVote, send(dots ? "board.unvote" : "board.vote"),
      false, { pressed: dots > 0 });
    return;
  }
  add("vote", g.textAddDot, send("board.vote"));
  if (dots) add("unvote", g.textRemoveDot, send("board.unvote"));
}

/** The count on a note, where this screen is told it. */
export function voteCount(activity, note) {
  if (!("votes" in note)) return null; // hidden until voting closes
  if (note.votes || activity.phase === "voting" || RESULT_PHASES.includes(activity.phase)) {
    return note.votes || 0;
  }
  return null;
}

/** "You have 2 of 3 dots left." for a participant while voting, else "". */
export function dotsLeft(boards, activity) {
  if (boards.role !== "participant" || activity.phase !== "voting") return "";
  const budget = optionsOf(activity).budget;
  const used = boards.state.myDotsUsed.get(activity.id) || 0;
  return fill(boards.groupingText.textDotsLeft, { 111111: Math.max(budget - used, 0), 222222: budget });
}

/** The board's voting rules in words, for the voting phase. */
export function votingRules(boards, activity) {
  const g = boards.groupingText;
  const options = optionsOf(activity);
  const words = [fill(g.textDotRules, { 111111: options.budget, 222222: options.per_note })];
  if (options.hide_votes) {
    words.push(boards.role === "facilitator" ? g.textHiddenVotesFacilitator : g.textHiddenVotes);
  }
  return words.join(" ");
}

/** Notes with dots, most first; ties in the board's order (column, place in
 * the column), as app/kinds/board_results.py ranks them. */
export function ranked(activity) {
  const columns = activity.columns.map((column) => column.key);
  const place = (note) => {
    const at = columns.indexOf(note.column);
    return at < 0 ? columns.length : at;
  };
  return activity.notes
    .filter((note) => !note.hidden && (note.votes || 0) > 0)
    .sort((a, b) => b.votes - a.votes || place(a) - place(b)
      || compare(a.order, b.order) || compare(a.id, b.id));
}

/** The results list, or null outside discussion and closed. */
export function resultsElement(boards, activity) {
  if (!RESULT_PHASES.includes(activity.phase)) return null;
  const g = boards.groupingText;
  const section = element("section", "board-results");
  const heading = element("h3", "results-title", g.textResults);
  heading.id = `results-${activity.id}`;
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading);
  const notes = ranked(activity);
  if (!notes.length) {
    section.append(element("p", "notes-empty", g.textNoResults));
    return section;
  }
  const themes = new Map(activity.themes.map((theme) => [theme.id, theme.name]));
  const list = element("ol", "results-list");
  for (const note of notes) {
    const item = element("li", "result");
    item.dataset.spot = `note:${note.id}`;
    item.append(element("span", "result-text", note.text),
      element("span", "result-dots", fill(g.textResultDots, { 111111: note.votes })));
    if (themes.has(note.theme)) {
      item.append(element("span", "result-theme", fill(g.textGroupedUnder, { NAME: themes.get(note.theme) })));
    }
    list.append(item);
  }
  section.append(list);
  return section;
}

function compare(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
