// Greenlight dashboard. Everything it shows comes from the controller's API with the bearer token, which stays in
// this tab's sessionStorage and travels only in the Authorization header. Text from the API is only ever set as
// textContent or SVG text, never parsed as HTML.
'use strict';
(() => {
  const TOKEN = 'greenlight.token';
  const $ = id => document.getElementById(id);
  const state = { lanes: [], snapshot: null, phases: '', stream: null, connection: '' };
  /** Each rollout's analysis looks as they arrive over the stream: rollout id -> (look -> verdict). */
  const looks = new Map();

  class AuthError extends Error {}

  // ---- talking to the API ----------------------------------------------------------------------------------------

  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    headers.set('Authorization', 'Bearer ' + sessionStorage.getItem(TOKEN));
    const response = await fetch(path, { ...options, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (response.status === 401) {
      logout('The controller refused the token; log in again.');
      throw new AuthError('refused');
    }
    return response;
  }

  async function errorOf(response) {
    try { return (await response.json()).error || response.statusText; } catch { return response.statusText || String(response.status); }
  }

  async function get(path) {
    const response = await api(path);
    if (!response.ok) throw new Error(await errorOf(response));
    return response.json();
  }

  // ---- building the page -----------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
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
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const empty = text => el('p', { class: 'empty' }, text);

  function setConnection(text) {
    if (state.connection === text) return; // a live region announces changes only
    state.connection = text;
    $('connection').textContent = text;
  }

  const seconds = s => s === null || s === undefined ? '–'
    : s < 120 ? `${Math.round(s)}s` : s < 7200 ? `${Math.round(s / 60)}m` : s < 172800 ? `${(s / 3600).toFixed(1)}h` : `${(s / 86400).toFixed(1)}d`;
  const percent = r => r === null || r === undefined ? '–' : `${(r * 100).toFixed(r < 0.1 ? 2 : 1)}%`;
  const when = t => t ? new Date(t).toLocaleString() : '';
  const phaseClass = p => /Completed|Passed|Warm/.test(p) ? 'phase-ok' : /Failed|RolledBack|Halted|Cancelled|Rejected/.test(p) ? 'phase-bad' : 'phase-run';

  /** Lanes are named app, or app.environment.region for an app with environments. */
  function appsOf(lanes) {
    const apps = new Map();
    for (const lane of lanes) {
      const [app, environment] = lane.split('.');
      apps.set(app, apps.get(app) || environment !== undefined);
    }
    return apps;
  }

  // ---- charts, drawn here as SVG ---------------------------------------------------------------------------------

  /** A line chart of series [{name, cls, points: [{x, y}]}]; y from 0 to at least <floor>, so that all zeros lie flat at the bottom. */
  function lineChart(title, series, format, testid, floor) {
    const [w, h, left, right, top, bottom] = [320, 150, 46, 10, 10, 22];
    const all = series.flatMap(s => s.points);
    const xs = all.map(p => p.x);
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const yMax = Math.max(...all.map(p => p.y), floor) * 1.15;
    const X = x => left + (x1 === x0 ? (w - left - right) / 2 : (x - x0) / (x1 - x0) * (w - left - right));
    const Y = y => top + (1 - y / yMax) * (h - top - bottom);
    const last = series.map(s => `${s.name} ${s.points.length ? format(s.points[s.points.length - 1].y) : 'no data'}`).join(', ');
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': `${title}: latest ${last}` });
    chart.append(svg('title', {}, `${title}: latest ${last}`));
    chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: h - bottom }));
    chart.append(svg('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - right, y2: h - bottom }));
    chart.append(svg('text', { class: 'label', x: left - 4, y: top + 8, 'text-anchor': 'end' }, format(yMax / 1.15)));
    chart.append(svg('text', { class: 'label', x: left - 4, y: h - bottom, 'text-anchor': 'end' }, format(0)));
    if (all.length) {
      chart.append(svg('text', { class: 'label', x: left, y: h - 6 }, String(series[0].xLabel ? series[0].xLabel(x0) : x0)));
      chart.append(svg('text', { class: 'label', x: w - right, y: h - 6, 'text-anchor': 'end' }, String(series[0].xLabel ? series[0].xLabel(x1) : x1)));
    }
    for (const s of series) {
      if (!s.points.length) continue;
      chart.append(svg('polyline', { class: s.cls, points: s.points.map(p => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ') }));
      const end = s.points[s.points.length - 1];
      chart.append(svg('circle', { class: 'dot-' + s.cls, cx: X(end.x).toFixed(1), cy: Y(end.y).toFixed(1), r: 3 }));
    }
    const legend = el('div', { class: 'legend' }, series.map(s => el('span', { class: s.cls }, s.name)));
    return el('figure', { 'data-testid': testid, 'data-points': String(Math.max(0, ...series.map(s => s.points.length))) },
      el('figcaption', {}, title), chart, legend);
  }

  /** A bar chart of values [{x, y}]. */
  function barChart(title, values, format, xLabel, testid) {
    const [w, h, left, right, top, bottom] = [320, 150, 46, 10, 10, 22];
    const yMax = Math.max(...values.map(v => v.y), 1) * 1.15;
    const slot = (w - left - right) / Math.max(values.length, 1);
    const label = `${title}: ${values.map(v => `${xLabel(v.x)} ${format(v.y)}`).join(', ')}`;
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': label });
    chart.append(svg('title', {}, label));
    chart.append(svg('line', { class: 'axis', x1: left, y1: h - bottom, x2: w - right, y2: h - bottom }));
    chart.append(svg('text', { class: 'label', x: left - 4, y: top + 8, 'text-anchor': 'end' }, format(yMax / 1.15)));
    values.forEach((v, i) => {
      const height = v.y / yMax * (h - top - bottom);
      chart.append(svg('rect', { class: 'bar', x: (left + i * slot + slot * 0.15).toFixed(1), y: (h - bottom - height).toFixed(1), width: (slot * 0.7).toFixed(1), height: height.toFixed(1) }));
    });
    if (values.length) {
      chart.append(svg('text', { class: 'label', x: left, y: h - 6 }, xLabel(values[0].x)));
      chart.append(svg('text', { class: 'label', x: w - right, y: h - 6, 'text-anchor': 'end' }, xLabel(values[values.length - 1].x)));
    }
    return el('figure', { 'data-testid': testid, 'data-points': String(values.length) }, el('figcaption', {}, title), chart);
  }

  // ---- releases in progress: traffic split and verdicts as they evolve -------------------------------------------

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

  function renderLive(lanes) {
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

  function renderMatrix(lanes) {
    $('matrix-body').replaceChildren(...lanes.map(lane => el('tr', { 'data-lane': lane.lane },
      el('td', {}, lane.app),
      el('td', {}, lane.environment || '—'),
      el('td', {}, lane.region || '—'),
      el('td', { 'data-testid': 'serving' }, lane.serving || 'nothing'),
      el('td', {}, lane.route.filter(b => b.weight > 0).map(b => `${b.revision} ${b.weight}%`).join(' · ') || '—'),
      el('td', {}, lane.rollouts.map(r => `${r.revisionName || r.version} ${r.phase}`).join(', ') || '—'))));
  }

  // ---- history ----------------------------------------------------------------------------------------------------

  async function loadHistory() {
    const rows = [];
    for (const [app, environments] of appsOf(state.lanes)) {
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
    state.releases = rows;
  }

  // ---- DORA -------------------------------------------------------------------------------------------------------

  async function loadDora() {
    const window = $('dora-window').value;
    const parts = [];
    for (const app of appsOf(state.lanes).keys()) {
      try {
        const d = await get(`/v1/dora?app=${encodeURIComponent(app)}&window=${encodeURIComponent(window)}`);
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

  // ---- SLOT(approvals) --------------------------------------------------------------------------------------------

  async function loadApprovals() {
    const body = $('approvals-body');
    try {
      // Asks without acting: a GET on the POST-only route answers 405 where approvals exist and 404 where they do not.
      const probe = await api('/v1/releases/rs-probe/approve');
      if (probe.status === 404) {
        body.replaceChildren(empty('Approvals are not available on this controller.'));
        return;
      }
      const waiting = (state.releases || []).filter(r => (r.stages || []).some(s => s.phase === 'AwaitingApproval'));
      body.replaceChildren(...(waiting.length ? waiting.map(approvalCard) : [empty('No release awaits approval.')]));
    } catch (e) {
      if (!(e instanceof AuthError)) body.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  function approvalCard(release) {
    const stage = release.stages.find(s => s.phase === 'AwaitingApproval');
    const reasonId = `reason-${release.id}`;
    const outcome = el('p', { role: 'status' });
    const decide = verb => async () => {
      const response = await api(`/v1/releases/${encodeURIComponent(release.id)}/${verb}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: $(reasonId).value }),
      });
      outcome.textContent = response.status === 404 ? 'Approvals are not available on this controller.'
        : response.ok ? `${verb === 'approve' ? 'Approved' : 'Rejected'}.` : await errorOf(response);
      if (response.ok) await loadHistory();
    };
    const approve = el('button', { type: 'button' }, 'Approve');
    const reject = el('button', { type: 'button', class: 'secondary' }, 'Reject');
    approve.addEventListener('click', decide('approve'));
    reject.addEventListener('click', decide('reject'));
    return el('article', { class: 'release', 'data-release': release.id },
      el('h3', {}, `${release.app} ${release.version} into ${stage.environment}`),
      el('p', { class: 'help' }, stage.reason || ''),
      el('label', { for: reasonId }, 'Reason'),
      el('div', { class: 'actions' }, el('input', { id: reasonId, type: 'text' }), approve, reject), outcome);
  }

  // ---- SLOT(audit) ------------------------------------------------------------------------------------------------

  async function loadAudit() {
    const body = $('audit-body');
    try {
      const response = await api('/v1/audit?limit=50');
      if (response.status === 404) {
        body.replaceChildren(empty('The audit log is not available on this controller.'));
        return;
      }
      if (!response.ok) throw new Error(await errorOf(response));
      const answer = await response.json();
      const entries = Array.isArray(answer) ? answer : answer.entries || [];
      const verify = await api('/v1/audit/verify');
      const verified = verify.status === 404 ? 'Verification is not available.'
        : verify.ok ? `Verification: ${JSON.stringify(await verify.json())}` : `Verification failed: ${await errorOf(verify)}`;
      body.replaceChildren(el('p', { 'data-testid': 'audit-verify' }, verified),
        el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'audit entries' }, el('table', {},
          el('thead', {}, el('tr', {}, ['Time', 'Actor', 'Action', 'Subject', 'Outcome'].map(h => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, entries.map(e => el('tr', {},
            el('td', {}, when(e.at || e.time)), el('td', {}, e.actor || ''), el('td', {}, e.action || ''),
            el('td', {}, e.subject || ''), el('td', {}, e.outcome || '')))))));
    } catch (e) {
      if (!(e instanceof AuthError)) body.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  }

  // ---- the live stream: fetch() so that it carries the Authorization header (EventSource cannot) -------------------

  function onSnapshot(snapshot) {
    state.snapshot = snapshot;
    for (const lane of snapshot.lanes) {
      for (const [id, verdict] of Object.entries(lane.analysis || {})) {
        if (!looks.has(id)) looks.set(id, new Map());
        looks.get(id).set(verdict.look, verdict);
      }
    }
    renderMatrix(snapshot.lanes);
    renderLive(snapshot.lanes);
    // A release started, moved on or ended: history, approvals and DORA change with it.
    const phases = snapshot.lanes.flatMap(l => l.rollouts.map(r => `${r.id}:${r.phase}`)).join(',');
    if (phases !== state.phases) {
      state.phases = phases;
      loadHistory().then(loadApprovals).then(loadDora).catch(() => {});
    }
  }

  function dispatch(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    const payload = JSON.parse(data.join('\n'));
    if (event === 'snapshot') {
      setConnection('Live');
      onSnapshot(payload);
    } else if (event === 'error') {
      setConnection(`Live, but the controller says: ${payload.error}`);
    }
  }

  const pause = (ms, signal) => new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

  async function follow(signal) {
    let backoff = 500;
    while (!signal.aborted) {
      try {
        const response = await api('/v1/stream', { signal, headers: { Accept: 'text/event-stream' } });
        if (!response.ok) throw new Error(await errorOf(response));
        backoff = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (e) {
        if (signal.aborted || e instanceof AuthError) return;
        setConnection(`Disconnected (${e.message}); reconnecting…`);
      }
      if (signal.aborted) return;
      setConnection('Reconnecting…');
      await pause(backoff, signal);
      backoff = Math.min(backoff * 2, 10000);
    }
  }

  // ---- logging in and out -----------------------------------------------------------------------------------------

  async function start() {
    state.lanes = await get('/v1/apps'); // proves the token before anything shows
    $('login').hidden = true;
    $('board').hidden = false;
    $('logout').hidden = false;
    $('login-error').textContent = '';
    setConnection('Connecting…');
    state.stream = new AbortController();
    follow(state.stream.signal);
    loadHistory().then(loadApprovals).then(loadDora).catch(() => {});
    loadAudit();
  }

  function logout(why) {
    sessionStorage.removeItem(TOKEN);
    state.stream?.abort();
    state.stream = null;
    state.phases = '';
    $('board').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = why || '';
    setConnection('');
    $('token').focus();
  }

  $('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN, token);
    $('token').value = '';
    try {
      await start();
    } catch (e) {
      if (e instanceof AuthError) return;
      sessionStorage.removeItem(TOKEN);
      $('login-error').textContent = `Cannot reach the controller: ${e.message}`;
    }
  });
  $('logout').addEventListener('click', () => logout(''));
  $('dora-window').addEventListener('change', () => loadDora().catch(() => {}));

  if (sessionStorage.getItem(TOKEN)) start().catch(() => logout('Log in again.'));
  else $('token').focus();
})();
