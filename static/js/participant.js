// The participant's page: stay connected so the facilitator sees us here.
import { mountBoards } from "./board.js";
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

// The workshop's activities, live.
mountBoards(document.getElementById("boards-area"), socket, "participant");
