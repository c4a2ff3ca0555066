/**
 * `npm run bench:dues` — the dues ledger and jobs against DynamoDB Local started here on a free port:
 * - ledger appends: single entries (one conditional Put each), racing writers, and the 100,000-entry chain
 *   built in conditional transactions;
 * - verification of 100,000 entries: reading them, and the hash recomputation (target < 2 s);
 * - one month's bills for 10,000 members (target < 60 s), and the same job run again (all exist);
 * - the notify endpoint's p50 latency against a bare handler doing the same DynamoDB writes.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Context } from 'aws-lambda';
import { startDynamoDb } from '../scripts/local/dynamodb';
import { ensureTable } from '../scripts/local/table';
import { freePort } from '../tests/support/ports';
import { apiEvent } from '../tests/support/api';
import { paymentNotification, wechatPayEnvironment, wechatPayTestKeys } from '../tests/support/fake-wechatpay';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 100_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 200);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const keys = wechatPayTestKeys();
  Object.assign(process.env, { STAGE: 'local', LOG_LEVEL: 'SILENT', DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'bench-dues' }, wechatPayEnvironment(keys, 'http://127.0.0.1:9'));
  await ensureTable(dynamo.endpoint, 'bench-dues');
  const ledger = await import('../functions/dues/ledger');
  const { ChainVerifier } = await import('../functions/dues/ledger-verify');
  const store = await import('../functions/dues/store');
  const { billBranches } = await import('../functions/dues/bills');
  // The bills job's unit code, over every branch in this process (npm run bench:scale runs it fanned out).
  const generateBills = async (month: string) => billBranches(month, (await store.listBranches()).map((branch) => branch.id));
  const { httpHandler } = await import('../functions/dues/handler');
  const { putMembers, putOrgUnit } = await import('../functions/identity/store');
  const draft = (index: number): import('../functions/dues/ledger').LedgerDraft => ({
    kind: 'offline-payment',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, index % 86_400)).toISOString(),
    userId: `bench${String(index % MEMBERS).padStart(5, '0')}`,
    branchId: `branch-${index % 100}`,
    months: ['2026-01'],
    amountFen: 1000 + (index % 5000),
    voluntaryFen: 0,
    toCentreFen: 0,
    method: 'transfer',
    recordedBy: 'bench-finance',
  });
  log(`dues benchmark — DynamoDB Local at ${dynamo.endpoint}, node ${process.version}, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} on this machine`);

  // 1. Appends.
  const singles = Math.min(1000, APPENDS);
  let started = performance.now();
  for (let index = 0; index < singles; index += 1) await ledger.appendEntry(draft(index));
  const singleMs = performance.now() - started;
  log(`single appends (one conditional Put each, sequential): ${singles} in ${seconds(singleMs)} → ${Math.round(singles / (singleMs / 1000))} appends/s`);

  const racers = 4;
  const raced = 400;
  started = performance.now();
  let next = singles;
  await Promise.all(
    Array.from({ length: racers }, async () => {
      while (next < singles + raced) await ledger.appendEntry(draft(next++));
    }),
  );
  const racedMs = performance.now() - started;
  log(`racing appends (${racers} writers on one chain, conflicts retried): ${raced} in ${seconds(racedMs)} → ${Math.round(raced / (racedMs / 1000))} appends/s`);

  const batch = 50;
  started = performance.now();
  for (let index = singles + raced; index < APPENDS; index += batch) {
    await ledger.appendEntries(Array.from({ length: Math.min(batch, APPENDS - index) }, (_, offset) => draft(index + offset)));
  }
  const bulkMs = performance.now() - started;
  const bulk = APPENDS - singles - raced;
  log(`chain built to ${APPENDS} entries: ${bulk} more in conditional transactions of ${batch}, ${seconds(bulkMs)} → ${Math.round(bulk / (bulkMs / 1000))} appends/s`);

  // 2. Verification.
  started = performance.now();
  const items: Record<string, unknown>[] = [];
  for await (const page of ledger.ledgerItemPages()) items.push(...page);
  const readMs = performance.now() - started;
  started = performance.now();
  const verifier = new ChainVerifier([]);
  for (const item of items) verifier.add(item);
  const result = verifier.result();
  const hashMs = performance.now() - started;
  log(`verify ${result.count} entries: read from DynamoDB Local ${seconds(readMs)}, hash recomputation ${seconds(hashMs)} (target < 2 s: ${hashMs < 2000 ? 'met' : 'MISSED'}), chain ${result.ok ? 'intact' : 'BROKEN'}`);

  // 3. Bills for 10,000 members.
  const branches = 100;
  await putOrgUnit({ id: 'bench-group', kind: 'group', name: '基准集团' });
  for (let b = 0; b < branches; b += 1) await putOrgUnit({ id: `branch-${b}`, kind: 'branch', name: `基准支部${b}`, parentId: 'bench-group' });
  const members = Array.from({ length: MEMBERS }, (_, index) => ({
    userId: `bench${String(index).padStart(5, '0')}`,
    name: `党员${index}`,
    branchId: `branch-${index % branches}`,
    category: (index % 10 === 0 ? 'retiree' : 'ranger') as 'retiree' | 'ranger',
    postTags: [],
    roles: ['member' as const],
    updatedAt: new Date().toISOString(),
  }));
  await putMembers(members);
  await store.putBases(
    members.map((member, index) => ({
      userId: member.userId,
      name: member.name,
      branchId: member.branchId,
      effectiveMonth: '2026-01',
      kind: member.category === 'retiree' ? 'pension' : 'wage',
      baseFen: 250_000 + (index % 900) * 1000,
      setBy: 'bench-finance',
      setAt: new Date().toISOString(),
    })),
  );
  started = performance.now();
  const generated = await generateBills('2026-02');
  const billsMs = performance.now() - started;
  log(`bills for ${MEMBERS} members, one month: ${generated.created} created in ${seconds(billsMs)} (target < 60 s: ${billsMs < 60_000 ? 'met' : 'MISSED'})`);
  started = performance.now();
  const rerun = await generateBills('2026-02');
  log(`the same job again: ${rerun.created} created, ${rerun.existing} already there, ${seconds(performance.now() - started)}`);

  // 4. Notify endpoint vs a bare handler doing the same DynamoDB writes.
  // Each order pays a different member's bill, as WeChat Pay would notify them.
  const billOf = async (userId: string) => (await store.getBill(userId, '2026-02'))!;
  const orders: Array<{ bill: Awaited<ReturnType<typeof billOf>>; outTradeNo: string }> = [];
  for (const member of members.slice(0, NOTIFICATIONS * 2)) {
    const bill = await billOf(member.userId);
    const outTradeNo = `Dbench${randomBytes(10).toString('hex')}`;
    const amount = { dueFen: bill.amountFen, voluntaryFen: 0, amountFen: bill.amountFen };
    await store.putOrder({ outTradeNo, userId: member.userId, branchId: member.branchId, payerId: member.userId, month: '2026-02', ...amount, prepayId: 'p', mode: 'wechatpay', status: 'created', createdAt: new Date().toISOString() });
    orders.push({ bill, outTradeNo });
  }
  const context = {} as Context;
  const notifyTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let index = 0; index < NOTIFICATIONS; index += 1) {
    const viaNotify = orders[index * 2]!;
    const viaBare = orders[index * 2 + 1]!;
    const notification = paymentNotification(keys, viaNotify.outTradeNo, viaNotify.bill.amountFen);
    let t = performance.now();
    const reply = await httpHandler(apiEvent('POST', '/api/v1/dues/notify/wechatpay', { rawBody: notification.body, headers: notification.headers }), context);
    notifyTimes.push(performance.now() - t);
    if (reply.statusCode !== 200) throw new Error(`notify answered ${reply.statusCode}: ${reply.body}`);

    const { bill } = viaBare;
    const at = new Date().toISOString();
    t = performance.now();
    await ledger.appendEntry({ ...draft(index), kind: 'payment', userId: bill.userId, branchId: bill.branchId, months: [bill.month], amountFen: bill.amountFen, method: 'wechatpay', reference: `bare${index}`, recordedBy: 'wechatpay' }, (entries) => [
      store.settleOrderItem(viaBare.outTradeNo, 'paid', `bare${index}`, at),
      store.settleBillItem(bill, { paidAt: at, paidFen: bill.amountFen, voluntaryFen: 0, paidVia: 'wechatpay', paidBy: bill.userId, ledgerSeq: entries[0]!.seq }),
    ]);
    bareTimes.push(performance.now() - t);
  }
  const notifyP50 = percentile(notifyTimes, 50);
  const bareP50 = percentile(bareTimes, 50);
  log(`notify endpoint p50 ${notifyP50.toFixed(1)} ms (p95 ${percentile(notifyTimes, 95).toFixed(1)} ms) vs bare handler with the same writes p50 ${bareP50.toFixed(1)} ms (p95 ${percentile(bareTimes, 95).toFixed(1)} ms): ratio ${(notifyP50 / bareP50).toFixed(2)}×`);
  await dynamo.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
