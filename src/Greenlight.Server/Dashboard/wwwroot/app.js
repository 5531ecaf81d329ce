// Greenlight dashboard: logs in with a token, then follows the controller's stream and reads the rest of the API.
import { AuthError, TOKEN, get, onRefused } from './api.js';
import { $ } from './dom.js';
import { recordLooks, renderLive, renderMatrix } from './live.js';
import { loadDora, loadHistory } from './panels.js';
import { loadApprovals, loadAudit } from './slots.js';
import { follow } from './stream.js';

const state = { lanes: [], phases: '', stream: null, connection: '' };

function setConnection(text) {
  if (state.connection === text) return; // a live region announces changes only
  state.connection = text;
  $('connection').textContent = text;
}

/** History, then the approvals waiting among its releases, then DORA, which counts them. */
async function refresh() {
  const releases = await loadHistory(state.lanes);
  await loadApprovals(releases || [], refresh);
  await loadDora(state.lanes);
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
