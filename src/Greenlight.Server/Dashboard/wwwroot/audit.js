// The audit log: its latest entries as stored, and whether the whole chain and its signed checkpoints verify.
import { AuthError, get } from './api.js';
import { $, el, when } from './dom.js';

export async function loadAudit() {
  const body = $('audit-body');
  try {
    const [entries, v] = await Promise.all([get('/v1/audit?limit=50'), get('/v1/audit/verify')]);
    const state = v.ok
      ? el('p', { class: 'phase-ok', 'data-testid': 'audit-verify' },
        `Intact: entries ${v.first}–${v.last} (${v.entries}) chained, ${v.checkpoints} signed checkpoint(s) verified.`)
      : el('p', { class: 'phase-bad', role: 'alert', 'data-testid': 'audit-verify' }, `NOT intact: first bad entry ${v.firstBad}: ${v.problem}`);
    body.replaceChildren(state,
      el('div', { class: 'scroll entries', tabindex: '0', role: 'region', 'aria-label': 'latest audit entries' }, el('table', {},
        el('thead', {}, el('tr', {}, ['#', 'Time', 'Actor', 'Action', 'Subject', 'Outcome'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, entries.map(row)))));
  } catch (e) {
    if (!(e instanceof AuthError)) body.replaceChildren(el('p', { class: 'error' }, `The audit log cannot be read: ${e.message}`));
  }
}

/** A line that is not an entry (a tampered store) is shown as it is; the verification names it. */
const row = e => typeof e === 'string'
  ? el('tr', { class: 'phase-bad' }, el('td', { colspan: '6', class: 'reason' }, `unreadable: ${e}`))
  : el('tr', { 'data-seq': e.seq },
    el('td', {}, e.seq), el('td', {}, when(e.time)), el('td', {}, e.actor), el('td', { class: 'reason' }, e.action),
    el('td', { class: 'reason' }, e.subject), el('td', { class: e.outcome === 'ok' ? '' : 'phase-bad' }, `${e.outcome}${e.status ? ` (${e.status})` : ''}`));
