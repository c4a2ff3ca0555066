import { createHash } from 'node:crypto';
import type { RatingInput, RatingResult } from '../../shared/api/feedback';
import { contentBlockedError, type ModerationResult } from '../../shared/moderation';
import { conflict } from '../../shared/runtime/app-error';
import { counterTarget, counterUpdates, dailyCounterUpdates, feedbackCounters } from '../../shared/runtime/feedback-signals';
import type { Caller } from '../../shared/runtime/session';
import { getRatingMarker, writeRating } from './usage-store';

/** The moderation filter every comment goes through (shared/moderation). */
export type ModerateText = (text: string) => Promise<ModerationResult>;

type CommentStatus = RatingResult['commentStatus'];

async function moderateComment(text: string | undefined, moderate: ModerateText): Promise<{ status: CommentStatus; text?: string }> {
  if (!text) return { status: 'none' };
  const result = await moderate(text);
  if (result.verdict === 'block') throw contentBlockedError(result);
  return { status: result.verdict === 'review' ? 'held' : 'published', text };
}

/**
 * Records a member's "这个功能好用吗？" rating. One rating per member, feature and day counts: a second one
 * that day replaces the first (so a handful of taps cannot reach a rule's minimum sample). The same request
 * sent twice counts once. A comment is filtered first: blocked text is refused, doubtful text is kept for
 * review and not shown on the dashboard. Comments carry the member's category, never who wrote them.
 */
export async function rateFeature(caller: Caller, input: RatingInput, moderate: ModerateText, now = new Date()): Promise<RatingResult> {
  const comment = await moderateComment(input.comment, moderate);
  const target = counterTarget(input.feature, now, caller.branchId, caller.category);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const previous = await getRatingMarker(caller.userId, input.feature, target.day);
    if (previous?.requestId === input.clientRequestId) return { rating: previous.rating, commentStatus: comment.status, replaced: false };
    const updates = previous
      ? // A replacement changes the day's sum only; the hour of the first rating keeps its figure.
        dailyCounterUpdates(target, { 'ratings.sum': input.rating - previous.rating })
      : counterUpdates(target, feedbackCounters('rating', input.rating));
    const written = await writeRating({
      userId: caller.userId,
      feature: input.feature,
      day: target.day,
      at: now,
      rating: input.rating,
      requestId: input.clientRequestId,
      ...(previous ? { previous } : {}),
      updates,
      ...(comment.text && comment.status !== 'none'
        ? {
            comment: {
              id: createHash('sha256').update(`${caller.userId}|${input.clientRequestId}`).digest('hex').slice(0, 16),
              text: comment.text,
              status: comment.status,
              category: caller.category,
            },
          }
        : {}),
    });
    if (written) return { rating: input.rating, commentStatus: comment.status, replaced: previous !== undefined };
  }
  throw conflict('评分正在保存中，请稍后再试');
}
