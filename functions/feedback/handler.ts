import { feedbackApi as api, togglesEtag } from '../../shared/api/feedback';
import { memberCategorySchema } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { httpApi, route, unchangingAnswer } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';
import { moderateComment } from './comment-filter';
import { dashboard, DEFAULT_DASHBOARD_DAYS, overview } from './dashboard';
import { evaluateAll, evaluateRules, refreshHomeUsage } from './evaluation';
import { recordEvents } from './events';
import { homeLayouts, updateHomeLayout } from './home-admin';
import { applyProposal, dismissProposal } from './proposals';
import { rateFeature } from './ratings';
import { createRule, deleteRule, listRules, updateRule } from './rules';
import * as store from './store';
import { listToggles, myToggles, parseFeature, updateToggle } from './toggles';

function parseCategory(value: string | undefined) {
  const parsed = memberCategorySchema.safeParse(value);
  if (!parsed.success) throw new AppError(404, 'NOT_FOUND', '没有这个党员类别');
  return parsed.data;
}

const http = httpApi([
  route(api.myToggles, async ({ caller, event }) => {
    // The same answer object serves a member until the configuration changes: serialised once.
    const toggles = unchangingAnswer(await myToggles(caller));
    const etag = togglesEtag(toggles.version);
    // Private to the member; the device keeps its own copy for offline use, so every refresh revalidates and an
    // unchanged answer is a bodiless 304.
    const headers = { etag, 'cache-control': 'private, no-cache', vary: 'authorization' };
    if (event.headers?.['if-none-match'] === etag) return { status: 304, body: undefined as unknown as typeof toggles, headers };
    return { status: 200, body: toggles, headers };
  }),
  route(api.recordEvents, async ({ caller, body }) => recordEvents(caller, body.events)),
  route(api.rate, async ({ caller, body }) => rateFeature(caller, body, moderateComment)),
  route(api.overview, async ({ query }) => overview(query.days ?? 7)),
  route(api.dashboard, async ({ params, query }) => dashboard(parseFeature(params.feature), query.days ?? DEFAULT_DASHBOARD_DAYS)),
  route(api.listToggles, async () => ({ toggles: await listToggles() })),
  route(api.updateToggle, async ({ caller, params, body }) => ({ toggle: await updateToggle(caller, parseFeature(params.feature), body) })),
  route(api.listRules, async () => ({ rules: await listRules() })),
  route(api.createRule, async ({ body }) => ({ status: 201, body: { rule: await createRule(body) } })),
  route(api.updateRule, async ({ params, body }) => ({ rule: await updateRule(params.ruleId!, body) })),
  route(api.deleteRule, async ({ params }) => {
    await deleteRule(params.ruleId!);
    return { deleted: true };
  }),
  route(api.evaluateNow, async () => evaluateAll(wecomNoticeSender)),
  route(api.listProposals, async ({ query }) => store.listProposals(query.status ?? 'open', query.limit ?? 50, query.cursor)),
  route(api.applyProposal, async ({ caller, params }) => applyProposal(caller, params.proposalId!)),
  route(api.dismissProposal, async ({ caller, params }) => ({ proposal: await dismissProposal(caller, params.proposalId!) })),
  route(api.audit, async ({ query }) => store.listAudit({ ...(query.feature ? { feature: query.feature } : {}), limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) })),
  route(api.homeLayouts, async () => ({ layouts: await homeLayouts() })),
  route(api.updateHomeLayout, async ({ caller, params, body }) => ({ layout: await updateHomeLayout(caller, parseCategory(params.category), body) })),
]);

/** HTTP requests and the scheduled jobs (see deployment.ts), in one Lambda. */
export const handler = withJobs(http, {
  'evaluate-rules': async () => evaluateRules(wecomNoticeSender),
  'refresh-home-usage': async () => refreshHomeUsage(),
  'deliver-notices': async () => deliverDueNotices(wecomNoticeSender()),
});
