// Slots for pieces other parts of Greenlight provide: approvals and the audit log. Each says it is not available while
// its endpoints answer 404, and works once they exist. The lead wires the final endpoint names at merge.
import { AuthError, api, errorOf } from './api.js';
import { $, el, empty, when } from './dom.js';

// ---- SLOT(approvals) --------------------------------------------------------------------------------------------

export async function loadApprovals(releases, reload) {
  const body = $('approvals-body');
  try {
    // Asks without acting: a GET on the POST-only route answers 405 where approvals exist and 404 where they do not.
    const probe = await api('/v1/releases/rs-probe/approve');
    if (probe.status === 404) {
      body.replaceChildren(empty('Approvals are not available on this controller.'));
      return;
    }
    const waiting = releases.filter(r => (r.stages || []).some(s => s.phase === 'AwaitingApproval'));
    body.replaceChildren(...(waiting.length ? waiting.map(r => approvalCard(r, reload)) : [empty('No release awaits approval.')]));
  } catch (e) {
    if (!(e instanceof AuthError)) body.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

function approvalCard(release, reload) {
  const stage = release.stages.find(s => s.phase === 'AwaitingApproval');
  const reasonId = `reason-${release.id}`;
  const outcome = el('p', { role: 'status' });
  const decide = verb => async () => {
    const response = await api(`/v1/releases/${encodeURIComponent(release.id)}/${verb}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: $(reasonId).value }),
    });
    outcome.textContent = response.status === 404 ? 'Approvals are not available on this controller.'
      : response.ok ? `${verb === 'approve' ? 'Approved' : 'Rejected'}.` : await errorOf(response);
    if (response.ok) await reload();
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

export async function loadAudit() {
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
