import { feedbackApi, type FeatureKey } from '@shared/api';
import { useAsync } from '../hooks/use-async';
import { call } from '../services/api';

/** Loaders of the admin pages. */
export const useOverview = () => useAsync(() => call(feedbackApi.overview, { query: { days: 7 } }));
export const useDashboard = (feature: FeatureKey) => useAsync(() => call(feedbackApi.dashboard, { params: { feature }, query: { days: 30 } }));
export const useToggleList = () => useAsync(() => call(feedbackApi.listToggles).then((reply) => reply.toggles));
export const useRules = () => useAsync(() => call(feedbackApi.listRules).then((reply) => reply.rules));
export const useProposals = (status: 'open' | 'applied' | 'dismissed') => useAsync(() => call(feedbackApi.listProposals, { query: { status } }).then((reply) => reply.items));
export const useAudit = () => useAsync(() => call(feedbackApi.audit, { query: { limit: 50 } }).then((reply) => reply.items));
export const useHomeLayouts = () => useAsync(() => call(feedbackApi.homeLayouts).then((reply) => reply.layouts));
