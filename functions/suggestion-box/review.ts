import type { HandledSuggestion } from '../../shared/api/suggestions';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import type { StoredSuggestion } from './model';
import { getSuggestion, orgUnitNames, saveTransition, suggestionsByStatus, type Page } from './store';
import { handledSuggestionView } from './views';

/** Held suggestions, oldest first, with the hits the filter found (the client highlights them). */
export async function reviewQueue(query: { limit?: number; cursor?: string }): Promise<Page<HandledSuggestion>> {
  const [page, names] = await Promise.all([suggestionsByStatus('pending_review', { limit: query.limit ?? 20, cursor: query.cursor, oldestFirst: true }), orgUnitNames()]);
  return { items: page.items.map((s) => handledSuggestionView(s, names.get(s.branchId) ?? s.branchId)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/**
 * A reviewer approves a held suggestion (it goes to the handlers) or rejects it with a reason the author
 * reads. Each item is decided once: a second decision, even a concurrent one, is a 409.
 */
export async function decideReview(
  caller: Caller,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  now = new Date(),
): Promise<HandledSuggestion> {
  if (input.decision === 'reject' && !input.reason) throw badRequest([{ path: 'body.reason', message: '请填写不通过的理由，提交人会看到它' }], '请填写不通过的理由');
  const current = await getSuggestion(id);
  if (!current) throw new AppError(404, 'SUGGESTION_NOT_FOUND');
  if (current.status !== 'pending_review') throw new AppError(409, 'REVIEW_ALREADY_DECIDED');
  const at = now.toISOString();
  const next: StoredSuggestion = {
    ...current,
    status: input.decision === 'approve' ? 'open' : 'rejected',
    review: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}), at, reviewerId: caller.userId, reviewerName: caller.name },
    updatedAt: at,
  };
  const event = { at, action: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const), actorId: caller.userId, actorName: caller.name, ...(input.reason ? { note: input.reason } : {}) };
  if (!(await saveTransition(current, next, event))) throw new AppError(409, 'REVIEW_ALREADY_DECIDED');
  logger.info('review decided', { suggestion: id, decision: input.decision, reviewer: caller.userId });
  return handledSuggestionView(next, (await orgUnitNames()).get(next.branchId) ?? next.branchId);
}
