// The console's "presenting" switch (issue 7, item 9): when the laptop's own
// screen is shown to the room, hide what only facilitators may see — private
// writing they may read before the reveal, hidden notes, results before the
// reveal, raised hands and other signals. The CSS does the hiding (body
// class "presenting"); the choice lasts for this tab.
const KEY = "commonground.presenting";

/** Wire the switch `button` (aria-pressed) and its status line. */
export function mountPresenting(button, status) {
  const set = (on) => {
    document.body.classList.toggle("presenting", on);
    button.setAttribute("aria-pressed", String(on));
    status.textContent = on ? button.dataset.textOn : "";
    sessionStorage.setItem(KEY, on ? "1" : "");
  };
  button.hidden = false;
  button.addEventListener("click", () => set(button.getAttribute("aria-pressed") !== "true"));
  set(sessionStorage.getItem(KEY) === "1");
}
