import { duesApi as api } from '../../shared/api/dues';
import { monthSchema as validMonth } from '../../shared/api/identity-model';
import { AppError, badRequest, notFound } from '../../shared/runtime/app-error';
import { httpApi, route } from '../../shared/runtime/http';
import { unitConsumer } from '../../shared/runtime/fanout';
import { withJobs } from '../../shared/runtime/jobs';
import { wecomNoticeSender } from '../../shared/runtime/outbound';
import { arrearsFor, reminderUnit, startReminderRun } from './arrears';
import { basesFor, importBases, setBase } from './bases';
import { billUnit, startBillRun } from './bill-run';
import { billsFor } from './bills';
import { publishCheckpoint } from './checkpoint';
import { correctEntry } from './corrections';
import { approveHardship, hardshipsFor } from './hardship';
import { listCheckpoints, listEntries, verifyLedger } from './ledger';
import { myLedger } from './ledger-views';
import { shanghaiMonth } from './months';
import { recordOfflinePayment } from './offline';
import { createPayOrder, receiveNotification } from './payments';
import { duesRun, runView } from './job-runs';
import { nightlyReportRuns, reportUnit, startReportRun } from './report-run';
import { publishSummary, reportCsv, summaryFor, yearReport } from './reports';
import { getOrder, getRules, listAnomalies, putRules } from './store';
import { simulatePayment } from './wechatpay/local-simulator';
import { paymentSetup } from './wechatpay/setup';

function monthParam(value: string | undefined): string {
  const parsed = validMonth.safeParse(value);
  if (!parsed.success) throw badRequest([{ path: 'params.month', message: '月份格式应为 YYYY-MM' }]);
  return parsed.data;
}

const appendOnly = async (): Promise<never> => {
  throw new AppError(405, 'LEDGER_APPEND_ONLY');
};

export const httpHandler = httpApi([
  route(api.rules, async () => getRules()),
  route(api.updateRules, async ({ caller, body }) => {
    await putRules(body, caller.userId, new Date());
    return body;
  }),
  route(api.listBases, async ({ caller, query }) => basesFor(caller, query.branchId, query.year)),
  route(api.importBases, async ({ caller, body }) => importBases(caller, body)),
  route(api.setBase, async ({ caller, params, body }) => ({ base: await setBase(caller, params.userId!, body) })),
  route(api.generateBills, async ({ body }) => runView(await startBillRun(body.month))),
  route(api.duesRun, async ({ params }) => duesRun(params.runId!)),
  route(api.refreshReport, async ({ body }) => runView(await startReportRun(body.year))),
  route(api.listBills, async ({ caller, query }) => ({ bills: await billsFor(caller, query.year, query.userId) })),
  route(api.pay, async ({ caller, params, body }) => createPayOrder(caller, monthParam(params.month), body, (await paymentSetup()).gateway)),
  route(api.wechatpayNotify, async ({ body, event }) => {
    const { keys } = await paymentSetup();
    const { status, body: answer } = await receiveNotification((name) => event.headers?.[name], body, keys);
    return { status, body: answer };
  }),
  route(api.localPay, async ({ caller, params }) => {
    if ((await paymentSetup()).gateway.mode !== 'local-simulator') throw new AppError(404, 'ROUTE_NOT_FOUND');
    const order = await getOrder(params.outTradeNo!);
    if (!order || order.payerId !== caller.userId) throw notFound('没有找到这笔待支付的订单');
    return simulatePayment(order);
  }),
  route(api.recordOfflinePayment, async ({ caller, body }) => recordOfflinePayment(caller, body)),
  route(api.listHardships, async ({ caller, query }) => ({ hardships: await hardshipsFor(caller, query.branchId) })),
  route(api.approveHardship, async ({ caller, body }) => approveHardship(caller, body)),
  route(api.myLedger, async ({ caller }) => myLedger(caller)),
  route(api.verifyLedger, async () => verifyLedger()),
  route(api.checkpoints, async () => ({ checkpoints: await listCheckpoints() })),
  route(api.listLedger, async ({ query }) => listEntries(query.afterSeq ?? 0, query.limit ?? 50)),
  route(api.correctEntry, async ({ caller, body }) => correctEntry(caller, body)),
  route(api.replaceEntry, appendOnly),
  route(api.editEntry, appendOnly),
  route(api.deleteEntry, appendOnly),
  route(api.anomalies, async () => ({ anomalies: await listAnomalies() })),
  route(api.arrears, async ({ caller, query }) => arrearsFor(caller, query.branchId)),
  route(api.report, async ({ caller, query }) => yearReport(caller, query.year)),
  route(api.exportReport, async ({ caller, query }) => ({ filename: `党费收缴报表-${query.year}.csv`, csv: reportCsv(await yearReport(caller, query.year)) })),
  route(api.summary, async ({ caller, query }) => ({ summary: await summaryFor(caller, query.year, query.branchId) })),
  route(api.publishSummary, async ({ caller, body }) => ({ summary: await publishSummary(caller, body.year, body.branchId, wecomNoticeSender()) })),
]);

/** Scheduled jobs (deployment.ts): each is safe to run twice or in two copies at once. */
export const handler = withJobs(
  httpHandler,
  {
    // Each job plans its units and hands them to the work queue; the units run in copies of their own.
    generateBills: async () => runView(await startBillRun(shanghaiMonth(new Date()), new Date(), 'day')),
    arrearsReminders: async () => runView(await startReminderRun()),
    refreshReport: async () => (await nightlyReportRuns()).map((run) => runView(run)),
    ledgerCheckpoint: async () => publishCheckpoint(wecomNoticeSender()),
  },
  unitConsumer({ generateBills: billUnit, arrearsReminders: reminderUnit(wecomNoticeSender), refreshReport: reportUnit }),
);
