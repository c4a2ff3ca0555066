import type { MySuggestion } from '../../shared/api/suggestions';
import { AppError } from '../../shared/runtime/app-error';
import { recordFeedbackSignal } from '../../shared/runtime/feedback-signals';
import type { Caller } from '../../shared/runtime/session';
import { anonymousActTime } from './anonymous-time';
import { authorTag, ownerHash } from './author';
import type { StoredEvent, StoredSuggestion } from './model';
import { findOwned, getSuggestion, saveTransition, suggestionsOfAuthor, suggestionsOwnedBy, type Page } from './store';
import { sendSignal } from './submission';
import { mySuggestionView } from './views';

const notFound = () => new AppError(404, 'SUGGESTION_NOT_FOUND');

/** The member's own named suggestion, or 404 — also for someone else's, whose existence is none of their business. */
async function ownNamedSuggestion(caller: Caller, id: string): Promise<StoredSuggestion> {
  const suggestion = await getSuggestion(id);
  if (!suggestion || suggestion.anonymous || suggestion.authorId !== caller.userId) throw notFound();
  return suggestion;
}

/** The anonymous suggestion a secret opens, or 404. */
async function ownAnonymousSuggestion(ownerSecret: string): Promise<StoredSuggestion> {
  const hash = ownerHash(ownerSecret);
  const id = await findOwned(hash);
  const suggestion = id ? await getSuggestion(id) : undefined;
  if (!suggestion || !suggestion.anonymous || suggestion.ownerHash !== hash) throw notFound();
  return suggestion;
}

/** My named suggestions, newest first (anonymous ones are found by their secrets: anonymousSuggestions). */
export async function mySuggestions(caller: Caller, query: { limit?: number; cursor?: string }): Promise<Page<MySuggestion>> {
  const page = await suggestionsOfAuthor(authorTag(caller.userId), query.limit ?? 20, query.cursor);
  return { items: page.items.filter((s) => !s.anonymous).map(mySuggestionView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function mySuggestion(caller: Caller, id: string): Promise<MySuggestion> {
  return mySuggestionView(await ownNamedSuggestion(caller, id));
}

/** The anonymous suggestions the app's secrets open, each with the position of its secret; unknown secrets are skipped. */
export async function anonymousSuggestions(ownerSecrets: string[]): Promise<{ items: Array<{ secretIndex: number; suggestion: MySuggestion }> }> {
  const hashes = ownerSecrets.map(ownerHash);
  const owned = await suggestionsOwnedBy([...new Set(hashes)]);
  const items = hashes.flatMap((hash, secretIndex) => {
    const suggestion = owned.get(hash);
    return suggestion && suggestion.anonymous && suggestion.ownerHash === hash ? [{ secretIndex, suggestion: mySuggestionView(suggestion) }] : [];
  });
  const seen = new Set<string>();
  return { items: items.filter((item) => !seen.has(item.suggestion.id) && seen.add(item.suggestion.id)).sort((a, b) => b.suggestion.createdAt.localeCompare(a.suggestion.createdAt)) };
}

async function rate(current: StoredSuggestion, rating: number, event: StoredEvent, updatedAt: string, reread: () => Promise<StoredSuggestion>): Promise<StoredSuggestion> {
  if (current.rating !== undefined) throw new AppError(409, 'SUGGESTION_ALREADY_RATED');
  if (current.status !== 'replied') throw new AppError(409, 'SUGGESTION_NOT_RATABLE');
  const next: StoredSuggestion = { ...current, rating, updatedAt };
  if (!(await saveTransition(current, next, event))) {
    const latest = await reread();
    throw latest.rating !== undefined ? new AppError(409, 'SUGGESTION_ALREADY_RATED') : new AppError(409, 'CONFLICT');
  }
  return next;
}

/** The author rates how their named suggestion was handled, once, after the reply. */
export async function rateHandling(caller: Caller, id: string, rating: number, now = new Date()): Promise<MySuggestion> {
  const current = await ownNamedSuggestion(caller, id);
  const at = now.toISOString();
  const next = await rate(current, rating, { at, action: 'rated', note: `${rating} 分`, actorId: caller.userId, actorName: caller.name }, at, () => ownNamedSuggestion(caller, id));
  await sendSignal(() =>
    recordFeedbackSignal({ feature: 'suggestions', source: 'handling-rating', rating, branchId: caller.branchId, category: caller.category, at: now }),
  );
  return mySuggestionView(next);
}

/**
 * The holder of an anonymous suggestion's secret rates its handling: no actor, a coarse time, and no feedback
 * signal (a per-category counter moving at that moment would tell the author's member category).
 */
export async function rateAnonymous(ownerSecret: string, rating: number, now = new Date()): Promise<MySuggestion> {
  const current = await ownAnonymousSuggestion(ownerSecret);
  const at = anonymousActTime(now, current.updatedAt);
  const next = await rate(current, rating, { at, action: 'rated', note: `${rating} 分` }, at, () => ownAnonymousSuggestion(ownerSecret));
  return mySuggestionView(next);
}
