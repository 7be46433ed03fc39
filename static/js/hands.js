// Raised hands (app/hands.py): a participant's "raise my hand" button, and
// the facilitator's list of raised hands, first raised first, each with a
// button to lower it. Both read the merged stream state the boards keep and
// send through the same outbox. Names are only ever set with textContent.
import { element } from "./dom.js";

/** Mount the hands panel `root` (its data-* attributes carry the strings)
 * beside `boards` (from mountBoards); `role`: "participant" or "facilitator". */
export function mountHands(root, boards, role) {
  const text = root.dataset;
  if (role === "participant") {
    const button = root.querySelector("button.hand");
    const status = root.querySelector(".hand-status");
    button.hidden = false;
    let up = false;
    button.addEventListener("click", () => {
      boards.send(up ? "hand.lower" : "hand.raise", {});
    });
    boards.listeners.push((state) => {
      up = state.myHand;
      button.textContent = up ? text.textLower : text.textRaise;
      button.setAttribute("aria-pressed", String(up));
      status.textContent = up ? text.textUp : "";
    });
    return;
  }
  const list = root.querySelector("ol.hands");
  const empty = root.querySelector(".hands-empty");
  boards.listeners.push((state) => {
    list.replaceChildren(...state.hands.map((hand) => row(hand, boards, text)));
    empty.hidden = state.hands.length > 0;
  });
}

function row(hand, boards, text) {
  const item = element("li", "hand");
  const lower = element("button", "small", text.textLower);
  lower.type = "button";
  lower.setAttribute("aria-label", text.textLowerLabel.replace("NAME", hand.name));
  lower.addEventListener("click", () => {
    boards.send("hand.lower", { participant: hand.participant });
  });
  item.append(element("span", "name", hand.name), lower);
  return item;
}
