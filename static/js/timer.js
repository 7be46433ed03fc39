// The activity timer (app/timer.py). Facilitators start, pause, extend and
// stop it from the console; participants and the projector see the
// countdown of the activity they are on. Every screen counts down locally
// to the server's end time, corrected by how far the server's clock is from
// this one (streams.js keeps that offset from the `now` every timer event
// and snapshot carries), so screens agree whatever their own clocks say.
// The screen reader hears start, pause, extend, stop and "time is up" once,
// never the ticking; a sound at the end plays only where its person chose it.
import { element, fill } from "./dom.js";

const SOUND_KEY = "common-ground:timer-sound";
const SHORTEST = 10; // seconds, as the server allows (app/timer.py)
const LONGEST = 4 * 60 * 60;

/** Mount the timer panel `root` (its data-* attributes carry the strings)
 * beside `boards` (from mountBoards); `role`: "facilitator", "participant"
 * or "projector". */
export function mountTimer(root, boards, role) {
  const panel = new TimerPanel(root, boards, role);
  boards.listeners.push((state) => panel.update(state));
  return panel;
}

class TimerPanel {
  constructor(root, boards, role) {
    this.root = root;
    this.text = root.dataset;
    this.box = root.querySelector(".timer-box");
    this.display = root.querySelector(".timer-display");
    this.status = root.querySelector(".timer-status");
    this.announcer = root.querySelector(".timer-announcer");
    this.sound = new SoundCue(root.querySelector("input.timer-sound"));
    this.activity = null; // the id of the activity whose timer is shown
    this.timer = null; // its timer, as the server last said
    this.known = false; // whether the timers have come yet (a first snapshot)
    this.offset = 0; // the server's clock less ours, in ms
    this.tick = null;
    this.armed = null; // the run seen counting here, whose end we may announce
    this.ended = null; // the run whose end was already shown
    this.controls = role === "facilitator" ? new Controls(this, boards) : null;
  }

  /** The merged state changed (any render): follow it, count from it. */
  update(state) {
    const id = this.controls ? this.controls.shown(state) : state.current;
    const timer = (id && state.timers.get(id)) || null;
    this.offset = state.clockOffset;
    // Only a change seen here is news: not the timers a first snapshot brings.
    const known = state.timersKnown;
    if (id === this.activity && this.known && known) this.announceChange(this.timer, timer);
    else if (id !== this.activity) this.armed = this.ended = null;
    this.known = known;
    this.activity = id;
    this.timer = timer;
    if (this.controls) this.controls.update(state, timer);
    this.draw();
  }

  secondsLeft(timer = this.timer) {
    if (!isSet(timer)) return null;
    if (!timer.running) return timer.remaining;
    return (Date.parse(timer.ends_at) - (Date.now() + this.offset)) / 1000;
  }

  draw() {
    clearTimeout(this.tick);
    const timer = this.timer;
    const left = this.secondsLeft();
    const up = left !== null && left <= 0;
    let state = "none";
    if (left !== null) state = up ? "up" : timer.running ? "running" : "paused";
    this.root.dataset.state = state;
    if (this.box) this.box.hidden = state === "none";
    this.display.textContent = left === null ? "--:--" : clock(left);
    this.status.textContent = {
      none: this.text.textNone,
      up: this.text.textUp,
      running: this.text.textRunning,
      paused: this.text.textPaused,
    }[state];
    if (this.controls) this.controls.buttons(timer, left);
    if (up) this.timeUp(timer);
    else if (left !== null) this.armed = runKey(timer);
    if (state === "running") {
      // Wake as the shown second changes, not more often.
      const wait = (left * 1000) % 1000 || 1000;
      this.tick = setTimeout(() => this.draw(), wait + 20);
    }
  }

  /** Reached zero: said and played once per run, and only for a run this
   * page saw counting (a page opened after the end just shows it). */
  timeUp(timer) {
    const key = runKey(timer);
    if (this.ended === key) return;
    this.ended = key;
    if (this.armed !== key) return;
    this.say(this.text.textUp);
    this.sound.play();
  }

  announceChange(before, after) {
    if (!isSet(before) && !isSet(after)) return;
    if (!isSet(after)) return this.say(this.text.textAnnounceStopped);
    const time = spoken(this.secondsLeft(after), this.text.textSpoken);
    if (!isSet(before)) return this.say(fill(this.text.textAnnounceStarted, { TIME: time }));
    if (runKey(before) === runKey(after) && before.running === after.running) return;
    this.say(fill(this.text[changeOf(before, after)], { TIME: time }));
  }

  say(message) {
    // The same words twice in a row must still be heard as news.
    const same = this.announcer.textContent === message;
    this.announcer.textContent = same ? `${message}\u00a0` : message;
  }
}

/** The console's controls: which activity, start, pause or resume, add
 * time, stop. Changes go out through the boards' outbox. */
class Controls {
  constructor(panel, boards) {
    this.panel = panel;
    this.boards = boards;
    this.text = panel.text;
    const root = panel.root;
    this.select = root.querySelector("select.timer-activity");
    this.length = root.querySelector("input.timer-length");
    this.form = root.querySelector("form.timer-start");
    this.pause = root.querySelector("button.timer-pause");
    this.adds = [...root.querySelectorAll("button.timer-add")];
    this.stop = root.querySelector("button.timer-stop");
    this.by = root.querySelector(".timer-by");
    this.message = root.querySelector(".timer-message");
    this.chosen = null; // an activity picked here; else the current one
    this.lengthFor = null; // the activity the length box was filled for
    this.signature = "";
    this.listen();
    // A refused timer change is said here, beside the buttons, as well.
    const refused = boards.outbox.onRefused;
    boards.outbox.onRefused = (entry, ack) => {
      refused(entry, ack);
      if (entry.action.startsWith("timer.")) this.message.textContent = ack.message || this.text.textFailed;
    };
  }

  listen() {
    this.select.addEventListener("change", () => {
      this.chosen = this.select.value;
      this.boards.render();
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const seconds = parseLength(this.length.value);
      if (seconds === null || seconds < SHORTEST || seconds > LONGEST) {
        this.message.textContent = this.text.textBadLength;
        this.length.focus();
        return;
      }
      this.send("timer.start", { seconds });
    });
    this.pause.addEventListener("click", () => {
      this.send(this.panel.timer.running ? "timer.pause" : "timer.start", {});
    });
    for (const add of this.adds) {
      add.addEventListener("click", () => this.send("timer.extend", { seconds: Number(add.dataset.seconds) }));
    }
    this.stop.addEventListener("click", () => this.send("timer.stop", {}));
  }

  send(action, payload) {
    this.message.textContent = "";
    this.boards.send(action, { activity: this.panel.activity, ...payload });
  }

  /** The activity whose timer the console shows. */
  shown(state) {
    const ids = state.activities.map((activity) => activity.id);
    if (this.chosen && ids.includes(this.chosen)) return this.chosen;
    if (state.current && ids.includes(state.current)) return state.current;
    return ids[0] || null;
  }

  update(state, timer) {
    const id = this.panel.activity;
    this.fillSelect(state.activities, id);
    const activity = state.activities.find((each) => each.id === id);
    if (id !== this.lengthFor) {
      this.lengthFor = id;
      this.length.value = String((activity && activity.minutes) || 5);
    }
    this.form.querySelector("button").disabled = !id;
    this.length.disabled = !id;
    const by = isSet(timer) && timer.by;
    this.by.textContent = by ? fill(this.text.textBy, { NAME: by }) : "";
  }

  /** What each button can do now (past zero a timer cannot be paused). */
  buttons(timer, left) {
    const has = isSet(timer);
    this.pause.textContent = has && !timer.running ? this.text.textResume : this.text.textPause;
    this.pause.disabled = !has || (timer.running && left <= 0);
    for (const add of this.adds) add.disabled = !has;
    this.stop.disabled = !has;
    // A button just disabled under the keyboard would drop focus to the page.
    const focused = document.activeElement;
    if (focused && focused.disabled && this.panel.root.contains(focused)) this.length.focus();
  }

  fillSelect(activities, selected) {
    const signature = JSON.stringify(activities.map((a) => [a.id, a.title]));
    if (signature !== this.signature) {
      this.signature = signature;
      this.select.replaceChildren(...activities.map((activity) => {
        const option = element("option", "", activity.title);
        option.value = activity.id;
        return option;
      }));
    }
    this.select.value = selected || "";
    this.select.disabled = activities.length === 0;
  }
}

/** A sound at the end, for those who turn it on for their own device (kept
 * in localStorage). Browsers let a page make sound only after a click or a
 * key press on it, so the audio is readied on the first one. */
class SoundCue {
  constructor(box) {
    this.box = box;
    this.context = null;
    if (!box) return;
    box.checked = remembered() === "on";
    box.addEventListener("change", () => {
      remember(box.checked ? "on" : "off");
      if (box.checked) this.ready();
    });
    for (const type of ["pointerdown", "keydown"]) {
      document.addEventListener(type, () => this.box.checked && this.ready(), { once: true });
    }
  }

  ready() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!this.context && Context) this.context = new Context();
    if (this.context && this.context.state === "suspended") this.context.resume();
  }

  /** Two soft notes, rising, about a second in all. */
  play() {
    if (!this.box || !this.box.checked || !this.context) return;
    const audio = this.context;
    [523.25, 659.25].forEach((pitch, index) => {
      const start = audio.currentTime + index * 0.35;
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = pitch;
      volume.gain.setValueAtTime(0.0001, start);
      volume.gain.exponentialRampToValueAtTime(0.15, start + 0.04);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      tone.connect(volume).connect(audio.destination);
      tone.start(start);
      tone.stop(start + 0.65);
    });
  }
}

function remembered() {
  try {
    return localStorage.getItem(SOUND_KEY);
  } catch {
    return null; // storage blocked: the box starts unticked
  }
}

function remember(value) {
  try {
    localStorage.setItem(SOUND_KEY, value);
  } catch {
    // Storage blocked: the choice lasts until the page closes.
  }
}

/** What happened between two states of one timer: the string to say. */
function changeOf(before, after) {
  const restarted = after.running && after.remaining === after.duration
    && after.started_at !== before.started_at;
  if (restarted) return "textAnnounceStarted";
  if (after.duration > before.duration) return "textAnnounceExtended";
  if (before.running && !after.running) return "textAnnouncePaused";
  if (!before.running && after.running) return "textAnnounceResumed";
  return "textAnnounceStarted";
}

function isSet(timer) {
  return Boolean(timer) && timer.duration != null;
}

/** One run of a timer: a change of end, length or pause makes a new one. */
function runKey(timer) {
  return [timer.activity, timer.duration, timer.ends_at, timer.remaining].join("|");
}

/** Seconds left as the screen shows them: m:ss, or h:mm:ss; never below 0. */
function clock(left) {
  const total = Math.max(0, Math.ceil(left));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  if (hours) return `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`;
  return `${String(minutes).padStart(2, "0")}:${seconds}`;
}

/** Seconds left as words for a screen reader ("4 min 30 s"). */
function spoken(left, template) {
  const total = Math.max(0, Math.ceil(left));
  return fill(template, { 111111: Math.floor(total / 60), 222222: total % 60 });
}

/** A length typed as minutes ("5", "1.5") or minutes:seconds ("4:30"). */
function parseLength(value) {
  const text = value.trim();
  const whole = /^(\d{1,3})$/.exec(text);
  if (whole) return Number(whole[1]) * 60;
  const split = /^(\d{1,3}):([0-5]\d)$/.exec(text);
  if (split) return Number(split[1]) * 60 + Number(split[2]);
  const decimal = /^(\d{1,3})[.,](\d{1,2})$/.exec(text);
  if (decimal) return Math.round(Number(`${decimal[1]}.${decimal[2]}`) * 60);
  return null;
}
