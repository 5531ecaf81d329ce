// Pending approvals: what the approver must see (the tally, who asked) and the decision, which the server judges.
import { AuthError, api, errorOf, get } from './api.js';
import { $, appsOf, el, empty, when } from './dom.js';

/** Every app with environments, asked one by one: a grant on one app is enough to see its releases. */
export async function loadApprovals(lanes, reload) {
  const cards = [];
  for (const [app, environments] of appsOf(lanes)) {
    if (!environments) continue; // approvals attach to environments
    try {
      for (const p of await get(`/v1/approvals?app=${encodeURIComponent(app)}`)) cards.push(approvalCard(p, reload));
    } catch (e) {
      if (e instanceof AuthError) return;
      cards.push(el('p', { class: 'error' }, `${app}: ${e.message}`));
    }
  }
  $('approvals-body').replaceChildren(...(cards.length ? cards : [empty('No release awaits approval.')]));
}

function approvalCard(p, reload) {
  const reasonId = `reason-${p.release}`;
  const outcome = el('p', { class: 'outcome', role: 'status', 'data-testid': 'approval-outcome' });
  const decide = verb => async () => {
    const reason = $(reasonId).value.trim();
    if (!reason) {
      outcome.className = 'outcome error';
      outcome.textContent = `A reason is required: say why you ${verb}.`;
      $(reasonId).focus();
      return;
    }
    const response = await api(`/v1/releases/${encodeURIComponent(p.release)}/${verb}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }),
    });
    if (response.ok) {
      // The card goes with the reload: the section's own status keeps the word.
      $('approvals-status').textContent = `${verb === 'approve' ? 'Approved' : 'Rejected'} ${p.app} ${p.version} into ${p.environment}.`;
      await reload();
      return;
    }
    outcome.className = 'outcome error';
    outcome.textContent = `Refused (${response.status}): ${await errorOf(response)}`;
  };
  const approve = el('button', { type: 'button' }, 'Approve');
  const reject = el('button', { type: 'button', class: 'secondary' }, 'Reject');
  approve.addEventListener('click', () => decide('approve')().catch(e => { if (!(e instanceof AuthError)) outcome.textContent = e.message; }));
  reject.addEventListener('click', () => decide('reject')().catch(e => { if (!(e instanceof AuthError)) outcome.textContent = e.message; }));
  const t = p.tally;
  return el('article', { class: 'release', 'data-release': p.release, 'aria-label': `${p.app} ${p.version} into ${p.environment}` },
    el('h3', {}, `${p.app} ${p.version}${p.hotfix ? ' (hotfix)' : ''} into ${p.environment}`),
    el('p', { class: 'help' }, `${p.release}, requested by ${p.requester || 'unknown'}, waiting since ${when(p.since)}`),
    el('p', { 'data-testid': 'tally' }, `Approvals: ${t.summary}`),
    t.counted.length ? el('ul', {}, t.counted.map(a => el('li', {}, `${a.by}: ${a.reason}`))) : null,
    el('label', { for: reasonId }, 'Reason (required)'),
    el('div', { class: 'actions' }, el('input', { id: reasonId, type: 'text', required: true, 'aria-required': 'true' }), approve, reject),
    outcome);
}
