// The projector screen: the room's view of the workshop, read only.
import { mountAnnouncement } from "./announcement.js";
import { mountBoards } from "./board.js";
import { connect } from "./live.js";
import { mountSpotlight } from "./spotlight.js";
import { mountTimer } from "./timer.js";

const status = document.getElementById("connection-status");
const { socket, say } = connect(status.dataset.workshop, { projector: status.dataset.token }, status);

socket.on("workshop_deleted", () => {
  say("textDeleted");
  socket.disconnect();
});

const boards = mountBoards(document.getElementById("boards-area"), socket, "projector");
// The facilitator's message and spotlight, large.
const roomBanners = document.getElementById("room-banners");
mountAnnouncement(roomBanners, boards, "projector");
mountSpotlight(roomBanners, boards, "projector");
// The countdown of the activity on screen, large.
mountTimer(document.getElementById("timer"), boards, "projector");
