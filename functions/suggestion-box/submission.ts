import { randomUUID } from 'node:crypto';
import type { MySuggestion, SubmitSuggestion } from '../../shared/api/suggestions';
import { contentBlockedError, moderateText, type ModerationResult } from '../../shared/moderation';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { config } from '../../shared/runtime/config';
import { recordFeedbackSignal, utcHour } from '../../shared/runtime/feedback-signals';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import { anonymousActTime } from './anonymous-time';
import { authorTag, ownerHash, rateTag } from './author';
import { recordModerationOutcome } from './early-warning';
import type { StoredEvent, StoredSuggestion } from './model';
import { countAttempt, createSuggestion, findOwned, findRequest, getSuggestion, wechatOpenIdOf, type SubmissionClaim } from './store';
import { mySuggestionView } from './views';

const rateLimited = (limit: number) => new AppError(429, 'RATE_LIMITED', `您提交得太频繁了：每小时最多提交 ${limit} 条意见，请稍后再试`);

const VERDICT_ORDER = { pass: 0, review: 1, block: 2 } as const;

/** Title and content decided together: the stricter verdict, with the categories behind it. */
export function combineResults(title: ModerationResult, content: ModerationResult): ModerationResult {
  const worst = VERDICT_ORDER[title.verdict] >= VERDICT_ORDER[content.verdict] ? title.verdict : content.verdict;
  const deciding = [title, content].filter((result) => result.verdict === worst && worst !== 'pass');
  return {
    verdict: worst,
    hits: [...title.hits, ...content.hits],
    categories: [...new Set(deciding.flatMap((result) => result.categories))],
    ...(deciding.some((r) => r.secondOpinion) ? { secondOpinion: deciding.find((r) => r.secondOpinion)!.secondOpinion } : {}),
  };
}

async function existing(id: string): Promise<MySuggestion> {
  const suggestion = await getSuggestion(id);
  if (!suggestion) throw new AppError(409, 'CONFLICT', '这条意见正在提交，请稍后在“我的意见”中查看');
  return mySuggestionView(suggestion);
}

/** How this submission is recognised when it comes again: a named one by its request, an anonymous one by its secret. */
function claimOf(caller: Caller, input: SubmitSuggestion): SubmissionClaim {
  if (!input.anonymous) return { kind: 'named', authorTag: authorTag(caller.userId), clientRequestId: input.clientRequestId };
  // The contract requires the secret for an anonymous suggestion; this guards callers that skip it.
  if (!input.ownerSecret) throw badRequest([{ path: 'body.ownerSecret', message: '匿名提交缺少凭据' }], '匿名意见缺少查看凭据（可能是旧版小程序保存的），请重新提交');
  return { kind: 'anonymous', ownerHash: ownerHash(input.ownerSecret) };
}

const findClaimed = (claim: SubmissionClaim) => (claim.kind === 'named' ? findRequest(claim.authorTag, claim.clientRequestId) : findOwned(claim.ownerHash));

/**
 * Submits a suggestion: the same clientRequestId (for an anonymous one, the same secret) returns the first one;
 * text the filter blocks is refused with the categories it touched; text it holds waits for a reviewer; the
 * hourly limit counts every attempt. An anonymous suggestion stores nothing of its author (keys.ts).
 */
export async function submitSuggestion(caller: Caller, input: SubmitSuggestion, now = new Date()): Promise<{ created: boolean; suggestion: MySuggestion }> {
  const claim = claimOf(caller, input);
  const repeated = await findClaimed(claim);
  if (repeated) return { created: false, suggestion: await existing(repeated) };

  const limit = config().SUGGESTION_RATE_LIMIT_PER_HOUR;
  const counter = rateTag(caller.userId, utcHour(now));
  const openid = config().MSG_SEC_CHECK_ENABLED ? await wechatOpenIdOf(caller.userId) : undefined;
  const [titleResult, contentResult] = await Promise.all([moderateText(input.title, { openid }), moderateText(input.content, { openid })]);
  const result = combineResults(titleResult, contentResult);
  await recordModerationOutcome(caller.branchId, result.verdict, result.categories, now);
  if (result.verdict === 'block') {
    if (!(await countAttempt(counter, limit, now))) throw rateLimited(limit);
    throw contentBlockedError(result);
  }

  const id = randomUUID();
  const at = input.anonymous ? anonymousActTime(now) : now.toISOString();
  const held = result.verdict === 'review';
  const suggestion: StoredSuggestion = {
    id,
    title: input.title,
    content: input.content,
    category: input.category,
    anonymous: input.anonymous,
    ...(claim.kind === 'named' ? { authorId: caller.userId, authorName: caller.name } : { ownerHash: claim.ownerHash }),
    branchId: caller.branchId,
    status: held ? 'pending_review' : 'open',
    moderation: {
      verdict: result.verdict,
      categories: result.categories,
      titleHits: titleResult.hits,
      contentHits: contentResult.hits,
      ...(result.secondOpinion ? { secondOpinion: result.secondOpinion } : {}),
    },
    createdAt: at,
    updatedAt: at,
  };
  const events: StoredEvent[] = [
    { at, action: 'submitted', ...(input.anonymous ? {} : { actorId: caller.userId, actorName: caller.name }) },
    ...(held ? [{ at, action: 'held' as const, note: '内容需人工审核' }] : []),
  ];
  const outcome = await createSuggestion({ suggestion, events, claim, rateTag: counter, limit, now });
  if (outcome === 'rate-limited') throw rateLimited(limit);
  if (outcome === 'duplicate') return { created: false, suggestion: await existing((await findClaimed(claim)) ?? id) };
  // The id of an anonymous suggestion stays out of the logs: a log line's time is exact.
  logger.info('suggestion stored', { ...(input.anonymous ? { anonymous: true } : { suggestion: id }), status: suggestion.status, category: input.category });
  if (input.category === 'platform' && !input.anonymous) {
    await sendSignal(() =>
      recordFeedbackSignal({ feature: input.feature ?? 'feedback', source: 'suggestion', branchId: caller.branchId, category: caller.category, at: now }),
    );
  }
  return { created: true, suggestion: mySuggestionView(suggestion) };
}

/**
 * Feedback signals are best effort: the suggestion is stored either way. They are sent for named
 * suggestions only — a per-branch, per-category, per-day counter moving when an anonymous suggestion
 * appears would tell an admin the author's member category.
 */
export async function sendSignal(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    logger.warn('feedback signal not recorded', { reason: error instanceof Error ? error.message : String(error) });
  }
}
