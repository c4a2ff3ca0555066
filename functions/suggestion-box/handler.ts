import { suggestionsApi as api } from '../../shared/api/suggestions';
import { assertFeatureEnabled } from '../../shared/runtime/feature-gate';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';
import { acknowledge, alertList } from './alerts';
import { exportSuggestions } from './export';
import { assignSuggestion, handlingList, replySuggestion, suggestionDetail } from './handling';
import { allowPhrase, checkText, disallowPhrase, lexiconHistory, listLexicon, removeWord, setWord } from './lexicon-admin';
import { anonymousSuggestions, mySuggestion, mySuggestions, rateAnonymous, rateHandling } from './my-suggestions';
import { decideReview, reviewQueue } from './review';
import { submitSuggestion } from './submission';

// Anonymity of anonymous suggestions — what is guaranteed and what is not: keys.ts.
// Fixed paths (mine, review-queue, export) come before /suggestions/{id}, which would match them too.
const http = httpApi([
  route(api.submit, async ({ caller, body }) => {
    if (body.anonymous) await assertFeatureEnabled('suggestions.anonymous', caller);
    const { created, suggestion } = await submitSuggestion(caller, body);
    return { status: created ? 201 : 200, body: { suggestion } };
  }),
  route(api.mine, async ({ caller, query }) => mySuggestions(caller, query)),
  route(api.mineOne, async ({ caller, params }) => ({ suggestion: await mySuggestion(caller, params.id!) })),
  route(api.rate, async ({ caller, params, body }) => ({ suggestion: await rateHandling(caller, params.id!, body.rating) })),
  // Anonymous suggestions answer to their secrets alone: the caller's session only says a member is asking.
  route(api.mineAnonymous, async ({ body }) => anonymousSuggestions(body.ownerSecrets)),
  route(api.rateAnonymous, async ({ body }) => ({ suggestion: await rateAnonymous(body.ownerSecret, body.rating) })),
  route(api.reviewQueue, async ({ query }) => reviewQueue(query)),
  route(api.export, async ({ query }) => exportSuggestions(query.status)),
  route(api.handlingList, async ({ caller, query }) => handlingList(caller, query)),
  route(api.detail, async ({ caller, params }) => suggestionDetail(caller, params.id!)),
  route(api.decide, async ({ caller, params, body }) => ({ suggestion: await decideReview(caller, params.id!, body) })),
  route(api.assign, async ({ caller, params, body }) => ({ suggestion: await assignSuggestion(caller, params.id!, body.assigneeId) })),
  route(api.reply, async ({ caller, params, body }) => ({ suggestion: await replySuggestion(caller, params.id!, body.text) })),
  route(api.alerts, async ({ query }) => alertList(query)),
  route(api.acknowledgeAlert, async ({ caller, params }) => ({ alert: await acknowledge(caller, params.id!) })),
  route(api.check, async ({ body }) => checkText(body.text)),
  route(api.lexicon, async ({ query }) => listLexicon(query)),
  route(api.setWord, async ({ caller, body }) => setWord(caller, body)),
  route(api.removeWord, async ({ caller, params }) => removeWord(caller, params.word!)),
  route(api.allowPhrase, async ({ caller, body }) => allowPhrase(caller, body)),
  route(api.disallowPhrase, async ({ caller, params }) => disallowPhrase(caller, params.phrase!)),
  route(api.lexiconAudit, async ({ query }) => lexiconHistory(query)),
]);

export const handler = withJobs(http, {
  // Alerts and handling notices that WeCom did not take at once are retried from the outbox.
  'deliver-notices': async () => deliverDueNotices(wecomNoticeSender()),
});
