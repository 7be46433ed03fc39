// What a board shows above its columns, phase by phase: what the phase
// allows, the grouping and voting rules, a participant's dots left, the
// facilitator's settings, the ranked results, and the themes.
import { element } from "./dom.js";
import { ThemeArea } from "./board_grouping.js";
import { BoardSettings } from "./board_settings.js";
import { dotsLeft, optionsOf, resultsElement, votingRules } from "./board_voting.js";

export class BoardPanels {
  constructor(boards, activity) {
    this.boards = boards;
    this.hints = JSON.parse(boards.groupingText.phaseHints || "{}");
    this.el = element("div", "board-panels");
    this.hint = element("p", "phase-hint");
    this.rules = element("p", "board-rules");
    // Said again after each of my dots: how many are left.
    this.left = element("p", "dots-left");
    this.left.setAttribute("aria-live", "polite");
    this.settings = boards.role === "facilitator" ? new BoardSettings(boards, activity) : null;
    this.results = element("div", "results-slot");
    this.resultsSig = null;
    this.themes = new ThemeArea(boards, activity);
    this.el.append(this.hint, this.rules, this.left,
      ...(this.settings ? [this.settings.el] : []), this.results, this.themes.el);
  }

  render(activity) {
    this.hint.textContent = this.hints[activity.phase] || "";
    this.rules.textContent = this.rulesText(activity);
    const left = dotsLeft(this.boards, activity);
    if (this.left.textContent !== left) this.left.textContent = left;
    if (this.settings) this.settings.update(activity);
    this.renderResults(activity);
    this.themes.render(activity);
  }

  rulesText(activity) {
    const g = this.boards.groupingText;
    if (activity.phase === "grouping") {
      return optionsOf(activity).participants_group ? g.textAllGroup : g.textWhoGroups;
    }
    return activity.phase === "voting" ? votingRules(this.boards, activity) : "";
  }

  /** Rebuilt only when the ranking or what it shows changes. */
  renderResults(activity) {
    const themes = activity.themes.map((theme) => [theme.id, theme.name]);
    const notes = activity.notes.map((n) => [n.id, n.text, n.votes, n.theme, n.hidden, n.column, n.order]);
    const sig = JSON.stringify([activity.phase, themes, notes]);
    if (sig === this.resultsSig) return;
    this.resultsSig = sig;
    const results = resultsElement(this.boards, activity);
    this.results.replaceChildren(...(results ? [results] : []));
  }
}
