// Building the page: text from the API is only ever set as textContent or SVG text, never parsed as HTML.
export const $ = id => document.getElementById(id);

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export const empty = text => el('p', { class: 'empty' }, text);

export const seconds = s => s === null || s === undefined ? '–'
  : s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}m` : s < 172800 ? `${(s / 3600).toFixed(1)}h` : `${(s / 86400).toFixed(1)}d`;
export const percent = r => r === null || r === undefined ? '–' : `${(r * 100).toFixed(r < 0.1 ? 2 : 1)}%`;
export const when = t => t ? new Date(t).toLocaleString() : '';
export const phaseClass = p => /Completed|Passed|Warm/.test(p) ? 'phase-ok' : /Failed|RolledBack|Halted|Cancelled|Rejected/.test(p) ? 'phase-bad' : 'phase-run';

/** Lanes are named app, or app.environment.region for an app with environments. */
export function appsOf(lanes) {
  const apps = new Map();
  for (const lane of lanes) {
    const [app, environment] = lane.split('.');
    apps.set(app, apps.get(app) || environment !== undefined);
  }
  return apps;
}
