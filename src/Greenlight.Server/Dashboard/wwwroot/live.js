// Releases in progress (traffic split, verdicts as they evolve) and what serves where, from the stream's snapshots.
import { $, el, empty, percent, phaseClass } from './dom.js';
import { lineChart } from './charts.js';

/** Each rollout's analysis looks as they arrive over the stream: rollout id -> (look -> verdict). */
const looks = new Map();

/** Keeps every look of every verdict a snapshot carries: a chart shows all the looks seen since the page opened. */
export function recordLooks(snapshot) {
  for (const lane of snapshot.lanes) {
    for (const [id, verdict] of Object.entries(lane.analysis || {})) {
      if (!looks.has(id)) looks.set(id, new Map());
      looks.get(id).set(verdict.look, verdict);
    }
  }
}

const JUDGED = { errorRate: 'error rate', latency: 'share of slow requests', threshold: 'value' };

function verdictCharts(rolloutId) {
  const seen = [...(looks.get(rolloutId) || new Map()).values()].sort((a, b) => a.look - b.look);
  const metrics = [...new Set(seen.flatMap(v => (v.metrics || []).map(m => m.metric)))];
  return metrics.map(name => {
    const series = [{ name: 'canary', cls: 'canary', points: [] }, { name: 'stable', cls: 'stable', points: [] }];
    let judge = '';
    for (const v of seen) {
      const m = (v.metrics || []).find(x => x.metric === name);
      if (!m) continue;
      judge = m.judge;
      const canary = m.canary?.rate ?? m.canary?.value;
      if (canary !== undefined) series[0].points.push({ x: v.look, y: canary });
      if (m.stable?.rate !== undefined) series[1].points.push({ x: v.look, y: m.stable.rate });
    }
    series.forEach(s => { s.xLabel = x => `look ${x}`; });
    const format = judge === 'threshold' ? (y => y.toFixed(2)) : percent;
    return lineChart(`${name}: ${JUDGED[judge] || judge}, canary vs stable`, series.filter(s => s.points.length), format, 'verdict-chart',
      judge === 'threshold' ? 1 : 0.01);
  });
}

export function renderLive(lanes) {
  const live = lanes.flatMap(lane => lane.rollouts.map(rollout => ({ lane, rollout })));
  if (!live.length) {
    $('live-list').replaceChildren(empty('Nothing is being released.'));
    return;
  }
  $('live-list').replaceChildren(...live.map(({ lane, rollout: r }) => {
    const version = r.revisionName || r.version;
    const steps = r.steps ? ` · step ${Math.min(r.stepIndex + 1, r.steps.length)}/${r.steps.length}` : '';
    const shares = lane.route.filter(b => b.weight > 0);
    const split = el('div', { class: 'split', role: 'img', 'aria-label': 'traffic split' },
      shares.map(b => {
        const part = el('span', { class: b.revision === version ? 'canary' : 'stable' }, `${b.revision} ${b.weight}%`);
        part.style.width = `${b.weight}%`;
        return part;
      }));
    const verdict = lane.analysis[r.id] || r.lastVerdict;
    return el('article', { class: 'release', 'data-rollout': r.id, 'aria-label': `${lane.lane} ${version}` },
      el('h3', {}, `${lane.lane}: ${version}${r.hotfix ? ' (hotfix)' : ''} `, el('span', { class: phaseClass(r.phase) }, r.phase), steps),
      el('p', { 'data-testid': 'split' }, 'Traffic: ', shares.map(b => `${b.revision} ${b.weight}%`).join(' · ') || 'none yet'),
      split,
      el('p', { 'data-testid': 'verdict' }, verdict ? `Look ${verdict.look}: ${verdict.outcome} — ${verdict.summary}` : 'No analysis yet.'),
      el('div', { class: 'charts live' }, verdictCharts(r.id)));
  }));
}

// ---- what serves where ------------------------------------------------------------------------------------------

export function renderMatrix(lanes) {
  $('matrix-body').replaceChildren(...lanes.map(lane => el('tr', { 'data-lane': lane.lane },
    el('td', {}, lane.app),
    el('td', {}, lane.environment || '—'),
    el('td', {}, lane.region || '—'),
    el('td', { 'data-testid': 'serving' }, lane.serving || 'nothing'),
    el('td', {}, lane.route.filter(b => b.weight > 0).map(b => `${b.revision} ${b.weight}%`).join(' · ') || '—'),
    el('td', {}, lane.rollouts.map(r => `${r.revisionName || r.version} ${r.phase}`).join(', ') || '—'))));
}
