// The playground page. Controls are drawn from /api/controls (the command line's own options), so an
// option added to the tool appears here without a change to this file. The state lives in the URL.
"use strict";

let controls = [];
let pending = null;   // the simulation request in flight, aborted when a newer one starts
let timer = 0;
let renders = 0;
let realQuery = null; // the fields of the real run drawn beside the simulations

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// One control per option, drawn by its kind.
function drawControls(params) {
  const form = $("#controls");
  for (const c of controls) {
    const box = element("div", { class: "control", "data-key": c.key });
    const id = "f-" + c.key;
    box.appendChild(element("label", { for: id, title: c.description }, c.option + " " + c.help_name));
    const values = params.getAll(c.key);
    if (c.kind === "choice") {
      const select = element("select", { id, name: c.key });
      select.appendChild(element("option", { value: "" }, "(default)"));
      for (const choice of c.choices) select.appendChild(element("option", { value: choice }, choice));
      select.value = values[0] || "";
      box.appendChild(select);
    } else if (c.kind === "switch" || c.kind === "optionalvalue") {
      const on = element("input", { type: "checkbox", id: id + "-on", "data-role": "on" });
      on.checked = values.length > 0;
      box.appendChild(on);
      box.appendChild(element("span", {}, " on"));
      if (c.kind === "optionalvalue") {
        const input = element("input", { type: "text", id, name: c.key, placeholder: "defaults" });
        input.value = values[0] || "";
        box.appendChild(input);
      }
    } else if (c.repeatable) {
      const area = element("textarea", { id, name: c.key, rows: "2", placeholder: "one per line" });
      area.value = values.join("\n");
      box.appendChild(area);
    } else {
      const input = element("input", { type: "text", id, name: c.key });
      input.value = values[0] || "";
      box.appendChild(input);
    }
    box.appendChild(element("small", { class: "help" }, c.description));
    box.appendChild(element("div", { class: "error", id: "e-" + c.key }));
    form.appendChild(box);
  }
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(simulate, 150); });
  form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(simulate, 50); });
}

// The fields as a query string, in the controls' order.
function readControls() {
  const params = new URLSearchParams();
  for (const c of controls) {
    const box = document.querySelector(`.control[data-key="${c.key}"]`);
    const field = box.querySelector("#f-" + c.key);
    if (c.kind === "switch" || c.kind === "optionalvalue") {
      if (box.querySelector("[data-role=on]").checked) params.append(c.key, field ? field.value.trim() : "");
    } else if (c.repeatable) {
      for (const line of field.value.split("\n")) if (line.trim() !== "") params.append(c.key, line.trim());
    } else if (field.value.trim() !== "") {
      params.append(c.key, field.value.trim());
    }
  }
  return params;
}

function showProblems(problems) {
  for (const e of document.querySelectorAll(".control .error")) e.textContent = "";
  for (const e of document.querySelectorAll(".control.invalid")) e.classList.remove("invalid");
  const general = [];
  for (const p of problems) {
    const target = p.key && document.getElementById("e-" + p.key);
    if (target) {
      target.textContent = p.message;
      target.parentElement.classList.add("invalid");
    } else {
      general.push(p.message);
    }
  }
  $("#problems").textContent = general.join("\n");
}

// A short fingerprint of a chart, so that a test (or a curious reader) can tell two drawings apart.
function digest(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

// A chart's SVG as a drawing of the page, in a shadow root of its own: its ids and styles cannot meet the
// page's or another chart's. Inline rather than as an <img>: Chromium builds a whole document for each SVG
// image, and that was most of a redraw's time in the browser. Parsed in a <template>, whose content is
// inert (nothing in it runs or loads), and cleaned there of script and event attributes: the server draws
// every chart itself, but a chart can never run code in the page all the same.
function chartElement(key, svg, title) {
  const host = element("div", { class: "chart", "data-chart": key, "data-digest": digest(svg), role: "img", "aria-label": key + " chart, " + title });
  const parsed = document.createElement("template");
  parsed.innerHTML = svg;
  for (const node of parsed.content.querySelectorAll("*")) {
    if (node.localName === "script" || node.localName === "foreignObject") { node.remove(); continue; }
    for (const attribute of [...node.attributes]) if (attribute.name.toLowerCase().startsWith("on")) node.removeAttribute(attribute.name);
  }
  const drawing = parsed.content.querySelector("svg");
  // Scales with its column, as an image would.
  drawing.setAttribute("viewBox", `0 0 ${drawing.getAttribute("width")} ${drawing.getAttribute("height")}`);
  drawing.setAttribute("width", "100%");
  drawing.removeAttribute("height");
  host.attachShadow({ mode: "open" }).appendChild(drawing);
  return host;
}

function showSide(section, side, heading) {
  section.querySelector("h2").textContent = heading || side.title;
  section.querySelector(".summary").textContent = side.summary;
  const charts = section.querySelector(".charts");
  charts.replaceChildren(...Object.entries(side.charts).map(([key, svg]) => chartElement(key, svg, side.title)));
}

// Resolves once the browser has drawn a frame with what the page holds now.
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function simulate() {
  const params = readControls();
  history.replaceState(null, "", "?" + params.toString());
  if (params.toString() !== realQuery) {
    // A real run of other fields would sit beside simulations it does not match.
    for (const id of ["#real-sync", "#real-async"]) $(id).hidden = true;
  }
  if (pending) pending.abort();
  pending = new AbortController();
  document.body.dataset.state = "loading";
  const began = performance.now();
  try {
    const answer = await fetch("/api/simulate?" + params.toString(), { signal: pending.signal });
    const body = await answer.json();
    const answered = Math.round(performance.now() - began);
    $("#command").textContent = body.command || "";
    if (!answer.ok) {
      showProblems(body.problems);
      $("#status").textContent = "not simulated: " + answer.status;
      document.body.dataset.state = "error";
      return;
    }
    showProblems([]);
    showSide($("#sync"), body.sides[0]);
    showSide($("#async"), body.sides[1]);
    // Shown means a frame drawn with the new charts: the time from the change to the redrawn page.
    await nextFrame();
    const shown = Math.round(performance.now() - began);
    $("#status").textContent = `simulated both modes on the virtual clock and drew them in ${body.elapsed_ms} ms on the server (simulation ${body.simulation_ms} ms, charts ${body.charts_ms} ms); answer here after ${answered} ms, page redrawn after ${shown} ms`;
    document.body.dataset.shownMs = String(shown);
    document.body.dataset.renders = String(++renders);
    document.body.dataset.state = "ready";
  } catch (e) {
    if (e.name !== "AbortError") {
      $("#status").textContent = "no answer from the server: " + e.message;
      document.body.dataset.state = "error";
    }
  }
}

// Reads the server-sent events of a real run from the POST's answer.
async function runReal() {
  const params = readControls();
  const status = $("#real-status");
  $("#run-real").disabled = true;
  status.textContent = "starting…";
  try {
    const answer = await fetch("/api/real?" + params.toString(), { method: "POST" });
    if (!answer.ok) {
      const body = await answer.json();
      status.textContent = body.problems.map((p) => p.message).join("; ");
      return;
    }
    const reader = answer.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = (block.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((block.match(/^data: (.*)$/m) || [])[1]);
        if (name === "progress") {
          status.textContent = `${data.mode}: ${data.completed} of ${data.requests} requests completed`;
        } else if (name === "result") {
          realQuery = params.toString();
          // Each beside its simulation: the real run of a mode right of the simulated one.
          for (const [id, side] of [["#real-sync", data.sides[0]], ["#real-async", data.sides[1]]]) {
            showSide($(id), side, side.title + ", real clock");
            $(id).hidden = false;
          }
          status.textContent = `done in ${(data.elapsed_ms / 1000).toFixed(1)} s`;
        }
      }
    }
  } catch (e) {
    status.textContent = "the run failed: " + e.message;
  } finally {
    $("#run-real").disabled = false;
  }
}

async function start() {
  const answer = await fetch("/api/controls");
  const description = await answer.json();
  controls = description.controls;
  const params = new URLSearchParams(location.search.length > 1 ? location.search : description.start);
  drawControls(params);
  $("#copy").addEventListener("click", () => {
    const text = $("#command").textContent;
    if (navigator.clipboard) navigator.clipboard.writeText(text);
    $("#copy").textContent = "Copied";
    setTimeout(() => { $("#copy").textContent = "Copy command"; }, 1500);
  });
  $("#run-real").addEventListener("click", runReal);
  await simulate();
}

start();
