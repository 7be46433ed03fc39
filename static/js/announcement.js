// The facilitators' message to everyone (app/announcements.py): a banner on
// every live screen, announced to screen readers, until it is cleared or
// replaced. A participant may dismiss it on their own device (remembered
// for that message only: a new one shows again). On the console: the form
// that sends it and the banner's button that clears it.
import { fill } from "./dom.js";

/** `bar`: the room banners (templates/run/_room_banners.html); `boards`:
 * from mountBoards; `role`: "participant", "projector" or "facilitator". */
export function mountAnnouncement(bar, boards, role) {
  const text = bar.dataset;
  const banner = bar.querySelector(".announcement-banner");
  const body = banner.querySelector(".announcement-text");
  const announcer = bar.querySelector(".announcement-announcer");
  const dismissed = new Dismissed(text.workshop);
  let message = null;
  let announced = null; // the `at` of the message last read out

  const render = () => {
    const showing = Boolean(message) && !dismissed.has(message.at);
    banner.hidden = !showing;
    document.body.classList.toggle("has-announcement", showing);
    body.textContent = showing ? message.text : "";
    if (showing && announced !== message.at) {
      announced = message.at;
      announcer.textContent = fill(text.textAnnounced, { TEXT: message.text });
    }
  };
  banner.querySelector(".dismiss-announcement")?.addEventListener("click", () => {
    if (message) dismissed.add(message.at);
    render();
  });
  banner.querySelector(".clear-announcement")?.addEventListener("click", () => {
    boards.send("workshop.clear_announcement", {});
  });
  boards.listeners.push((state) => {
    message = state.announcement;
    render();
  });
  if (role === "facilitator") mountComposer(document.getElementById("announce"), boards);
}

/** The console's form: a message of at most 280 characters, sent to all. */
function mountComposer(panel, boards) {
  const text = panel.dataset;
  const form = panel.querySelector("form");
  const field = form.querySelector("textarea");
  const left = panel.querySelector("#announce-left");
  const status = form.querySelector(".announce-message");
  const count = () => {
    left.textContent = fill(text.textLeft, { 111111: field.maxLength - field.value.length });
  };
  field.addEventListener("input", count);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const message = field.value.trim();
    if (!message) {
      status.textContent = text.textEmpty;
      field.focus();
      return;
    }
    status.textContent = "";
    boards.send("workshop.announce", { text: message });
    field.value = "";
    count();
  });
}

/** Which message this device has dismissed, by its time: kept in the
 * browser (or, where it keeps nothing, for as long as the page is open). */
class Dismissed {
  constructor(workshop) {
    this.key = `common-ground:dismissed:${workshop}`;
    this.latest = null;
  }

  has(at) {
    if (this.latest === at) return true;
    try {
      return window.localStorage.getItem(this.key) === at;
    } catch {
      return false;
    }
  }

  add(at) {
    this.latest = at;
    try {
      window.localStorage.setItem(this.key, at);
    } catch {
      // Storage refused (a private window): remembered in `latest` only.
    }
  }
}
