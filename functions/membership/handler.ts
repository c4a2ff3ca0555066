import { membershipApi as api } from '../../shared/api/membership';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';
import { branchInScope } from './access';
import { issueCard, revokeCards, verifyCardOnline } from './card';
import { recordHistory } from './history';
import { letterPdf } from './letter-pdf';
import { mobileMembers, registerMobile } from './mobile';
import { createPerson, detailOf, idReadAudit, listPeople, readIdNumber, recordStep, visibleRecord } from './people';
import { getRecord } from './store';
import { publishRecordCheckpoint } from './record-checkpoint';
import { remindDeadlines } from './reminders';
import { acceptTransfer, issueLetter, listTransfers, recordReceipt, requestTransfer, returnTransfer, visibleTransfer } from './transfers';

export const httpHandler = httpApi([
  route(api.listPeople, async ({ caller, query }) => ({ items: await listPeople(branchInScope(caller, query.branchId)) })),
  route(api.createPerson, async ({ caller, body }) => {
    const { detail, created } = await createPerson(caller, body);
    return { status: created ? 201 : 200, body: detail };
  }),
  route(api.myRecord, async ({ caller }) => {
    const record = await getRecord(caller.userId);
    return record ? { record: detailOf(record, caller) } : {};
  }),
  route(api.myHistory, async ({ caller }) => recordHistory(caller, caller.userId)),
  route(api.personHistory, async ({ caller, params }) => recordHistory(caller, params.personId!)),
  route(api.getPerson, async ({ caller, params }) => detailOf(await visibleRecord(caller, params.personId!), caller)),
  route(api.recordStep, async ({ caller, params, body }) => recordStep(caller, params.personId!, body)),
  route(api.readIdNumber, async ({ caller, params, body }) => readIdNumber(caller, params.personId!, body.purpose)),
  route(api.idReadAudit, async ({ params }) => ({ items: await idReadAudit(params.personId!) })),
  route(api.listTransfers, async ({ caller }) => ({ items: await listTransfers(caller) })),
  route(api.requestTransfer, async ({ caller, body }) => {
    const { transfer, created } = await requestTransfer(caller, body);
    return { status: created ? 201 : 200, body: transfer };
  }),
  route(api.getTransfer, async ({ caller, params }) => visibleTransfer(caller, params.transferId!)),
  route(api.issueLetter, async ({ caller, params, body }) => issueLetter(caller, params.transferId!, body)),
  route(api.acceptTransfer, async ({ caller, params }) => acceptTransfer(caller, params.transferId!)),
  route(api.returnTransfer, async ({ caller, params, body }) => returnTransfer(caller, params.transferId!, body.reason)),
  route(api.recordReceipt, async ({ caller, params, body }) => recordReceipt(caller, params.transferId!, body)),
  route(api.letterPdf, async ({ caller, params }) => letterPdf(caller, params.transferId!)),
  route(api.registerMobile, async ({ caller, body }) => ({ status: 201, body: await registerMobile(caller, body) })),
  route(api.listMobile, async ({ caller, query }) => ({ items: await mobileMembers(branchInScope(caller, query.branchId)) })),
  route(api.myCard, async ({ caller }) => issueCard(caller)),
  route(api.verifyCard, async ({ body }) => verifyCardOnline(body.token)),
  route(api.revokeCard, async ({ caller, body }) => revokeCards(caller, body.userId)),
]);

/** HTTP routes, the daily reminder of joining limits, the record chains' checkpoint, and the retry of notices, in one Lambda. */
export const handler = withJobs(httpHandler, {
  remindDeadlines: async () => remindDeadlines(),
  recordCheckpoint: async () => publishRecordCheckpoint(wecomNoticeSender()),
  deliverNotices: async () => deliverDueNotices(wecomNoticeSender()),
});
