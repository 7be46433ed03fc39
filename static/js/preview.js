// A facilitator's preview of one activity as participants see it: the room's
// view (read with the projector link, so nothing private), drawn with the
// participant's page, sending nothing.
import { mountBoards } from "./board.js";
import { connect } from "./live.js";

const status = document.getElementById("connection-status");
const { socket, say } = connect(status.dataset.workshop, { projector: status.dataset.token }, status);
socket.on("workshop_deleted", () => {
  say("textDeleted");
  socket.disconnect();
});
mountBoards(document.getElementById("boards-area"), socket, "participant", status.dataset.activity);
