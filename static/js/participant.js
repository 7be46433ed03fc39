// The participant's page: stay connected so the facilitator sees us here.
import { connect } from "./live.js";

const status = document.getElementById("connection-status");
const { socket, say } = connect(status.dataset.workshop, { token: status.dataset.token }, status);

socket.on("removed", () => {
  say("textRemoved");
  socket.disconnect();
});
socket.on("workshop_deleted", () => {
  say("textDeleted");
  socket.disconnect();
});
