import type { HandledSuggestion, MySuggestion, SuggestionEvent } from '../../shared/api/suggestions';
import type { StoredEvent, StoredSuggestion } from './model';

/** What the author sees: their text, status, the reviewer's outcome and the reply. */
export function mySuggestionView(s: StoredSuggestion): MySuggestion {
  return {
    id: s.id,
    title: s.title,
    content: s.content,
    category: s.category,
    anonymous: s.anonymous,
    status: s.status,
    ...(s.review ? { review: { decision: s.review.decision, ...(s.review.reason ? { reason: s.review.reason } : {}), at: s.review.at } } : {}),
    ...(s.reply ? { reply: { text: s.reply.text, byName: s.reply.byName, at: s.reply.at } } : {}),
    ...(s.rating !== undefined ? { rating: s.rating } : {}),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** What handlers and reviewers see: everything but an anonymous author, of whom nothing is stored anyway. */
export function handledSuggestionView(s: StoredSuggestion, branchName: string): HandledSuggestion {
  return {
    id: s.id,
    title: s.title,
    content: s.content,
    category: s.category,
    status: s.status,
    branchId: s.branchId,
    branchName,
    author: s.anonymous || !s.authorId ? { anonymous: true } : { anonymous: false, userId: s.authorId, name: s.authorName ?? '' },
    ...(s.assignee ? { assignee: s.assignee } : {}),
    ...(s.review ? { review: { decision: s.review.decision, ...(s.review.reason ? { reason: s.review.reason } : {}), at: s.review.at } } : {}),
    ...(s.reply ? { reply: { text: s.reply.text, byName: s.reply.byName, at: s.reply.at } } : {}),
    ...(s.rating !== undefined ? { rating: s.rating } : {}),
    moderation: {
      verdict: s.moderation.verdict,
      categories: s.moderation.categories,
      titleHits: s.moderation.titleHits,
      contentHits: s.moderation.contentHits,
    },
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function eventView(e: StoredEvent): SuggestionEvent {
  return { at: e.at, action: e.action, ...(e.actorName ? { actorName: e.actorName } : {}), ...(e.note ? { note: e.note } : {}) };
}
