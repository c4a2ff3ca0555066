import { suggestionsApi, type EarlyWarningAlert, type HandledSuggestion, type MySuggestion, type SuggestionEvent, type SuggestionStatus } from '@shared/api';
import { useAsync, type AsyncState } from '../../hooks/use-async';
import { ApiError, call } from '../../services/api';
import { currentMember } from '../../services/session';
import { lookupBatch, ownedSuggestions, recordIds, secretOf } from '../services/owner-secrets';

/** Loading the suggestion box's lists and items; pages only lay them out. */

/** My anonymous suggestions, found with the secrets this phone keeps (the server cannot list them). */
async function myAnonymousSuggestions(userId: string): Promise<MySuggestion[]> {
  const batch = lookupBatch(ownedSuggestions(userId));
  if (batch.length === 0) return [];
  const { items } = await call(suggestionsApi.mineAnonymous, { body: { ownerSecrets: batch.map((entry) => entry.secret) } });
  recordIds(userId, items.flatMap(({ secretIndex, suggestion }) => (batch[secretIndex] ? [{ secret: batch[secretIndex]!.secret, id: suggestion.id }] : [])));
  return items.map((item) => item.suggestion);
}

/** 我的意见: the named ones from the server and the anonymous ones by their secrets, newest first. */
export function useMySuggestions(enabled: boolean): AsyncState<MySuggestion[]> {
  return useAsync(async () => {
    const userId = currentMember()?.userId ?? '';
    const [named, anonymous] = await Promise.all([call(suggestionsApi.mine, { query: { limit: 50 } }), myAnonymousSuggestions(userId)]);
    return [...named.items, ...anonymous].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, enabled);
}

/** One of my suggestions, with the secret that opens it when it is anonymous (and undefined for a named one). */
export function useMySuggestion(id: string | undefined, enabled: boolean): AsyncState<{ suggestion: MySuggestion; ownerSecret?: string }> {
  return useAsync(async () => {
    const ownerSecret = secretOf(currentMember()?.userId ?? '', id ?? '');
    if (!ownerSecret) return { suggestion: (await call(suggestionsApi.mineOne, { params: { id: id ?? '' } })).suggestion };
    const found = (await call(suggestionsApi.mineAnonymous, { body: { ownerSecrets: [ownerSecret] } })).items[0];
    if (!found) throw new ApiError('SUGGESTION_NOT_FOUND', '没有找到这条匿名意见', 404);
    return { suggestion: found.suggestion, ownerSecret };
  }, enabled && Boolean(id));
}

export function useReviewQueue(enabled: boolean): AsyncState<HandledSuggestion[]> {
  return useAsync(async () => (await call(suggestionsApi.reviewQueue, { query: { limit: 50 } })).items, enabled);
}

export function useHandlingList(status: SuggestionStatus, enabled: boolean): AsyncState<HandledSuggestion[]> {
  return useAsync(async () => (await call(suggestionsApi.handlingList, { query: { status, limit: 50 } })).items, enabled);
}

export function useSuggestionDetail(id: string | undefined, enabled: boolean): AsyncState<{ suggestion: HandledSuggestion; history: SuggestionEvent[] }> {
  return useAsync(() => call(suggestionsApi.detail, { params: { id: id ?? '' } }), enabled && Boolean(id));
}

export function useAlerts(enabled: boolean): AsyncState<EarlyWarningAlert[]> {
  return useAsync(async () => (await call(suggestionsApi.alerts, { query: { limit: 50 } })).items, enabled);
}
