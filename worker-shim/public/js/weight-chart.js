// The weight history that will be imported, as a line chart in the unit the person picks.
// uPlot (MIT, maintained): 51 kB minified (22 kB gzipped), no dependencies, draws tens of
// thousands of points (years of daily weigh-ins) on one canvas quickly, handles time axes in
// a named time zone, and styles elements only through the CSSOM, which our
// Content-Security-Policy (style-src 'self', no inline styles) allows. Chart.js is several
// times larger for features this one chart does not use.
import uPlot from "/lib/uplot/uPlot.js";
import { weightIn } from "./format.js";

let chart = null;

// points: [{t: UTC seconds, kg}] ascending; unit "kg" | "lb"; zone: IANA name, so dates on
// the axis are the person's local dates.
export function drawWeightChart(container, points, unit, zone) {
  chart?.destroy();
  chart = null;
  container.replaceChildren();
  if (points.length === 0) return;
  const xs = points.map((p) => p.t);
  const ys = points.map((p) => Math.round(weightIn(p.kg, unit) * 10) / 10);
  const css = getComputedStyle(document.documentElement);
  const fg = css.getPropertyValue("--fg").trim() || "#1b1f24";
  const accent = css.getPropertyValue("--accent").trim() || "#0b5cad";
  const line = css.getPropertyValue("--line").trim() || "#c9d0d8";
  const width = Math.max(260, container.clientWidth || 600);
  const opts = {
    width,
    height: Math.round(Math.min(320, Math.max(200, width * 0.45))),
    tzDate: (ts) => (zone ? uPlot.tzDate(new Date(ts * 1000), zone) : new Date(ts * 1000)),
    scales: { x: { time: true } },
    series: [
      { label: "Date" },
      { label: `Weight (${unit})`, stroke: accent, width: 2, points: { show: points.length <= 120, size: 5, fill: accent }, value: (_u, v) => (v == null ? "—" : `${v} ${unit}`) },
    ],
    axes: [
      { stroke: fg, grid: { stroke: line, width: 1 }, ticks: { stroke: line } },
      { stroke: fg, grid: { stroke: line, width: 1 }, ticks: { stroke: line }, values: (_u, vals) => vals.map((v) => `${v}`), size: 50 },
    ],
    legend: { live: true },
  };
  chart = new uPlot(opts, [xs, ys], container);
  // The chart is one image described by its summary (index.html): the legend's live values
  // ("Date: -- Weight (lb): —") are for the pointer, not for assistive technology.
  chart.root.querySelector(".u-legend")?.setAttribute("aria-hidden", "true");
  container.dataset.points = String(points.length);
  container.dataset.unit = unit;
}

// Keeps the chart as wide as its container on phones and when the window is resized.
export function followWidth(container) {
  new ResizeObserver(() => {
    if (chart) chart.setSize({ width: Math.max(260, container.clientWidth), height: chart.height });
  }).observe(container);
}
