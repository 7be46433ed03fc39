// The yellow brick road (pathway), live: the room names a service and maps
// the steps a person takes through it, left to right like a road; on each
// step the resources needed and the brick walls met, each wall with its ways
// over; and, apart, how progress would be measured. Anyone mapping may add,
// change, move or delete any card (only in the "map" phase). Participants
// see their own road, facilitators and the projector every road. Built once
// per road and per card (pathway_dom.js), then updated in place, so focus
// and half-typed text survive changes from others; what a person changes
// goes out through pathway_changes.js.
import { fill, element, reorder } from "../dom.js";
import { buildCard, buildPlaceholder, buildRoad, updateEdit } from "./pathway_dom.js";
import { mineKey, refused, samePlace } from "./pathway_changes.js";

export function createView(ctx, activity) {
  return new PathwayView(ctx, activity);
}

class PathwayView {
  constructor(ctx, activity) {
    this.ctx = ctx;
    this.t = ctx.text;
    this.id = activity.id;
    this.el = element("div", "pathway");
    this.summary = element("p", "pathway-summary");
    this.roadList = element("div", "pathway-roads");
    // New cards by others, said politely.
    this.announcer = element("div", "visually-hidden pathway-announcer");
    this.announcer.setAttribute("aria-live", "polite");
    this.el.append(this.summary, this.roadList, this.announcer);
    this.roads = new Map(); // road key -> its parts
    this.cards = new Map(); // card id -> its parts
    this.editing = new Map(); // card id -> {text, version, conflict, opId}
    this.confirming = new Set(); // card ids whose delete awaits "Delete for good"
    this.adds = new Map(); // op id -> {payload, road, done}: my adds
    this.placeholders = new Map(); // op id -> its "Saving…" list item
    this.mine = []; // mineKey() of my adds not yet seen in the state
    this.known = new Map(); // road key -> ids of its cards seen so far
  }

  update(activity) {
    const content = activity.method && activity.method.content;
    const roads = this.roadsShown(activity);
    if (!content || !roads) return; // both arrive with the first snapshot
    this.activity = activity;
    this.lanes = Object.fromEntries(content.lanes.map((lane) => [lane.key, lane]));
    this.prompt = this.ctx.markText(content.service_prompt);
    // Everyone maps; in review only the facilitator tidies up.
    this.open = activity.phase === "map" && this.ctx.role !== "projector"
      || activity.phase === "review" && this.ctx.role === "facilitator";
    this.summary.textContent = this.summaryText(activity.phase);
    this.forgetFinished();
    const seen = new Set();
    const sections = roads.map((road) => this.renderRoad(road, roads.length, seen));
    reorder(this.roadList, sections);
    const keys = new Set(roads.map(roadKey));
    for (const key of [...this.roads.keys()]) if (!keys.has(key)) this.roads.delete(key);
    for (const id of [...this.cards.keys()]) {
      if (seen.has(id)) continue;
      this.cards.delete(id);
      this.editing.delete(id);
      this.confirming.delete(id);
    }
    this.announceNew(roads);
  }

  /** Draw again from the last state (after a change only this page knows). */
  refresh() {
    if (this.activity) this.update(this.activity);
  }

  /** The server refused a change of mine (board.js passes it on). */
  refused(entry, ack) {
    refused(this, entry, ack);
  }

  /** Facilitators and the projector read one stream with every road. A
   * participant reads several (the room's, their group's, their private
   * one), each saying "roads" its own way: their group's road if they map
   * one, else the shared road. Null until some stream has said. */
  roadsShown(activity) {
    const whole = activity.state || {};
    if (this.ctx.role !== "participant" || !this.ctx.states) return whole.roads || null;
    const parts = this.ctx.states(this.id).filter((state) => Array.isArray(state.roads));
    if (!parts.length) return null;
    const roads = parts.flatMap((state) => state.roads);
    const own = roads.find((road) => road.group) || roads.find((road) => !road.group);
    return own ? [own] : [];
  }

  summaryText(phase) {
    const t = this.t;
    if (phase === "not_started") return t.textWaiting;
    if (phase === "map") return t.textMapping;
    return t.textReadOnly;
  }

  isPending(opId) {
    return this.ctx.pending((entry) => entry.opId === opId);
  }

  /** Changes of mine the server has answered: adds stop showing as
   * placeholders, edits close (a refused one is reopened by refused()). */
  forgetFinished() {
    for (const [opId, add] of this.adds) {
      if (!add.done && !this.isPending(opId)) add.done = true;
      if (add.done) this.placeholders.delete(opId);
    }
    for (const [id, edit] of this.editing) {
      if (edit.opId && !this.isPending(edit.opId)) this.editing.delete(id);
    }
  }

  renderRoad(road, count, seen) {
    const key = roadKey(road);
    let parts = this.roads.get(key);
    if (!parts) {
      parts = buildRoad(this, key);
      this.roads.set(key, parts);
    }
    parts.road = road;
    const t = this.t;
    const group = road.group ? road.group.name : count > 1 ? t.textSharedRoad : "";
    parts.group.textContent = group ? fill(t.textGroupRoad, { NAME: group }) : "";
    parts.group.hidden = !group;
    parts.service.textContent = road.service || t.textNoService;
    parts.service.classList.toggle("unnamed", !road.service);
    this.renderName(parts, road);
    this.renderLane(parts.steps, road, road.steps, seen);
    this.renderLane(parts.measures, road, road.measures, seen);
    return parts.section;
  }

  /** A group names its own road's service; a facilitator the shared road's
   * (the whole room's name, each group's until it names its own). */
  renderName(parts, road) {
    const mayName = this.ctx.role === "participant" || !road.group;
    parts.nameForm.hidden = !this.open || !mayName;
    const pending = this.ctx.pending((entry) => entry.action === "pathway.name_service"
      && entry.payload.activity === this.id);
    parts.nameStatus.textContent = pending ? this.t.textSaving : "";
    // Never over what the person is typing.
    if (!pending && !parts.nameTyped) parts.nameInput.value = road.service;
  }

  /** A lane's cards, then my new ones still on their way. */
  renderLane(part, road, cards, seen) {
    const items = cards.map((card, index) => this.renderCard(part, road, cards, index, seen));
    for (const [opId, add] of this.adds) {
      if (add.done || add.road !== part.road || !samePlace(add.payload, part.place)) continue;
      if (!this.placeholders.has(opId)) {
        this.placeholders.set(opId, buildPlaceholder(this, add.payload));
      }
      items.push(this.placeholders.get(opId));
    }
    reorder(part.list, items);
    part.empty.hidden = items.length > 0;
    part.form.hidden = !this.open || !this.canAdd(road, part.place.lane, cards);
  }

  /** A facilitator adds to a group's road next to a card already on it (a
   * card with no neighbour goes to the facilitator's own, shared, road). */
  canAdd(road, lane, cards) {
    if (this.ctx.role !== "facilitator" || !road.group) return true;
    return !["steps", "measures"].includes(lane) || cards.length > 0;
  }

  renderCard(part, road, siblings, index, seen) {
    const card = siblings[index];
    seen.add(card.id);
    let parts = this.cards.get(card.id);
    if (!parts) {
      parts = buildCard(this, card, part);
      this.cards.set(card.id, parts);
    }
    Object.assign(parts, { card, siblings, index, lane: part });
    const t = this.t;
    parts.text.textContent = card.text;
    if (parts.number) parts.number.textContent = fill(t.textStepNumber, { 111111: index + 1 });
    const pending = this.ctx.pending((entry) => entry.payload.activity === this.id
      && entry.payload.card === card.id);
    parts.li.classList.toggle("pending", pending);
    parts.status.textContent = pending ? t.textSaving : "";
    const editing = this.open && this.editing.has(card.id);
    const confirming = this.open && this.confirming.has(card.id) && !editing;
    parts.actions.hidden = !this.open || editing || confirming;
    parts.confirm.hidden = !confirming;
    for (const button of [parts.earlier, parts.later]) button.hidden = siblings.length < 2;
    parts.earlier.setAttribute("aria-disabled", String(index === 0));
    parts.later.setAttribute("aria-disabled", String(index === siblings.length - 1));
    updateEdit(parts, editing ? this.editing.get(card.id) : null);
    if (part.place.lane === "steps") {
      this.renderLane(parts.resources, road, card.resources, seen);
      this.renderLane(parts.walls, road, card.walls, seen);
    } else if (part.place.lane === "walls") {
      this.renderLane(parts.overcome, road, card.overcome, seen);
    }
    return parts.li;
  }

  /** Say politely which cards others added (mine were seen coming); a
   * road seen for the first time (the page loading, a group joined) is
   * taken as it is. */
  announceNew(roads) {
    const said = [];
    for (const road of roads) {
      const cards = everyCard(road);
      const known = this.known.get(roadKey(road));
      if (!known) {
        this.known.set(roadKey(road), new Set(cards.map(([, card]) => card.id)));
        continue;
      }
      for (const [lane, card] of cards) {
        if (known.has(card.id)) continue;
        known.add(card.id);
        const at = this.mine.indexOf(mineKey(lane, card.text));
        if (at >= 0) this.mine.splice(at, 1);
        else said.push(fill(this.t.textAnnounceAdded, {
          LANE: this.ctx.markText(this.lanes[lane].label), TEXT: card.text,
        }));
      }
    }
    if (said.length) this.announcer.textContent = said.join(" ");
  }
}

function roadKey(road) {
  return road.group ? road.group.id : "shared";
}

/** Every card of a road, as [lane, card]. */
function everyCard(road) {
  const cards = [];
  for (const step of road.steps) {
    cards.push(["steps", step]);
    for (const card of step.resources) cards.push(["resources", card]);
    for (const wall of step.walls) {
      cards.push(["walls", wall]);
      for (const card of wall.overcome) cards.push(["overcome", card]);
    }
  }
  for (const card of road.measures) cards.push(["measures", card]);
  return cards;
}
