import type { HomeLayout, Proposal, ToggleState } from '../../shared/api/feedback';
import type { MemberCategory } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { hiddenAfter, toggleAfter } from './rule-actions';
import * as store from './store';
import { adminActor, changeToggle, toggleOrDefault } from './toggles';

async function openProposal(id: string): Promise<Proposal> {
  const proposal = await store.getProposal(id);
  if (!proposal) throw new AppError(404, 'PROPOSAL_NOT_FOUND');
  if (proposal.status !== 'open') throw new AppError(409, 'PROPOSAL_NOT_OPEN');
  return proposal;
}

export interface AppliedProposal {
  proposal: Proposal;
  toggle?: ToggleState;
  home?: HomeLayout;
}

/**
 * Applies an open proposal against the current state (which may have moved on since it was made): the
 * toggle change is audited with the proposal's evidence and the admin's name; a home-page change updates the
 * category's layout. Either way the proposal is decided in the same transaction as the change.
 */
export async function applyProposal(caller: Caller, id: string, now = new Date()): Promise<AppliedProposal> {
  const proposal = await openProposal(id);
  const decision = { id, by: caller.name, at: now.toISOString() };
  const decided = (): Proposal => ({ ...proposal, status: 'applied', decidedAt: decision.at, decidedBy: decision.by, updatedAt: decision.at });
  const { action, feature, evidence } = proposal;

  if (action.type === 'hide-from-home') {
    const layout = await store.getHomeLayout(evidence.group.value as MemberCategory);
    const hidden = hiddenAfter(action, feature, layout.hidden);
    if (!hidden) {
      await store.decideProposal(decision, 'applied');
      return { proposal: decided() };
    }
    const next = { ...layout, hidden, pinned: layout.pinned.filter((key) => key !== feature) };
    await store.saveHomeChoices(next, caller.name, decision.at, decision);
    const { revision: _revision, ...home } = next;
    return { proposal: decided(), home };
  }

  const current = toggleOrDefault(feature, await store.getToggle(feature));
  const next = toggleAfter(action, evidence.group, current);
  if (!next) {
    await store.decideProposal(decision, 'applied');
    return { proposal: decided(), toggle: current };
  }
  const toggle = await changeToggle({ feature, current, next, actor: adminActor(caller), at: now, note: `采纳调整建议：${proposal.summary}`, evidence, decision });
  return { proposal: decided(), toggle };
}

export async function dismissProposal(caller: Caller, id: string, now = new Date()): Promise<Proposal> {
  const proposal = await openProposal(id);
  const decision = { id, by: caller.name, at: now.toISOString() };
  await store.decideProposal(decision, 'dismissed');
  return { ...proposal, status: 'dismissed', decidedAt: decision.at, decidedBy: decision.by, updatedAt: decision.at };
}
