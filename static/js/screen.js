// The projector screen: the room's view of the workshop, read only.
import { mountBoards } from "./board.js";
import { connect } from "./live.js";

const status = document.getElementById("connection-status");
const { socket, say } = connect(status.dataset.workshop, { projector: status.dataset.token }, status);

socket.on("workshop_deleted", () => {
  say("textDeleted");
  socket.disconnect();
});

mountBoards(document.getElementById("boards-area"), socket, "projector");
