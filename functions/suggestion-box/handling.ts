import type { HandledSuggestion, SuggestionCategory, SuggestionEvent, SuggestionStatus } from '../../shared/api/suggestions';
import { AppError, badRequest, forbidden } from '../../shared/runtime/app-error';
import { memberProfile } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { assertHandles, isAdmin } from './access';
import type { StoredSuggestion } from './model';
import { notify } from './notices';
import { answerSuggestion, transition, view } from './reply';
import { getSuggestion, orgUnitNames, suggestionWithHistory, suggestionsByStatus, suggestionsOfBranch, type Page } from './store';
import { eventView, handledSuggestionView } from './views';

export { ANONYMOUS_REPLY_PAGE, anonymousReplyNotice } from './reply';

/** Suggestions to handle, newest first: a secretary sees their branch only, whatever branch they ask for. */
export async function handlingList(
  caller: Caller,
  query: { status: SuggestionStatus; category?: SuggestionCategory; branchId?: string; limit?: number; cursor?: string },
): Promise<Page<HandledSuggestion>> {
  if (!isAdmin(caller) && query.branchId !== undefined && query.branchId !== caller.branchId) throw forbidden('支部书记只能查看本支部的意见');
  const branchId = isAdmin(caller) ? query.branchId : caller.branchId;
  const options = { limit: query.limit ?? 20, cursor: query.cursor, category: query.category };
  const [page, names] = await Promise.all([
    branchId ? suggestionsOfBranch(branchId, query.status, options) : suggestionsByStatus(query.status, options),
    orgUnitNames(),
  ]);
  return { items: page.items.map((s) => handledSuggestionView(s, names.get(s.branchId) ?? s.branchId)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** One suggestion with its history, for handlers in scope and for reviewers. */
export async function suggestionDetail(caller: Caller, id: string): Promise<{ suggestion: HandledSuggestion; history: SuggestionEvent[] }> {
  const found = await suggestionWithHistory(id);
  if (!found) throw new AppError(404, 'SUGGESTION_NOT_FOUND');
  if (!caller.roles.includes('reviewer')) assertHandles(caller, found.suggestion.branchId);
  return { suggestion: await view(found.suggestion), history: found.events.map(eventView) };
}

async function handledSuggestion(caller: Caller, id: string): Promise<StoredSuggestion> {
  const current = await getSuggestion(id);
  if (!current) throw new AppError(404, 'SUGGESTION_NOT_FOUND');
  assertHandles(caller, current.branchId);
  return current;
}

/** Hands a suggestion to an admin, or to a secretary of its branch, who gets a WeCom notice. */
export async function assignSuggestion(caller: Caller, id: string, assigneeId: string, now = new Date()): Promise<HandledSuggestion> {
  const current = await handledSuggestion(caller, id);
  if (current.status !== 'open' && current.status !== 'in_progress') throw new AppError(409, 'CONFLICT', '只有待处理或处理中的意见可以指派');
  const assignee = await memberProfile(assigneeId);
  const canHandle = assignee && (assignee.roles.includes('admin') || (assignee.roles.includes('secretary') && assignee.branchId === current.branchId));
  if (!assignee || !canHandle) throw badRequest([{ path: 'body.assigneeId', message: '只能指派给平台管理员或本支部书记' }], '只能指派给平台管理员或本支部书记');
  const at = now.toISOString();
  const next: StoredSuggestion = { ...current, status: 'in_progress', assignee: { userId: assignee.userId, name: assignee.name }, updatedAt: at };
  const result = await transition(current, next, { at, action: 'assigned', actorId: caller.userId, actorName: caller.name, note: `指派给${assignee.name}` });
  if (assignee.userId !== caller.userId) {
    await notify({
      key: `sugg.assign.${id}.${assignee.userId}`,
      toUsers: [assignee.userId],
      title: '意见待您处理',
      description: '请及时办理并答复',
      page: `suggestions/pages/handling/detail?id=${id}`,
      contentItems: [{ key: '标题', value: [...current.title].slice(0, 30).join('') }],
    });
  }
  return result;
}

/**
 * Replies to a suggestion (the reply goes through the filter too). A named author gets a WeCom notice; the
 * author of an anonymous one is unknown here, so the whole branch — the crowd its branchId already names —
 * hears that an anonymous suggestion was answered, with no id and no text, and each app finds its own
 * replies with its secrets (threat model: keys.ts).
 */
export async function replySuggestion(caller: Caller, id: string, text: string, now = new Date()): Promise<HandledSuggestion> {
  return answerSuggestion(await handledSuggestion(caller, id), caller, text, now);
}
