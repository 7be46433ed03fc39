// Signals to the facilitators (app/hands.py): a raised hand, and "I need a
// break". One mechanism for both: the participant's button that raises and
// lowers their own, and the facilitator's list, first raised first, each
// with a button to lower it. Both read the merged stream state the boards
// keep and send through the same outbox. Names are only ever set with
// textContent.
import { element } from "./dom.js";

// How each signal is named in actions, state and its panel's markup.
const HAND = {
  raise: "hand.raise",
  lower: "hand.lower",
  mine: (state) => state.myHand,
  queue: (state) => state.hands,
  button: "button.hand",
  status: ".hand-status",
  list: "ol.hands",
  empty: ".hands-empty",
};
const BREAK = {
  raise: "break.request",
  lower: "break.clear",
  mine: (state) => state.myBreak,
  queue: (state) => state.breaks,
  button: "button.break",
  status: ".break-status",
  list: "ol.breaks",
  empty: ".breaks-empty",
};

/** Mount the hands panel `root` (its data-* attributes carry the strings)
 * beside `boards` (from mountBoards); `role`: "participant" or "facilitator". */
export function mountHands(root, boards, role) {
  mountSignal(root, boards, role, HAND);
}

/** Mount the "I need a break" panel, the same way. */
export function mountBreaks(root, boards, role) {
  mountSignal(root, boards, role, BREAK);
}

function mountSignal(root, boards, role, signal) {
  const text = root.dataset;
  if (role === "participant") {
    const button = root.querySelector(signal.button);
    const status = root.querySelector(signal.status);
    button.hidden = false;
    let up = false;
    button.addEventListener("click", () => {
      boards.send(up ? signal.lower : signal.raise, {});
    });
    boards.listeners.push((state) => {
      up = signal.mine(state);
      button.textContent = up ? text.textLower : text.textRaise;
      button.setAttribute("aria-pressed", String(up));
      status.textContent = up ? text.textUp : "";
    });
    return;
  }
  const list = root.querySelector(signal.list);
  const empty = root.querySelector(signal.empty);
  boards.listeners.push((state) => {
    const queue = signal.queue(state);
    list.replaceChildren(...queue.map((entry) => row(entry, boards, text, signal)));
    empty.hidden = queue.length > 0;
  });
}

function row(entry, boards, text, signal) {
  const item = element("li", "hand");
  const lower = element("button", "small", text.textLower);
  lower.type = "button";
  lower.setAttribute("aria-label", text.textLowerLabel.replace("NAME", entry.name));
  lower.addEventListener("click", () => {
    boards.send(signal.lower, { participant: entry.participant });
  });
  item.append(element("span", "name", entry.name));
  // Since when, where the panel says it (how long someone has waited).
  if (text.textSince) item.append(element("span", "since", text.textSince.replace("TIME", clock(entry.raised_at))));
  item.append(lower);
  return item;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
