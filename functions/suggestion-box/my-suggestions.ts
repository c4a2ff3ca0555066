import type { MySuggestion } from '../../shared/api/suggestions';
import { AppError } from '../../shared/runtime/app-error';
import { recordFeedbackSignal } from '../../shared/runtime/feedback-signals';
import type { Caller } from '../../shared/runtime/session';
import { authorTag, ownerTag } from './author';
import type { StoredSuggestion } from './model';
import { getSuggestion, saveTransition, suggestionsOfAuthor, type Page } from './store';
import { sendSignal } from './submission';
import { mySuggestionView } from './views';

const notFound = () => new AppError(404, 'SUGGESTION_NOT_FOUND');

/** The member's own suggestion, or 404 — also for someone else's, whose existence is none of their business. */
async function ownSuggestion(caller: Caller, id: string): Promise<StoredSuggestion> {
  const suggestion = await getSuggestion(id);
  if (!suggestion || suggestion.ownerTag !== ownerTag(caller.userId, id)) throw notFound();
  return suggestion;
}

export async function mySuggestions(caller: Caller, query: { limit?: number; cursor?: string }): Promise<Page<MySuggestion>> {
  const page = await suggestionsOfAuthor(authorTag(caller.userId), query.limit ?? 20, query.cursor);
  return { items: page.items.map(mySuggestionView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function mySuggestion(caller: Caller, id: string): Promise<MySuggestion> {
  return mySuggestionView(await ownSuggestion(caller, id));
}

/** The author rates how the suggestion was handled, once, after the reply. */
export async function rateHandling(caller: Caller, id: string, rating: number, now = new Date()): Promise<MySuggestion> {
  const current = await ownSuggestion(caller, id);
  if (current.rating !== undefined) throw new AppError(409, 'SUGGESTION_ALREADY_RATED');
  if (current.status !== 'replied') throw new AppError(409, 'SUGGESTION_NOT_RATABLE');
  const next: StoredSuggestion = { ...current, rating, updatedAt: now.toISOString() };
  const event = { at: now.toISOString(), action: 'rated' as const, note: `${rating} 分`, ...(current.anonymous ? {} : { actorId: caller.userId, actorName: caller.name }) };
  if (!(await saveTransition(current, next, event))) {
    const latest = await ownSuggestion(caller, id);
    throw latest.rating !== undefined ? new AppError(409, 'SUGGESTION_ALREADY_RATED') : new AppError(409, 'CONFLICT');
  }
  if (!current.anonymous) {
    await sendSignal(() =>
      recordFeedbackSignal({ feature: 'suggestions', source: 'handling-rating', rating, branchId: caller.branchId, category: caller.category, at: now }),
    );
  }
  return mySuggestionView(next);
}
