// Per-stream order (DESIGN.md, "Audiences, streams and order"): each stream
// this connection reads has its own contiguous number. Events are applied in
// order; a gap is held about a second, then that stream is resynced from its
// last number. What each stream contributed is kept apart, so a snapshot of
// one stream replaces only its own part.

import { markText } from "./texts.js";

const HOLD_MS = 1000;
// Workshop-wide matters each event and snapshot carries whole (null when
// none): the message to everyone, the spotlight (every shared stream), break
// requests (the facilitators' stream) and my own (my private stream).
const ROOM_KEYS = { announcement: "announcement", spotlight: "spotlight", breaks: "breaks", my_break: "myBreak" };
const RETRY_MS = 2000;

export class Streams {
  /**
   * `socket`: a Socket.IO socket. `onChange(event|null)` runs after every
   * change of the merged state (with the live event that caused it, if any).
   */
  constructor(socket, onChange) {
    this.socket = socket;
    this.onChange = onChange;
    this.streams = new Map(); // key -> stream record
    this.you = null;
    this.group = null; // a participant's breakout group: {id, name} or null
    this.tick = 0; // orders contributions: the latest applied wins
    socket.on("welcome", (message) => this.welcome(message));
    socket.on("event", (event) => this.receive(event));
    // A resync cut off by a disconnect gets no answer: allow the next one.
    socket.on("disconnect", () => {
      for (const stream of this.streams.values()) stream.syncing = false;
    });
  }

  stream(key) {
    if (!this.streams.has(key)) {
      this.streams.set(key, {
        key,
        n: null, // last applied number; null until the first snapshot
        held: new Map(), // n -> event waiting for the gap before it
        timer: null,
        syncing: false,
        activities: new Map(), // activity id -> {view, at, method, columns}
        notes: new Map(), // board note id -> {view, at}
        myVotes: new Map(), // board note id -> {dots, activity, at}: my dots
        themes: new Map(), // board theme id -> {view, at}
        states: new Map(), // activity id -> {state, at}: other kinds' state
        current: null, // {id, at}: the activity everyone follows
        groupCurrent: null, // {id, at}: a group stream's own-pace activity
        hands: null, // {list, at}: raised hands (the facilitators' stream)
        myHand: null, // {up, at}: whether my hand is up (my private stream)
        room: new Map(), // ROOM_KEYS key -> {value, at}
        timers: new Map(), // activity id -> {timer, at}: shared streams only
      });
    }
    return this.streams.get(key);
  }

  /** (Re)connected: catch every stream up from its last number. */
  welcome(message) {
    this.you = message.you || null;
    this.group = message.group || null;
    const keys = message.streams || [];
    // A stream we no longer read (moved while away) shows nothing any more.
    for (const key of [...this.streams.keys()]) if (!keys.includes(key)) this.drop(key);
    for (const key of keys) this.resync(this.stream(key));
    this.onChange(null);
  }

  receive(event) {
    const stream = this.stream(event.stream);
    if (stream.n === null) {
      // A stream we have no base for yet (first load, or one just gained).
      stream.held.set(event.n, event);
      this.resync(stream);
      return;
    }
    if (event.n <= stream.n) return; // already applied
    stream.held.set(event.n, event);
    this.drain(stream);
  }

  /** Apply held events while they follow on; wait for a gap to fill. */
  drain(stream) {
    if (stream.syncing || stream.n === null) return;
    for (const n of [...stream.held.keys()]) if (n <= stream.n) stream.held.delete(n);
    while (stream.held.has(stream.n + 1)) {
      const event = stream.held.get(stream.n + 1);
      stream.held.delete(event.n);
      this.apply(stream, event);
      stream.n = event.n;
      this.onChange(event);
    }
    clearTimeout(stream.timer);
    stream.timer = null;
    if (stream.wantSnapshot) this.resync(stream, true);
    else if (stream.held.size > 0) {
      stream.timer = setTimeout(() => this.resync(stream), HOLD_MS);
    }
  }

  /** Ask for what this stream missed (a snapshot the first time, or when
   * `full`: an activity arrived whose columns only a snapshot carries). */
  resync(stream, full = false) {
    if (stream.syncing || !this.socket.connected) return;
    clearTimeout(stream.timer);
    stream.timer = null;
    stream.syncing = true;
    stream.wantSnapshot = false;
    const after = full ? null : stream.n;
    this.socket.emit("resync", { stream: stream.key, after }, (answer) => {
      stream.syncing = false;
      if (answer && answer.error === "not_allowed") {
        // No longer ours (moved out of a group): forget what it showed.
        this.drop(stream.key);
        this.onChange(null);
        return;
      }
      if (!answer || !answer.ok) {
        stream.timer = setTimeout(() => this.resync(stream, full), RETRY_MS);
        return;
      }
      if (answer.snapshot) this.applySnapshot(stream, answer.snapshot);
      for (const event of answer.events || []) {
        if (stream.n !== null && event.n === stream.n + 1) {
          this.apply(stream, event);
          stream.n = event.n;
        }
      }
      this.onChange(null);
      this.drain(stream);
    });
  }

  applySnapshot(stream, snapshot) {
    const at = ++this.tick;
    stream.activities.clear();
    stream.notes.clear();
    stream.myVotes.clear();
    stream.themes.clear();
    stream.states.clear();
    for (const activity of snapshot.activities || []) {
      const { state, ...view } = activity;
      stream.activities.set(view.id, { view, at });
      if (state) this.replaceState(stream, view, state, at);
    }
    stream.current = { id: snapshot.current || null, at };
    if ("group_current" in snapshot) stream.groupCurrent = { id: snapshot.group_current, at };
    this.applyHands(stream, snapshot, at);
    this.applyTimers(stream, snapshot, at);
    this.applyRoom(stream, snapshot, at);
    stream.n = snapshot.n;
  }

  /** An activity's whole state as this stream sees it (a snapshot). */
  replaceState(stream, view, state, at) {
    const entry = stream.activities.get(view.id);
    if (entry) entry.method = state.method;
    if (view.kind === "board") this.replaceNotes(stream, view.id, state, at);
    else stream.states.set(view.id, { state, at });
  }

  /** Replace what `stream` holds of one activity's notes and votes. */
  replaceNotes(stream, activityId, state, at) {
    for (const [id, entry] of stream.notes) {
      if (entry.view.activity === activityId) stream.notes.delete(id);
    }
    for (const note of state.notes || []) stream.notes.set(note.id, { view: note, at });
    if (state.my_dots) {
      for (const [id, vote] of stream.myVotes) {
        if (vote.activity === activityId) stream.myVotes.delete(id);
      }
      for (const [id, dots] of Object.entries(state.my_dots)) {
        stream.myVotes.set(id, { dots, activity: activityId, at });
      }
    }
    if (state.themes) {
      for (const [id, entry] of stream.themes) {
        if (entry.view.activity === activityId) stream.themes.delete(id);
      }
      for (const theme of state.themes) stream.themes.set(theme.id, { view: theme, at });
    }
    const board = stream.activities.get(activityId);
    if (board && state.options) board.options = state.options;
    if (board && state.groups) board.groups = state.groups;
    if (state.columns) {
      const entry = stream.activities.get(activityId);
      if (entry) entry.columns = state.columns.map((c) => ({ ...c, title: markText(c.title) }));
    }
  }

  apply(stream, event) {
    const data = event.data || {};
    const at = ++this.tick;
    if (data.activity && typeof data.activity === "object") {
      const before = stream.activities.get(data.activity.id);
      // The method's content comes only in snapshots: ask for one.
      if (!data.snapshot && !(before && before.method)) stream.wantSnapshot = true;
      stream.activities.set(data.activity.id, {
        view: data.activity,
        at,
        columns: before && before.columns,
        options: before && before.options,
        groups: before && before.groups,
        method: before && before.method,
      });
      if (data.snapshot) this.replaceState(stream, data.activity, data.snapshot, at);
    }
    if (data.state && typeof data.activity === "string") {
      stream.states.set(data.activity, { state: data.state, at });
    }
    if (data.activity_removed) this.removeActivity(data.activity_removed);
    if ("current" in data) stream.current = { id: data.current, at };
    // Only a group's own stream sets its pace (facilitators hear of every group's).
    if ("group_current" in data && stream.key.startsWith("group:")) {
      stream.groupCurrent = { id: data.group_current, at };
    }
    if (data.note) stream.notes.set(data.note.id, { view: data.note, at });
    if (data.note_removed) {
      // Gone from this stream's view means gone from every view we hold:
      // a note is only ever in one shared stream at a time.
      for (const other of this.streams.values()) other.notes.delete(data.note_removed);
    }
    if (data.participant && data.participant === this.you && "group" in data) {
      this.group = data.group || null;
      this.regroup(data.group ? `group:${data.group.id}` : null);
    }
    if (data.my_vote) {
      const activity = data.note ? data.note.activity : data.activity;
      stream.myVotes.set(data.my_vote.note, { dots: data.my_vote.dots, activity, at });
    }
    this.applyThemes(stream, data, at);
    this.applyHands(stream, data, at);
    this.applyTimers(stream, data, at);
    this.applyRoom(stream, data, at);
  }

  applyRoom(stream, data, at) {
    for (const key of Object.keys(ROOM_KEYS)) {
      if (key in data) stream.room.set(key, { value: data[key], at });
    }
  }

  /** A board's themes (app/kinds/board_themes.py): one changed or gone, and
   * the notes that moved with it. */
  applyThemes(stream, data, at) {
    if (data.theme) stream.themes.set(data.theme.id, { view: data.theme, at });
    if (data.theme_removed) {
      for (const other of this.streams.values()) other.themes.delete(data.theme_removed);
    }
    for (const note of data.notes || []) stream.notes.set(note.id, { view: note, at });
  }

  /** Raised hands come whole each time, so a snapshot and an event agree. */
  applyHands(stream, data, at) {
    if (Array.isArray(data.hands)) stream.hands = { list: data.hands, at };
    if ("my_hand" in data) stream.myHand = { up: Boolean(data.my_hand), at };
  }

  /** Timers (app/timer.py) come whole, with the server's time: how far
   * its clock is from ours is what every countdown on this page adds. */
  applyTimers(stream, data, at) {
    if (typeof data.now === "string") this.clockOffset = Date.parse(data.now) - Date.now();
    if (Array.isArray(data.timers)) {
      this.timersKnown = true; // a shared snapshot lists every activity's
      stream.timers.clear();
      for (const timer of data.timers) stream.timers.set(timer.activity, { timer, at });
    }
    if (data.timer) stream.timers.set(data.timer.activity, { timer: data.timer, at });
  }

  /** Gone from one stream means gone from every view we hold. */
  removeActivity(id) {
    for (const stream of this.streams.values()) {
      stream.activities.delete(id);
      stream.states.delete(id);
      stream.timers.delete(id);
      for (const [noteId, entry] of stream.notes) {
        if (entry.view.activity === id) stream.notes.delete(noteId);
      }
      for (const [themeId, entry] of stream.themes) {
        if (entry.view.activity === id) stream.themes.delete(themeId);
      }
    }
  }

  /** We were moved between groups: drop the old group's stream, whose
   * notes we may no longer see, and load the new one from a snapshot. */
  regroup(key) {
    for (const other of [...this.streams.keys()]) {
      if (other.startsWith("group:") && other !== key) this.drop(other);
    }
    if (key) this.resync(this.stream(key));
  }

  drop(key) {
    const stream = this.streams.get(key);
    if (!stream) return;
    clearTimeout(stream.timer);
    this.streams.delete(key);
  }

  /** The merged state: activities in agenda order, each with its notes. */
  state() {
    const activities = new Map();
    const notes = new Map();
    const votes = new Map();
    const themes = new Map();
    const methods = new Map();
    let current = null;
    let groupCurrent = null;
    let hands = null;
    let myHand = null;
    const timers = new Map();
    const room = new Map();
    for (const stream of this.streams.values()) {
      latest(room, stream.room);
      if (stream.hands && (!hands || hands.at < stream.hands.at)) hands = stream.hands;
      if (stream.myHand && (!myHand || myHand.at < stream.myHand.at)) myHand = stream.myHand;
      latest(timers, stream.timers);
      latest(activities, stream.activities);
      for (const [id, entry] of stream.notes) {
        const have = notes.get(id);
        if (!have || have.at < entry.at) notes.set(id, { ...entry, view: keepMine(have && have.view, entry.view) });
        else have.view = keepMine(entry.view, have.view);
      }
      latest(votes, stream.myVotes);
      latest(themes, stream.themes);
      for (const [id, entry] of stream.activities) if (entry.method) methods.set(id, entry.method);
      if (stream.current && (!current || current.at < stream.current.at)) current = stream.current;
      const own = stream.groupCurrent;
      if (own && (!groupCurrent || groupCurrent.at < own.at)) groupCurrent = own;
    }
    const list = [...activities.values()]
      .map((entry) => ({
        ...entry.view,
        columns: entry.columns || [],
        options: entry.options || null,
        groups: entry.groups || [],
        method: methods.get(entry.view.id) || null,
        state: this.mergedState(entry.view.id),
      }))
      .sort((a, b) => compare(a.order, b.order));
    for (const activity of list) {
      activity.notes = [...notes.values()]
        .map((entry) => entry.view)
        .filter((note) => note.activity === activity.id)
        .sort((a, b) => compare(a.order, b.order) || compare(a.id, b.id));
      activity.themes = [...themes.values()]
        .map((entry) => entry.view)
        .filter((theme) => theme.activity === activity.id)
        .sort((a, b) => compare(a.order, b.order) || compare(a.id, b.id));
    }
    // My dots: on each note, and how many I have placed on each board.
    const myVotes = new Map();
    const myDotsUsed = new Map();
    for (const [id, vote] of votes) {
      if (!(vote.dots > 0)) continue;
      myVotes.set(id, vote.dots);
      myDotsUsed.set(vote.activity, (myDotsUsed.get(vote.activity) || 0) + vote.dots);
    }
    // A group working at its own pace follows its activity, else the room's.
    const ownPace = groupCurrent && list.some((a) => a.id === groupCurrent.id) ? groupCurrent.id : null;
    return {
      activities: list,
      myVotes,
      myDotsUsed,
      you: this.you,
      current: ownPace || (current && current.id),
      hands: hands ? hands.list : [],
      myHand: Boolean(myHand && myHand.up),
      // Each activity's timer, and the server's clock less ours (ms).
      timers: new Map([...timers].map(([id, entry]) => [id, entry.timer])),
      clockOffset: this.clockOffset || 0,
      timersKnown: Boolean(this.timersKnown),
      // announcement, spotlight (or null), breaks (a list), myBreak (true/false)
      ...roomState(room),
    };
  }

  /** What every stream says of one activity's state, the latest last: each
   * stream holds its own part (the private stream: mine; shared: results). */
  mergedState(id) {
    const parts = [];
    for (const stream of this.streams.values()) {
      const entry = stream.states.get(id);
      if (entry) parts.push(entry);
    }
    parts.sort((a, b) => a.at - b.at);
    const merged = {};
    for (const { state } of parts) {
      for (const [key, value] of Object.entries(state)) {
        // Lists of things with ids (notes a group sees, notes the room sees)
        // are each stream's share of one list: keep them all.
        merged[key] = listsById(merged[key], value) ? unionById(merged[key], value) : value;
      }
    }
    return merged;
  }
}

function roomState(room) {
  const state = { announcement: null, spotlight: null, breaks: [], myBreak: false };
  for (const [key, entry] of room) {
    const value = entry.value;
    if (key === "breaks") state.breaks = Array.isArray(value) ? value : [];
    else if (key === "my_break") state.myBreak = Boolean(value);
    else state[ROOM_KEYS[key]] = value || null;
  }
  return state;
}

function listsById(...lists) {
  return lists.every((list) => Array.isArray(list)
    && list.every((item) => item && typeof item === "object" && "id" in item));
}

function unionById(older, newer) {
  const byId = new Map(older.map((item) => [item.id, item]));
  for (const item of newer) byId.set(item.id, keepMine(byId.get(item.id), item));
  return [...byId.values()];
}

// An anonymous note comes on a shared stream (mine: false) and on its
// writer's own stream (mine: true): whichever came last, it is still theirs.
function keepMine(older, newer) {
  return older && older.mine && newer.mine === false ? { ...newer, mine: true } : newer;
}

function latest(into, from) {
  for (const [id, entry] of from) {
    const have = into.get(id);
    if (!have || have.at < entry.at) into.set(id, entry);
  }
}

// Order keys are fractional-indexing strings: compare them as bytes.
function compare(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
