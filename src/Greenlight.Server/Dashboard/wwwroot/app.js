// Greenlight dashboard: logs in with a token, then follows the controller's stream and reads the rest of the API.
import { AuthError, TOKEN, get, onRefused } from './api.js';
import { $, empty } from './dom.js';
import { recordLooks, renderLive, renderMatrix } from './live.js';
import { loadDora, loadHistory } from './panels.js';
import { loadApprovals } from './approvals.js';
import { loadAudit } from './audit.js';
import { follow } from './stream.js';

const state = { lanes: [], phases: '', stream: null, connection: '' };

function setConnection(text) {
  if (state.connection === text) return; // a live region announces changes only
  state.connection = text;
  $('connection').textContent = text;
}

/** History, the approvals waiting, DORA and the audit log: each changes as releases move on or are decided. */
async function refresh() {
  await loadHistory(state.lanes);
  await loadApprovals(state.lanes, refresh);
  await loadDora(state.lanes);
  await loadAudit();
}

function onSnapshot(snapshot) {
  recordLooks(snapshot);
  renderMatrix(snapshot.lanes);
  renderLive(snapshot.lanes);
  // A release started, moved on or ended: history, approvals and DORA change with it.
  const phases = snapshot.lanes.flatMap(l => l.rollouts.map(r => `${r.id}:${r.phase}`)).join(',');
  if (phases !== state.phases) {
    state.phases = phases;
    refresh().catch(() => {});
  }
}

async function start() {
  state.lanes = await get('/v1/apps'); // proves the token before anything shows
  $('login').hidden = true;
  $('board').hidden = false;
  $('logout').hidden = false;
  $('login-error').textContent = '';
  setConnection('Connecting…');
  state.stream = new AbortController();
  follow(state.stream.signal, { snapshot: onSnapshot, connection: setConnection });
  refresh().catch(() => {});
}

function logout(why) {
  sessionStorage.removeItem(TOKEN);
  state.stream?.abort();
  state.stream = null;
  state.phases = '';
  // What the last caller could read goes with them: the next one sees only what their own token reads.
  for (const id of ['live-list', 'approvals-body', 'dora-body', 'audit-body']) $(id).replaceChildren(empty('Reading…'));
  for (const id of ['matrix-body', 'history-body']) $(id).replaceChildren();
  $('approvals-status').textContent = '';
  $('board').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = why || '';
  setConnection('');
  $('token').focus();
}

onRefused(logout);

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
$('dora-window').addEventListener('change', () => loadDora(state.lanes).catch(() => {}));

if (sessionStorage.getItem(TOKEN)) start().catch(() => logout('Log in again.'));
else $('token').focus();
