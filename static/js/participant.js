// The participant's page: stay connected so the facilitator sees us here.
import { mountAnnouncement } from "./announcement.js";
import { mountBoards } from "./board.js";
import { mountBreaks, mountHands } from "./hands.js";
import { connect } from "./live.js";
import { mountSpotlight } from "./spotlight.js";
import { mountTimer } from "./timer.js";

const status = document.getElementById("connection-status");
// A facilitator entering for someone without a device (app/scribe.py)
// connects with their own sign-in, naming that person.
const auth = status.dataset.scribe ? { scribe: status.dataset.scribe } : { token: status.dataset.token };
const { socket, say } = connect(status.dataset.workshop, auth, status);

// The server closes our connection after these: say why, hide the workshop.
for (const [event, key] of [["removed", "textRemoved"], ["workshop_deleted", "textDeleted"]]) {
  socket.on(event, () => {
    say(key);
    document.querySelectorAll("[data-workshop-content]").forEach((node) => {
      node.hidden = true;
    });
    socket.disconnect();
  });
}

// Which breakout group we are in: told on (re)connecting and when moved.
const myGroup = document.getElementById("my-group");
let you = null;
function showGroup(group) {
  myGroup.hidden = !group;
  myGroup.querySelector(".group-name").textContent = group ? group.name : "";
}
socket.on("welcome", (message) => {
  you = message.you;
  showGroup(message.group);
});
socket.on("event", (event) => {
  const data = event.data || {};
  if (you && data.participant === you && "group" in data) showGroup(data.group);
});

// The workshop's activities, live, and a hand to raise.
const boards = mountBoards(document.getElementById("boards-area"), socket, "participant");
mountHands(document.getElementById("hands"), boards, "participant");
// "I need a break", privately; the facilitator's message and spotlight.
mountBreaks(document.getElementById("break-request"), boards, "participant");
const roomBanners = document.getElementById("room-banners");
mountAnnouncement(roomBanners, boards, "participant");
mountSpotlight(roomBanners, boards, "participant");
// The countdown of the activity we are on.
mountTimer(document.getElementById("timer"), boards, "participant");
