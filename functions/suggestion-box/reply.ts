import { randomUUID } from 'node:crypto';
import type { HandledSuggestion } from '../../shared/api/suggestions';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { AppError } from '../../shared/runtime/app-error';
import { branchMembers } from '../../shared/runtime/member-directory';
import type { Notice } from '../../shared/runtime/outbound';
import type { Caller } from '../../shared/runtime/session';
import type { StoredEvent, StoredSuggestion } from './model';
import { notify } from './notices';
import { orgUnitNames, saveTransition } from './suggestion-items';
import { handledSuggestionView } from './views';

/** Where the anonymous reply notice opens: the member's own list, which the app fills with its secrets. */
export const ANONYMOUS_REPLY_PAGE = 'suggestions/pages/index/index';

export async function view(s: StoredSuggestion): Promise<HandledSuggestion> {
  return handledSuggestionView(s, (await orgUnitNames()).get(s.branchId) ?? s.branchId);
}

export async function transition(current: StoredSuggestion, next: StoredSuggestion, event: StoredEvent): Promise<HandledSuggestion> {
  if (!(await saveTransition(current, next, event))) throw new AppError(409, 'CONFLICT', '这条意见刚被其他人处理过，请刷新后重试');
  return view(next);
}

/** The reply itself, by someone already allowed to answer this suggestion (a handler, or a meeting's follow-up). */
export async function answerSuggestion(current: StoredSuggestion, caller: Pick<Caller, 'userId' | 'name'>, text: string, now = new Date()): Promise<HandledSuggestion> {
  const id = current.id;
  if (current.status !== 'open' && current.status !== 'in_progress') throw new AppError(409, 'SUGGESTION_NOT_REPLIABLE');
  const moderation = await moderateText(text);
  if (moderation.verdict === 'block') throw contentBlockedError(moderation);
  const at = now.toISOString();
  // Whoever answers an unassigned suggestion has handled it: 办理人 names them from then on.
  const assignee = current.assignee ?? { userId: caller.userId, name: caller.name };
  const next: StoredSuggestion = { ...current, status: 'replied', assignee, reply: { text, byId: caller.userId, byName: caller.name, at }, updatedAt: at };
  const result = await transition(current, next, { at, action: 'replied', actorId: caller.userId, actorName: caller.name });
  if (current.anonymous) await notify(await anonymousReplyNotice(current.branchId));
  else if (current.authorId) {
    await notify({
      key: `sugg.reply.${id}`,
      toUsers: [current.authorId],
      title: '您的意见已答复',
      description: '请查看办理答复',
      page: `suggestions/pages/mine/detail?id=${id}`,
      contentItems: [{ key: '标题', value: [...current.title].slice(0, 30).join('') }],
    });
  }
  return result;
}

/** The branch-wide notice of an anonymous reply: its key is random, so nothing in it points at the suggestion. */
export async function anonymousReplyNotice(branchId: string): Promise<Notice> {
  return {
    key: `sugg.anon-reply.${randomUUID()}`,
    toUsers: (await branchMembers(branchId)).map((member) => member.userId),
    title: '匿名意见已答复',
    description: '本支部有匿名意见已答复',
    page: ANONYMOUS_REPLY_PAGE,
    contentItems: [{ key: '说明', value: '若是您提交的，可在“我的意见”查看' }],
  };
}
