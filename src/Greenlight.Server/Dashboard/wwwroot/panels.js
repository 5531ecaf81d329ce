// History and DORA: read when the page opens and whenever a release starts, moves on or ends.
import { AuthError, get } from './api.js';
import { $, appsOf, el, empty, percent, phaseClass, seconds, when } from './dom.js';
import { barChart, lineChart } from './charts.js';

export async function loadHistory(lanes) {
  const rows = [];
  for (const [app, environments] of appsOf(lanes)) {
    const path = environments ? `/v1/releases?app=${encodeURIComponent(app)}&limit=20` : `/v1/rollouts?app=${encodeURIComponent(app)}&limit=20`;
    try {
      for (const r of await get(path)) rows.push({ app, ...r });
    } catch (e) {
      if (e instanceof AuthError) return;
      rows.push({ app, id: '', version: '', phase: 'unreadable', reason: e.message });
    }
  }
  rows.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  $('history-body').replaceChildren(...(rows.length ? rows.slice(0, 30).map(r => el('tr', { 'data-id': r.id },
    el('td', {}, r.app),
    el('td', {}, r.id),
    el('td', {}, `${r.revisionName || r.version}${r.hotfix ? ' (hotfix)' : ''}`),
    el('td', { class: phaseClass(r.phase) }, r.phase),
    el('td', {}, when(r.createdAt)),
    el('td', { class: 'reason' }, r.reason || ''))) : [el('tr', {}, el('td', { colspan: '6', class: 'empty' }, 'Nothing released yet.'))]));
  return rows;
}

// ---- DORA -------------------------------------------------------------------------------------------------------

export async function loadDora(lanes) {
  const span = $('dora-window').value;
  const parts = [];
  for (const app of appsOf(lanes).keys()) {
    try {
      const d = await get(`/v1/dora?app=${encodeURIComponent(app)}&window=${encodeURIComponent(span)}`);
      parts.push(renderDora(d));
    } catch (e) {
      if (e instanceof AuthError) return;
      parts.push(el('p', { class: 'error' }, `${app}: ${e.message}`));
    }
  }
  $('dora-body').replaceChildren(...(parts.length ? parts : [empty('No app yet.')]));
}

function renderDora(d) {
  const metric = (name, value, from, band) => el('div', { class: 'metric' },
    el('div', {}, name), el('div', { class: 'value' }, value), el('div', { class: 'help' }, from),
    band ? el('span', { class: `band ${band}` }, band) : el('span', { class: 'band' }, 'no data'));
  const slice = x => new Date(x).toLocaleDateString();
  const trend = d.trend;
  const line = (title, pick, format, floor) => lineChart(title,
    [{ name: d.app, cls: 'canary', xLabel: slice, points: trend.filter(t => pick(t) !== null && pick(t) !== undefined).map(t => ({ x: Date.parse(t.to), y: pick(t) })) }],
    format, 'dora-chart', floor);
  const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return el('article', { class: 'release', 'data-app': d.app },
    el('h3', {}, `${d.app}${d.environment ? ' in ' + d.environment : ''}, last ${d.window}`),
    el('div', { class: 'metrics' },
      metric('Deployment frequency', `${d.deploymentFrequency.perDay.toFixed(2)}/day`, count(d.deploymentFrequency.deployments, 'deployment'), d.deploymentFrequency.band),
      metric('Lead time for changes', seconds(d.leadTime.medianSeconds), `median of ${d.leadTime.samples}`, d.leadTime.band),
      metric('Change failure rate', percent(d.changeFailureRate.rate), `${d.changeFailureRate.failed} of ${d.changeFailureRate.deployments} failed`, d.changeFailureRate.band),
      metric('Failed deployment recovery time', seconds(d.recoveryTime.medianSeconds), `${d.recoveryTime.recovered} recovered, ${d.recoveryTime.unrecovered} not yet`, d.recoveryTime.band)),
    el('div', { class: 'charts' },
      barChart('Deployments per slice', trend.map(t => ({ x: t.to, y: t.deployments })), y => String(Math.round(y)), slice, 'dora-chart'),
      line('Lead time (median)', t => t.leadTimeSeconds, seconds, 60),
      line('Change failure rate', t => t.changeFailureRate, percent, 0.01),
      line('Recovery time (median)', t => t.recoveryTimeSeconds, seconds, 60)),
    el('p', { class: 'help' }, `Bands: ${d.bandSource}.`));
}
