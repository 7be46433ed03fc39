// The facilitator's console: who is here, updated live from `presence` events.
import { mountAnnouncement } from "./announcement.js";
import { mountBoards } from "./board.js";
import { mountControlLog } from "./cofacilitation.js";
import { mountBreaks, mountHands } from "./hands.js";
import { mountPresenting } from "./presenting.js";
import { connect, newOpId } from "./live.js";
import { mountSpotlight } from "./spotlight.js";
import { mountTimer } from "./timer.js";

const list = document.getElementById("presence");
const data = list.dataset;
const labels = JSON.parse(data.labels);
const people = new Map(); // participant id -> view from the server
const announcer = document.getElementById("presence-announcer");
const status = document.getElementById("connection-status");
const { socket, say } = connect(data.workshop, {}, status);

// The server closes our connection after these; say why, and stop.
for (const [event, key] of [["signed_out", "textSignedOut"], ["workshop_deleted", "textDeleted"]]) {
  socket.on(event, () => {
    say(key);
    socket.disconnect();
  });
}

mountPresenting(document.getElementById("presenting-switch"), document.getElementById("presenting-status"));
mountControlLog(document.getElementById("control-log"), socket);

// The workshop's activities, live, with the facilitator's controls.
const boards = mountBoards(document.getElementById("boards-area"), socket, "facilitator");
// Raised hands, in the order raised.
mountHands(document.getElementById("hands"), boards, "facilitator");
// Who asked for a break; the message to everyone; the spotlight's buttons.
mountBreaks(document.getElementById("breaks"), boards, "facilitator");
const roomBanners = document.getElementById("room-banners");
mountAnnouncement(roomBanners, boards, "facilitator");
mountSpotlight(roomBanners, boards, "facilitator");
// The activity timer, with its controls.
mountTimer(document.getElementById("timer"), boards, "facilitator");

socket.on("presence", (message) => {
  if (message.participants) {
    people.clear();
    message.participants.forEach((person) => people.set(person.id, person));
  } else {
    announce(message.participant);
    if (message.participant.removed) people.delete(message.participant.id);
    else people.set(message.participant.id, message.participant);
  }
  render();
});

function announce(person) {
  const before = people.get(person.id);
  if (person.online && !(before && before.online)) {
    announcer.textContent = data.textJoined.replace("NAME", person.name);
  } else if (!person.online && before && before.online) {
    announcer.textContent = data.textLeft.replace("NAME", person.name);
  }
}

function render() {
  const all = [...people.values()];
  list.replaceChildren(...all.map(row));
  const online = all.filter((person) => person.online).length;
  document.getElementById("presence-count").textContent = data.textCount
    .replace("111111", online)
    .replace("222222", all.length);
  const empty = document.getElementById("presence-empty");
  if (empty) empty.hidden = all.length > 0;
}

// Builds the same markup as templates/run/_participant.html, text only.
function row(person) {
  const item = element("li", "participant" + (person.online ? " online" : ""));
  item.dataset.id = person.id;
  item.append(
    presenceStatus(person),
    element("span", "name", person.name),
    element("span", "role", labels.roles[person.role] || person.role),
    element("span", "org", organisation(person)),
  );
  if (!person.device) item.append(scribeLink(person));
  item.append(removeForm(person));
  return item;
}

function presenceStatus(person) {
  if (!person.device) return element("span", "status no-device", data.textNoDevice);
  return element("span", "status", person.online ? data.textOnline : data.textOffline);
}

// Someone here without a device: a facilitator enters for them (app/scribe.py).
function scribeLink(person) {
  const link = element("a", "button small secondary scribe-link", data.textScribe.replace("NAME", person.name));
  link.href = data.scribeUrl.replace("PARTICIPANT", encodeURIComponent(person.id));
  return link;
}

function organisation(person) {
  const type = labels.organisation_types[person.organisation_type] || "";
  return person.organisation ? `${person.organisation} · ${type}` : type;
}

function removeForm(person) {
  const form = element("form", "inline remove");
  form.method = "post";
  form.action = data.removeUrl.replace("PARTICIPANT", encodeURIComponent(person.id));
  const csrf = element("input");
  Object.assign(csrf, { type: "hidden", name: "csrf_token", value: data.csrf });
  const opId = element("input");
  Object.assign(opId, { type: "hidden", name: "op_id", value: newOpId() });
  const button = element("button", "danger small", data.textRemove);
  button.type = "submit";
  button.setAttribute("aria-label", data.textRemoveLabel.replace("NAME", person.name));
  form.append(csrf, opId, button);
  return form;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
