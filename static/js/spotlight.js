// The spotlight (app/spotlight.py): the one thing the facilitator highlights
// on every screen. The server names it only ({activity, target, key}); each
// screen finds the element it already shows with data-spot="<target>:<key>"
// in that activity's section, marks it (class and aria-current), scrolls it
// into view once, and names it in a banner with the text the screen already
// has — or, where it is not shown (a private or hidden note, another group's
// work), says only that an item is highlighted. On the console, every
// [data-spot] element gets a button to spotlight it, and the banner one to
// clear it.
import { element, fill } from "./dom.js";

// Where an element's own words are, by kind: board and scenario notes,
// themes, scenario topics, checklist elements, spectrum dimensions, pathway
// cards; then any heading.
const LABELS = ".note-text, .theme-name, .topic-heading, .item-text, .dimension-label, .card-text, h3, h4, h5";
const LONGEST = 90;

/** `bar`: the room banners (templates/run/_room_banners.html); `boards`:
 * from mountBoards; `role`: "participant", "projector" or "facilitator". */
export function mountSpotlight(bar, boards, role) {
  const text = bar.dataset;
  const banner = bar.querySelector(".spotlight-banner");
  const line = banner.querySelector(".spotlight-text");
  const announcer = bar.querySelector(".spotlight-announcer");
  const buttons = role === "facilitator" ? new SpotButtons(boards, text) : null;
  banner.querySelector(".clear-spotlight")?.addEventListener("click", () => {
    boards.send("workshop.clear_spotlight", {});
  });
  let said = null; // the spotlight last announced
  let scrolled = null; // the spotlight last scrolled to
  boards.listeners.push((state) => {
    // A spotlight on an activity since removed spotlights nothing.
    const spot = state.spotlight && state.activities.some((a) => a.id === state.spotlight.activity)
      ? state.spotlight : null;
    const target = spot ? find(boards.root, spot) : null;
    mark(boards.root, target);
    if (buttons) buttons.update(spot);
    banner.hidden = !spot;
    document.body.classList.toggle("has-spotlight", Boolean(spot));
    if (!spot) {
      said = scrolled = null;
      line.textContent = "";
      return;
    }
    const label = target ? labelOf(target) : "";
    const says = label ? fill(text.textSpot, { TEXT: label }) : text.textSpotUnknown;
    line.textContent = says;
    const which = signature(spot);
    if (said !== which) {
      said = which;
      announcer.textContent = says;
    }
    if (target && scrolled !== which) {
      scrolled = which;
      bringIntoView(target);
    }
  });
}

function signature(spot) {
  return `${spot.at}|${spot.activity}|${spot.target}:${spot.key}`;
}

/** Every spotlightable element on this screen, with its activity's id. */
function spottable(root) {
  return [...root.querySelectorAll("[data-spot]")]
    .map((el) => ({ el, activity: el.closest("[data-activity]")?.dataset.activity }))
    .filter((found) => found.activity);
}

function find(root, spot) {
  const want = `${spot.target}:${spot.key}`;
  const found = spottable(root).find((s) => s.activity === spot.activity && s.el.dataset.spot === want);
  return found ? found.el : null;
}

function mark(root, target) {
  for (const el of root.querySelectorAll(".spotlit")) {
    if (el === target) continue;
    el.classList.remove("spotlit");
    el.removeAttribute("aria-current");
  }
  if (target && !target.classList.contains("spotlit")) {
    target.classList.add("spotlit");
    target.setAttribute("aria-current", "true");
  }
}

/** The element holding `el`'s own words (not those of a note inside it). */
function ownWords(el) {
  return [...el.querySelectorAll(LABELS)].find((words) => words.closest("[data-spot]") === el) || null;
}

/** The element's own words, shortened: what this screen already shows. */
function labelOf(el) {
  const source = el.dataset.spotLabel || ownWords(el)?.textContent || "";
  const words = source.replace(/\s+/g, " ").trim();
  return words.length > LONGEST ? `${words.slice(0, LONGEST - 1)}…` : words;
}

function bringIntoView(el) {
  // A spotlit element inside a closed disclosure is opened, so it can be seen.
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS" && !node.open) node.open = true;
  }
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView({ block: "center", behavior: calm ? "auto" : "smooth" });
}

/** The console's "Spotlight" button on each spotlightable element, pressed
 * on the one spotlit (pressing it again clears the spotlight). */
class SpotButtons {
  constructor(boards, text) {
    this.boards = boards;
    this.text = text;
    this.made = new WeakMap(); // element -> its button
  }

  update(spot) {
    const current = spot ? `${spot.activity}|${spot.target}:${spot.key}` : null;
    for (const { el, activity } of spottable(this.boards.root)) {
      const button = this.buttonFor(el);
      const [target, ...rest] = el.dataset.spot.split(":");
      const key = rest.join(":");
      const on = current === `${activity}|${target}:${key}`;
      const label = labelOf(el) || this.text.textThisItem;
      button.textContent = on ? this.text.textUnspotButton : this.text.textSpotButton;
      button.setAttribute("aria-pressed", String(on));
      button.setAttribute("aria-label", fill(on ? this.text.textUnspotLabel : this.text.textSpotLabel, { TEXT: label }));
      button.dataset.focus = `spot:${activity}:${el.dataset.spot}`;
      button.onclick = () => {
        if (on) this.boards.send("workshop.clear_spotlight", {});
        else this.boards.send("workshop.spotlight", { activity, target, key });
      };
    }
  }

  /** The element's button, made once and put just after its words. */
  buttonFor(el) {
    let button = this.made.get(el);
    if (button && el.contains(button)) return button;
    button = element("button", "small spot-button");
    button.type = "button";
    const words = ownWords(el);
    if (words) words.after(button);
    else el.prepend(button);
    this.made.set(el, button);
    return button;
  }
}
