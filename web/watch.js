/*
 * watch.js: the page of scripts/watch. It reads the kernel's telemetry
 * stream (docs/telemetry.md), line by line, into a Model, and draws the
 * model a few times a second. Live, the lines come from /events
 * (Server-Sent Events); in replay, the page fetches the whole recording
 * from /log and a Player feeds it at the chosen speed, re-reading from
 * the last K line (where every map was sent) when the scrubber moves.
 *
 * Plain JavaScript and canvas: the grid of swap slots must be drawn fast
 * (one cell per slot, tens of thousands) and nothing else here needs a
 * library.
 */
"use strict";

const MODE = document.body.dataset.mode;  // "live" or "replay" (set by scripts/watch)
const RATE_WINDOW_MS = 1000;               // rates per second are over the last second
const SERIES_MS = 120000;                  // the chart's span
const FLASH_MS = 700;                      // how long a written or read slot glows
const EVENT_LOG = 200;
const BAD = -1;

const $ = (id) => document.getElementById(id);

function parseKV(words) {
  const out = {};
  for (const w of words) {
    const i = w.indexOf("=");
    if (i > 0) {
      const v = w.slice(i + 1);
      out[w.slice(0, i)] = /^-?\d+$/.test(v) ? Number(v) : v;
    }
  }
  return out;
}

function num(word) {
  return word.startsWith("0x") ? parseInt(word, 16) : Number(word);
}

/* ---- the model: what the stream says so far --------------------------- */

class Model {
  constructor() { this.reset(); }

  reset() {
    this.header = { page_kb: 4, cluster: 256, period_ms: 200 };
    this.pending = null;      // snapshot being read: S seen, E not yet
    this.snap = null;         // the last complete snapshot {S, A, P}
    this.snaps = [];          // complete snapshots of the last SERIES_MS
    this.maps = new Map();    // area type -> {counts, wr, rd}
    this.names = new Map();   // area type -> name, for the log
    this.known = new Set();   // every area name seen (swapon buttons)
    this.comm = new Map();    // pid -> command, for the log
    this.events = [];         // newest last
    this.inKeyframe = false;  // reading the whole maps after a K
    this.now = 0;             // stream time (ms) of the newest line
    this.changed = true;
    this.eventsChanged = true;
  }

  area(type, slots) {
    let m = this.maps.get(type);
    if (!m || m.counts.length < slots) {
      const counts = new Int16Array(slots);
      const wr = new Float64Array(slots).fill(-1e12), rd = new Float64Array(slots).fill(-1e12);
      if (m) { counts.set(m.counts); wr.set(m.wr); rd.set(m.rd); }
      m = { counts, wr, rd };
      this.maps.set(type, m);
    }
    return m;
  }

  /* One line; with @quiet (seeking) only what the charts need is kept. */
  feed(line, quiet) {
    const w = line.split(" ");
    const tag = w[0];
    switch (tag) {
      case "H": this.header = Object.assign(this.header, parseKV(w.slice(1))); return;
      case "S": this.pending = { S: parseKV(w.slice(1)), Z: [], A: [], P: [] };
        this.now = Math.max(this.now, this.pending.S.t); return;
      case "Z": case "A": case "P": if (this.pending) this.pending[tag].push(parseKV(w.slice(1))); return;
      case "E": return this.commit();
    }
    const wasKeyframe = this.inKeyframe;
    this.inKeyframe = tag === "K" || (wasKeyframe && tag === "M");
    if (quiet) return;
    const t = Number(w[1]);
    if (!(t >= 0)) return;
    this.now = Math.max(this.now, t);
    switch (tag) {
      case "K": return;
      case "Q": return this.log(t, "x", "the kernel powers off: the end of the stream");
      case "M": return this.readMap(w, !wasKeyframe);
      case "w": return this.flash(w, "wr", "written, " + w[5] + "-page ATA commands" +
                                  (w[6] !== "0" ? ", error " + w[6] : ""));
      case "r": return this.flash(w, "rd", "read" + (w[5] !== "0" ? ", " + w[5] + " read ahead" : ""));
      case "f": return this.log(t, tag, (w[4] !== "1" ? w[4] + " major faults" : "major fault") + ": pid " +
                                w[2] + " (" + (this.comm.get(Number(w[2])) || "?") + ") at " + w[3] +
                                (w[4] !== "1" ? " and the " + w[5] + " pages from there" : ""));
      case "l": return this.log(t, tag, "shrink_list" + (w[3] !== "1" ? " ×" + w[3] : "") +
                                (w[2] === "1" ? " (kswapd)" : " (direct)") + ": scanned " + w[4] +
                                ", freed " + w[5] + ", activated " + w[6]);
      case "d": return this.log(t, "x", "ATA " + (w[6] === "w" ? "write" : "read") + " " + w[2] + ": " +
                                (w[4] !== "1" ? w[4] + " commands, " : "") + w[5] + " sectors from " + w[3]);
      case "x": return this.log(t, tag, w.slice(2).join(" "));
    }
  }

  commit() {
    const s = this.pending;
    if (!s) return;
    this.pending = null;
    if (s.S.lost) this.log(s.S.t, "x", s.S.lost + " events dropped: the telemetry thread fell behind (the maps are sent again)");
    this.snap = s;
    this.snaps.push(s);
    while (this.snaps.length > 2 && this.snaps[0].S.t < s.S.t - SERIES_MS) this.snaps.shift();
    const listed = new Set();
    for (const a of s.A) {
      listed.add(a.type);
      this.names.set(a.type, a.name);
      this.known.add(a.name);
      this.area(a.type, a.slots);
    }
    for (const type of [...this.maps.keys()]) if (!listed.has(type)) this.maps.delete(type);
    for (const p of s.P) this.comm.set(p.pid, p.comm);
    this.changed = true;
  }

  /* An M line: slots' counts as they are now. With @changes (not a keyframe), what
   * changed goes to the log: slots allocated, freed, with new counts, gone bad. */
  readMap(w, changes) {
    const type = Number(w[2]), off = Number(w[3]), n = Number(w[4]);
    const known = this.maps.has(type);
    const m = this.area(type, off + n);
    const old = changes && known ? m.counts.slice(off, off + n) : null;
    let i = off;
    for (const run of w.slice(5)) {
      const star = run.indexOf("*");
      const value = (star < 0 ? run : run.slice(0, star));
      const len = star < 0 ? 1 : Number(run.slice(star + 1));
      m.counts.fill(value === "b" ? BAD : Number(value), i, Math.min(i + len, off + n));
      i += len;
    }
    if (old) this.logChanges(Number(w[1]), type, off, old, m.counts);
    this.changed = true;
  }

  logChanges(t, type, off, old, counts) {
    const what = (a, b) => a === b ? null : b === BAD ? "marked bad" : b === 0 ? "freed" :
      a === 0 ? "allocated" : "use count → " + (b > 2 ? "3+" : b);
    for (let i = 0; i < old.length;) {
      const kind = what(old[i], counts[off + i]);
      let j = i + 1;
      while (j < old.length && what(old[j], counts[off + j]) === kind) j++;
      if (kind) this.log(t, "s", this.slotText(["", t, type, off + i, j - i], kind));
      i = j;
    }
  }

  slotText(w, what) {
    const first = Number(w[3]), n = Number(w[4]);
    const name = this.names.get(Number(w[2])) || "area " + w[2];
    return (n > 1 ? "slots " + first + "–" + (first + n - 1) : "slot " + first) + " of " + name + " " + what;
  }

  flash(w, which, what) {
    const type = Number(w[2]), off = Number(w[3]), n = Number(w[4]), t = Number(w[1]);
    const m = this.maps.get(type);
    if (m) m[which].fill(t, off, Math.min(off + n, m.counts.length));
    this.changed = true;
    this.log(t, w[0], this.slotText(w, what));
  }

  log(t, tag, text) {
    this.events.push({ t, tag, text });
    if (this.events.length > EVENT_LOG * 2) this.events.splice(0, this.events.length - EVENT_LOG);
    this.eventsChanged = true;
  }

  /* The snapshot about RATE_WINDOW_MS before the last one, for rates. */
  before(snap, window) {
    let j = this.snaps.length - 1;
    while (j > 0 && this.snaps[j].S.t > snap.S.t - window) j--;
    return this.snaps[Math.max(j, 0)];
  }

  rate(counter) {
    const now = this.snap;
    if (!now) return 0;
    const then = this.before(now, RATE_WINDOW_MS);
    const dt = now.S.t - then.S.t;
    const value = (s) => typeof counter === "function" ? counter(s) : s.S[counter];
    return dt > 0 ? (value(now) - value(then)) * 1000 / dt : 0;
  }
}

/* ---- drawing ------------------------------------------------------------- */

const COLOURS = {
  c0: [42, 46, 54], c1: [58, 121, 216], c2: [143, 95, 214], c3: [214, 95, 181], bad: [0, 0, 0],
  badMark: [229, 51, 51], wr: [255, 77, 77], rd: [77, 255, 240], gap: [11, 12, 14],
};

function slotColour(count) {
  if (count === BAD) return COLOURS.bad;
  if (count === 0) return COLOURS.c0;
  if (count === 1) return COLOURS.c1;
  if (count === 2) return COLOURS.c2;
  return COLOURS.c3;
}

function mix(a, b, f) {
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/* One area's grid: a row per SWAPFILE_CLUSTER slots (or several clusters
 * per row for a big area, with a line between them), a gap between rows. */
function drawArea(model, a, el, now) {
  const m = model.maps.get(a.type);
  if (!m) return;
  const cluster = model.header.cluster || 256;
  const perRow = cluster * Math.max(1, Math.ceil(a.slots / cluster / 128));
  const room = $("areas").clientWidth || 1200;
  const cell = Math.max(1, Math.min(4, Math.floor(room / perRow)));
  const rows = Math.ceil(a.slots / perRow);
  const canvas = el.querySelector("canvas");
  const width = perRow * cell, height = rows * (cell + 1);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(width, height);
  const px = img.data;
  let used = 0, bad = 0, flashing = 0;
  for (let i = 0; i < a.slots; i++) {
    const count = m.counts[i];
    let c = slotColour(count);
    if (count > 0) used++;
    if (count === BAD) bad++;
    const since = Math.min(now - m.wr[i], now - m.rd[i]);
    if (since >= 0 && since < FLASH_MS) {
      c = mix(c, now - m.wr[i] <= now - m.rd[i] ? COLOURS.wr : COLOURS.rd, 1 - since / FLASH_MS);
      flashing++;
    }
    const x0 = (i % perRow) * cell, y0 = Math.floor(i / perRow) * (cell + 1);
    const boundary = perRow > cluster && i % cluster === 0 && i % perRow !== 0;
    for (let dy = 0; dy < cell; dy++) {
      for (let dx = 0; dx < cell; dx++) {
        let cc = c;
        if (count === BAD && cell > 1 && (dx === dy || dx === cell - 1 - dy)) cc = COLOURS.badMark;
        if (boundary && dx === 0) cc = COLOURS.gap;
        const o = ((y0 + dy) * width + x0 + dx) * 4;
        px[o] = cc[0]; px[o + 1] = cc[1]; px[o + 2] = cc[2]; px[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
  canvas.dataset.used = used;
  canvas.dataset.bad = bad;
  const mib = (pages) => (pages * model.header.page_kb / 1024).toFixed(1) + " MiB";
  el.classList.toggle("off", !a.on);
  el.querySelector(".info").textContent = a.used + " of " + a.pages + " slots used (" + mib(a.used) +
    " of " + mib(a.pages) + "), priority " + a.prio + ", " + bad + " bad, " + perRow + " slots a row";
  return flashing;
}

function drawAreas(model, now) {
  const box = $("areas");
  const areas = model.snap ? model.snap.A : [];
  let flashing = 0;
  for (const el of [...box.children]) {
    if (!areas.some((a) => String(a.type) === el.dataset.type)) el.remove();
  }
  if (!areas.length) {
    box.dataset.empty = "1";
    if (!box.querySelector(".none")) box.innerHTML = '<p class="none">no swap area (swapon hda1)</p>';
    return 0;
  }
  box.querySelector(".none")?.remove();
  for (const a of areas) {
    let el = box.querySelector('[data-type="' + a.type + '"]');
    if (!el) {
      el = document.createElement("div");
      el.className = "area";
      el.dataset.type = a.type;
      el.innerHTML = '<div class="area-title"><span class="name"></span><span class="info"></span></div><canvas></canvas>';
      box.appendChild(el);
    }
    el.querySelector(".name").textContent = a.name;
    flashing += drawArea(model, a, el, now) || 0;
  }
  return flashing;
}

function mib(pages, model) {
  return (pages * model.header.page_kb / 1024).toFixed(1) + " MiB";
}

function drawMemory(model) {
  const s = model.snap.S;
  const other = Math.max(0, s.total - s.active - s.inactive - s.free);
  const parts = [["active", s.active, "var(--active)"], ["inactive", s.inactive, "var(--inactive)"],
                 ["free", s.free, "var(--free)"], ["kernel and other", other, "var(--other)"]];
  $("ram-bar").innerHTML = parts.map(([name, v, colour]) =>
    '<div title="' + name + '" style="width:' + (100 * v / s.total) + '%;background:' + colour + '"></div>').join("");
  $("cache-bar").innerHTML = '<div title="swap cache" style="width:' + (100 * s.swapcache / s.total) +
    '%;background:var(--cache)"></div>';
  $("ram-legend").innerHTML = parts.map(([name, v, colour]) =>
    '<span class="key" style="background:' + colour + '"></span>' + name + " " + mib(v, model)).join(" ") +
    '<br><span class="key" style="background:var(--cache)"></span>swap cache ' + mib(s.swapcache, model) +
    " (on the lists above; " + s.writeback + " pages being written)";
  $("zones").innerHTML = model.snap.Z.map((z) => {
    const scale = Math.max(z.high * 2, z.free, 1);
    const pct = (v) => (100 * Math.min(v, scale) / scale).toFixed(1) + "%";
    const tick = (v, name) => '<span class="mark" style="left:' + pct(v) + '" title="' + name + " " + v + '"></span>';
    const state = z.free < z.low ? "below pages_low: kswapd is woken" : z.free < z.high ? "below pages_high" : "above pages_high";
    return '<div class="zone"><span class="zname">' + z.name + '</span><div class="zbar"><div style="width:' +
      pct(z.free) + '"></div>' + tick(z.min, "pages_min") + tick(z.low, "pages_low") + tick(z.high, "pages_high") +
      '</div><span class="zinfo">free ' + z.free + " of " + z.present + " pages; min " + z.min + ", low " + z.low +
      ", high " + z.high + " — " + state + "</span></div>";
  }).join("");
  const flows = [
    ["faulted in", model.rate("pgfault"), "pages/s mapped by faults (Gorman §4.6)"],
    ["active → inactive", model.rate("pgdeactivate"), "pgdeactivate: refill_inactive_zone (§10.3)"],
    ["inactive → active", model.rate("pgactivate"), "pgactivate: referenced again (§10.3)"],
    ["scanned", model.rate((x) => x.S.pgscan_kswapd + x.S.pgscan_direct), "pgscan: shrink_list looked at (§10.3)"],
    ["reclaimed → free", model.rate("pgsteal"), "pgsteal: freed by reclaim (Mauerer §18.6)"],
    ["RAM → swap", model.rate("pswpout"), "pswpout: written by swap_writepage (§11.6)"],
  ];
  $("flows").innerHTML = flows.map(([name, r, what]) =>
    '<div class="flow"><div>' + name + '</div><div class="rate">' + Math.round(r) + '/s</div><div class="what">' +
    what + "</div></div>").join("");
}

function drawChart(model) {
  const canvas = $("chart");
  const ctx = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, left = 44, bottom = 18;
  ctx.fillStyle = "#171a1f";
  ctx.fillRect(0, 0, W, H);
  const snaps = model.snaps;
  if (snaps.length < 2) return;
  const tEnd = snaps[snaps.length - 1].S.t;
  const span = Math.min(SERIES_MS, Math.max(20000, Math.ceil((tEnd - snaps[0].S.t) / 10000) * 10000));
  const tStart = tEnd - span;
  const points = [];
  for (let i = 1; i < snaps.length; i++) {
    let j = i;
    while (j > 0 && snaps[j].S.t > snaps[i].S.t - RATE_WINDOW_MS) j--;
    const dt = snaps[i].S.t - snaps[j].S.t;
    if (dt <= 0) continue;
    const r = (k) => (snaps[i].S[k] - snaps[j].S[k]) * 1000 / dt;
    points.push({ t: snaps[i].S.t, si: r("pswpin"), so: r("pswpout"), mf: r("pgmajfault") });
  }
  let most = 10;
  for (const p of points) most = Math.max(most, p.si, p.so, p.mf);
  const decade = Math.pow(10, Math.floor(Math.log10(most * 1.1)));
  const top = [1, 2, 5, 10].map((f) => f * decade).find((v) => v >= most * 1.1);
  const x = (t) => left + (W - left - 4) * (t - tStart) / span;
  const y = (v) => H - bottom - (H - bottom - 6) * v / top;
  ctx.strokeStyle = "#2f343d";
  ctx.fillStyle = "#8a909c";
  ctx.font = "11px sans-serif";
  for (const f of [0, 0.5, 1]) {
    ctx.beginPath(); ctx.moveTo(left, y(top * f)); ctx.lineTo(W, y(top * f)); ctx.stroke();
    ctx.fillText(String(top * f), 2, y(top * f) + 4);
  }
  for (let s = 0; s <= span / 1000; s += span / 4000) {
    ctx.fillText("-" + (span / 1000 - s) + "s", x(tStart + s * 1000) - 10, H - 4);
  }
  const css = getComputedStyle(document.body);
  for (const [key, colour] of [["si", "--si"], ["so", "--so"], ["mf", "--mf"]]) {
    ctx.strokeStyle = css.getPropertyValue(colour).trim();
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    points.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, x(p.t), y(p[key])));
    ctx.stroke();
  }
}

function drawProcs(model) {
  const rows = [];
  const then = model.before(model.snap, RATE_WINDOW_MS);
  const dt = model.snap.S.t - then.S.t;
  const old = new Map(then.P.map((p) => [p.pid, p]));
  const biggest = Math.max(model.snap.S.total, ...model.snap.P.map((p) => Math.max(p.rss, p.swap)));
  for (const p of model.snap.P) {
    const o = old.get(p.pid);
    const mf = o && dt > 0 ? (p.majflt - o.majflt) * 1000 / dt : 0;
    const bar = (v, cls) => '<span class="bar ' + cls + '" style="width:' + Math.round(80 * v / biggest) + 'px"></span>';
    const kill = !p.kthread && p.ppid !== 0 && MODE === "live"
      ? '<button type="button" data-cmd="kill ' + p.pid + '">kill</button>' : "";
    rows.push("<tr" + (p.kthread ? ' class="kthread"' : "") + "><td class=num>" + p.pid + "</td><td>" + p.comm +
      (p.kthread ? " <small>(kernel)</small>" : "") + "</td><td>" + p.state + "</td><td>" + bar(p.rss, "rss") +
      mib(p.rss, model) + "</td><td>" + bar(p.swap, "swp") + mib(p.swap, model) + "</td><td class=num>" +
      Math.round(mf) + "</td><td>" + kill + "</td></tr>");
  }
  $("proc-table").tBodies[0].innerHTML = rows.join("");
}

function drawEvents(model) {
  const items = model.events.slice(-EVENT_LOG).reverse().map((e) =>
    '<li class="' + e.tag + '">' + (e.t / 1000).toFixed(2) + "s " + e.text.replace(/</g, "&lt;") + "</li>");
  $("event-log").innerHTML = items.join("");
}

function drawSummary(model) {
  const s = model.snap.S, kb = model.header.page_kb;
  const el = $("summary");
  const values = {
    freeKb: s.free * kb, swapUsedKb: (s.swap_total - s.swap_free) * kb, pswpin: s.pswpin,
    pswpout: s.pswpout, majflt: s.pgmajfault, kswapd: s.kswapd, t: s.t,
  };
  for (const [k, v] of Object.entries(values)) el.dataset[k] = v;
  el.textContent = "free " + values.freeKb + " kB, swap used " + values.swapUsedKb + " kB, pswpin " +
    s.pswpin + ", pswpout " + s.pswpout + ", majflt " + s.pgmajfault + ", kswapd " + (s.kswapd ? "on" : "off");
  const k = $("kswapd");
  k.textContent = "kswapd " + (s.kswapd ? "running" : "sleeping");
  k.className = "kswapd " + (s.kswapd ? "on" : "off");
  $("clock").textContent = "t = " + (s.t / 1000).toFixed(1) + " s";
}

function drawButtons(model) {
  const ram = Math.round(model.snap.S.total * model.header.page_kb / 1024);
  const listed = new Map(model.snap.A.map((a) => [a.name, a]));
  const cmds = [["demo &", "run the demo"], ["hog " + Math.max(4, Math.round(ram * 0.75)) + "M &", "start hog (¾ of RAM)"]];
  for (const name of [...model.known].sort()) {
    const a = listed.get(name);
    cmds.push(a && a.on ? ["swapoff " + name + " &", "swapoff " + name] : a ? null : ["swapon " + name + " &", "swapon " + name]);
  }
  cmds.push(["cat /proc/vmstat", "/proc/vmstat"], ["cat /proc/swaps", "/proc/swaps"], ["ps", "ps"]);
  const html = cmds.filter(Boolean).map(([cmd, label]) =>
    '<button type="button" data-cmd="' + cmd + '">' + label + "</button>").join("");
  if ($("buttons").innerHTML !== html) $("buttons").innerHTML = html;
}

/* ---- live and replay --------------------------------------------------------- */

const model = new Model();
let player = null;
let lastLiveLine = { t: 0, wall: 0 };

function streamNow() {
  if (player) return player.position;
  return model.now + Math.min(1000, performance.now() - lastLiveLine.wall);
}

let lastDraw = 0, flashing = 0;
function frame(ts) {
  requestAnimationFrame(frame);
  if (player) player.advance(ts);
  if (ts - lastDraw < 66) return;
  lastDraw = ts;
  const dirty = model.changed;
  model.changed = false;
  if (dirty || flashing) flashing = drawAreas(model, streamNow());
  if (dirty && model.snap) {
    drawSummary(model);
    drawMemory(model);
    drawChart(model);
    drawProcs(model);
    if (MODE === "live") drawButtons(model);
  }
  if (model.eventsChanged) {
    model.eventsChanged = false;
    drawEvents(model);
  }
}

function feedLines(text) {
  for (const line of text.split("\n")) if (line) model.feed(line);
  lastLiveLine = { t: model.now, wall: performance.now() };
}

function live() {
  const es = new EventSource("/events");
  es.addEventListener("open", () => model.reset());
  es.addEventListener("tel", (e) => feedLines(e.data));
  es.addEventListener("con", (e) => {
    const pre = $("console");
    pre.textContent = (pre.textContent + e.data + "\n").split("\n").slice(-300).join("\n");
    pre.scrollTop = pre.scrollHeight;
  });
  es.addEventListener("status", (e) => {
    const s = JSON.parse(e.data);
    $("status").textContent = s.state + (s.detail ? ": " + s.detail : "") + (s.append ? " — " + s.append : "");
  });
  document.body.addEventListener("click", (e) => {
    const cmd = e.target.dataset && e.target.dataset.cmd;
    if (cmd) type(cmd);
  });
  $("cmd-form").addEventListener("submit", (e) => {
    e.preventDefault();
    type($("cmd").value);
    $("cmd").value = "";
  });
}

function type(cmd) {
  fetch("/cmd", { method: "POST", body: cmd }).then((r) => r.text())
    .then((text) => { $("cmd-result").textContent = text; })
    .catch((err) => { $("cmd-result").textContent = String(err); });
}

/* Replay: every line with its stream time, played against a clock. */
class Player {
  constructor(lines) {
    this.lines = lines;
    this.times = [];
    this.keyframes = [];   // indexes of K lines
    let t = 0;
    lines.forEach((line, i) => {
      const w = line.split(" ");
      if (w[0] === "S") t = Math.max(t, parseKV(w.slice(1)).t);
      else if (!["H", "Z", "A", "P", "E"].includes(w[0]) && /^\d+$/.test(w[1] || "")) t = Math.max(t, Number(w[1]));
      this.times.push(t);
      if (w[0] === "K") this.keyframes.push(i);
    });
    this.start = this.times.find((x) => x > 0) || 0;
    this.end = this.times[this.times.length - 1] || 0;
    this.next = 0;
    this.position = this.start;
    this.playing = true;
    this.speed = 1;
    this.last = null;
  }

  /* Feed every line up to @position. */
  run(position) {
    while (this.next < this.lines.length && this.times[this.next] <= position) model.feed(this.lines[this.next++]);
    this.position = position;
  }

  advance(ts) {
    const dt = this.last === null ? 0 : ts - this.last;
    this.last = ts;
    if (!this.playing) return;
    this.run(Math.min(this.end, this.position + dt * this.speed));
    if (this.position >= this.end) this.pause(true);
    this.show();
  }

  /* Jump to @target: re-read from the last K before it, and the snapshots of the
   * SERIES_MS before that for the chart. */
  seek(target) {
    model.reset();
    let k = 0;
    for (const i of this.keyframes) if (this.times[i] <= target) k = i;
    for (let i = 0; i < k; i++) {
      const tag = this.lines[i][0];
      if (tag === "H" || (this.times[i] >= target - SERIES_MS && "SZAPE".includes(tag) && this.lines[i][1] === " "))
        model.feed(this.lines[i], true);
    }
    this.next = k;
    this.run(target);
    this.show();
  }

  pause(on) {
    this.playing = !on;
    $("play").textContent = this.playing ? "pause" : "play";
  }

  show() {
    const span = Math.max(1, this.end - this.start);
    $("scrub").value = Math.round(1000 * (this.position - this.start) / span);
    $("scrub-time").textContent = ((this.position - this.start) / 1000).toFixed(1) + " / " + (span / 1000).toFixed(1) + " s";
  }
}

function replay() {
  $("replay").hidden = false;
  fetch("/log").then((r) => r.text()).then((text) => {
    player = new Player(text.split("\n").filter((l) => l));
    $("status").textContent = "replay: " + player.lines.length + " lines, " + ((player.end - player.start) / 1000).toFixed(1) + " s";
    player.seek(player.start);
    $("play").addEventListener("click", () => {
      if (!player.playing && player.position >= player.end) player.seek(player.start);
      player.pause(player.playing);
    });
    $("speed").addEventListener("change", (e) => { player.speed = Number(e.target.value); });
    $("scrub").addEventListener("input", (e) => {
      player.pause(true);
      player.seek(player.start + (player.end - player.start) * Number(e.target.value) / 1000);
    });
  });
}

if (MODE === "replay") replay(); else live();
requestAnimationFrame(frame);
