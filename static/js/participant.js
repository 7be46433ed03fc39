// The participant's page: stay connected so the facilitator sees us here.
import { mountBoards } from "./board.js";
import { mountHands } from "./hands.js";
import { connect } from "./live.js";

const status = document.getElementById("connection-status");
const { socket, say } = connect(status.dataset.workshop, { token: status.dataset.token }, status);

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
