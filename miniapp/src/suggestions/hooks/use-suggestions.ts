import { suggestionsApi, type EarlyWarningAlert, type HandledSuggestion, type MySuggestion, type SuggestionEvent, type SuggestionStatus } from '@shared/api';
import { useAsync, type AsyncState } from '../../hooks/use-async';
import { call } from '../../services/api';

/** Loading the suggestion box's lists and items; pages only lay them out. */

export function useMySuggestions(enabled: boolean): AsyncState<MySuggestion[]> {
  return useAsync(async () => (await call(suggestionsApi.mine, { query: { limit: 50 } })).items, enabled);
}

export function useMySuggestion(id: string | undefined, enabled: boolean): AsyncState<MySuggestion> {
  return useAsync(async () => (await call(suggestionsApi.mineOne, { params: { id: id ?? '' } })).suggestion, enabled && Boolean(id));
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
