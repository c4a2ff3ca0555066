import fc from 'fast-check';
import { httpHandler as handler } from '../../functions/dues/handler';
import { addMonths, shanghaiMonth } from '../../functions/dues/months';
import { getOutboxRecord } from '../../shared/runtime/outbound';
import { demoMembers } from '../../scripts/local/demo-data';
import { call, type CallResult } from '../support/api';
import { paymentNotification, type Notification } from '../support/fake-wechatpay';
import { useSeededTable } from '../support/table';
import { useWechatPayWorld } from './dues-fixtures';
import { conflictOnItem, conflictOnTransaction, serverError, useDynamoFaults, type DynamoError, type DynamoFaults, type DynamoRequest } from './dues-dynamodb-faults';

/**
 * Issue #15 item 4: every payment WeChat Pay is told "SUCCESS" for is on record — the ledger entry of the one
 * transaction that paid the bill, or an anomaly (refund needed, finance told) for every other one.
 */
useSeededTable();

const world = useWechatPayWorld();
const { keys, tokens } = world;
const current = shanghaiMonth(new Date());

interface Order {
  outTradeNo: string;
  userId: string;
  month: string;
  amountFen: number;
}
interface Anomaly {
  kind: string;
  status: string;
  outTradeNo: string;
  transactionId: string;
}

/** Bills nobody has paid yet: plain members' current and previous months, each opened once. */
const unpaidBills = demoMembers()
  .filter((member) => /^m\d+$/.test(member.userId))
  .flatMap((member) => [current, addMonths(current, -1)].map((month) => ({ userId: member.userId, month })));

async function openOrder(): Promise<Order> {
  for (let bill = unpaidBills.shift(); bill; bill = unpaidBills.shift()) {
    const reply = await call(handler, 'POST', `/api/v1/dues/bills/${bill.month}/pay`, { token: tokens[bill.userId], body: { payerOpenId: `o${bill.userId}` } });
    // An exempt member's bill has nothing to pay: take the next one.
    if (reply.status === 200) return { ...bill, outTradeNo: reply.body.outTradeNo, amountFen: reply.body.amountFen };
  }
  throw new Error('no unpaid bill left to open an order for');
}

const notify = (notification: Notification) => call<{ code: string; message: string }>(handler, 'POST', '/api/v1/dues/notify/wechatpay', { rawBody: notification.body, headers: notification.headers });
const expectAck = (reply: CallResult<{ code: string }>) => expect({ status: reply.status, code: reply.body.code }).toEqual({ status: 200, code: 'SUCCESS' });
const expectRefused = (reply: CallResult<{ code: string }>) => {
  expect(reply.status).toBeGreaterThanOrEqual(500);
  expect(reply.body.code).toBe('FAIL');
};

/** Every reference in the ledger: each branch chain (as finance lists them) paged through. */
async function ledgerReferences(): Promise<string[]> {
  const references: string[] = [];
  const chains = (await call(handler, 'GET', '/api/v1/dues/ledger/chains', { token: tokens['demo-finance'] })).body.chains as Array<{ chain: string }>;
  for (const { chain } of chains) {
    let afterSeq = 0;
    for (;;) {
      const page = await call(handler, 'GET', '/api/v1/dues/ledger', { token: tokens['demo-finance'], query: { ...(chain === '#legacy' ? {} : { chain }), afterSeq: String(afterSeq), limit: '200' } });
      references.push(...(page.body.entries as Array<{ reference?: string }>).flatMap((entry) => (entry.reference ? [entry.reference] : [])));
      if (page.body.nextAfterSeq === undefined) break;
      afterSeq = page.body.nextAfterSeq;
    }
  }
  return references;
}
const anomalies = async () => (await call(handler, 'GET', '/api/v1/dues/anomalies', { token: tokens['demo-finance'] })).body.anomalies as Anomaly[];
const billStatus = async (order: Order) => {
  const reply = await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens[order.userId], query: { year: order.month.slice(0, 4) } });
  return (reply.body.bills as Array<{ month: string; status: string }>).find((bill) => bill.month === order.month)?.status;
};

/** Where each of the transactions is on record: in the ledger, among the anomalies, or nowhere. */
async function recordsOf(transactionIds: string[]) {
  const wanted = new Set(transactionIds);
  const inLedger = (await ledgerReferences()).filter((reference) => wanted.has(reference));
  const asAnomaly = (await anomalies()).filter((anomaly) => wanted.has(anomaly.transactionId));
  return { inLedger, asAnomaly };
}

describe('racing notifications of distinct transactions for one order', () => {
  it('answers all ten SUCCESS and records them all: one ledger entry, nine refund-needed anomalies each with a notice to finance', async () => {
    const order = await openOrder();
    const notifications = Array.from({ length: 10 }, () => paymentNotification(keys, order.outTradeNo, order.amountFen));
    const replies = await Promise.all(notifications.map(notify));
    replies.forEach(expectAck);

    const transactionIds = notifications.map((notification) => notification.transactionId);
    const { inLedger, asAnomaly } = await recordsOf(transactionIds);
    expect(inLedger).toHaveLength(1);
    expect(asAnomaly).toHaveLength(9);
    expect(new Set([...inLedger, ...asAnomaly.map((anomaly) => anomaly.transactionId)])).toEqual(new Set(transactionIds));
    for (const anomaly of asAnomaly) {
      expect(anomaly).toMatchObject({ kind: 'bill-already-paid', status: 'refund-needed', outTradeNo: order.outTradeNo });
      const notice = await getOutboxRecord(`dues-anomaly#${anomaly.transactionId}`);
      expect(notice).toMatchObject({ status: 'pending', notice: { title: '党费支付异常', toUsers: ['demo-finance'] } });
      expect(notice?.notice.contentItems).toEqual(expect.arrayContaining([{ key: '交易号', value: anomaly.transactionId }]));
    }
    expect(await billStatus(order)).toBe('paid');
    expect((await call(handler, 'GET', '/api/v1/dues/ledger/verify', { token: tokens['demo-finance'] })).body.ok).toBe(true);
  });

  it('records a repeated transaction once and acknowledges every copy', async () => {
    const order = await openOrder();
    const paying = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const second = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const copies = [paying, second, paying, second].map((notification) => paymentNotification(keys, order.outTradeNo, order.amountFen, { transaction_id: notification.transactionId }));
    (await Promise.all(copies.map(notify))).forEach(expectAck);
    (await Promise.all([paying, second].map(notify))).forEach(expectAck);
    const { inLedger, asAnomaly } = await recordsOf([paying.transactionId, second.transactionId]);
    expect(inLedger.length + asAnomaly.length).toBe(2);
    expect(inLedger).toHaveLength(1);
  });
});

describe('Σ acknowledged distinct transactions = ledger entries + anomalies (property, against DynamoDB Local)', () => {
  const delivery = fc.record({ wave: fc.integer({ min: 0, max: 1 }) });
  const transaction = fc.record({ rightAmount: fc.boolean(), copies: fc.array(delivery, { minLength: 1, maxLength: 3 }) });
  const scenario = fc.record({
    transactions: fc.array(transaction, { minLength: 1, maxLength: 4 }),
    paidOfflineFirst: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });

  it('holds for racing, repeated and distinct transactions of an order, whatever else paid the bill', async () => {
    let offlineRequests = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ transactions, paidOfflineFirst }) => {
        const order = await openOrder();
        if (paidOfflineFirst) {
          offlineRequests += 1;
          const offline = await call(handler, 'POST', '/api/v1/dues/offline-payments', {
            token: tokens['demo-finance'],
            body: { userId: order.userId, months: [order.month], method: 'cash', clientRequestId: `property-offline-${offlineRequests}` },
          });
          expect(offline.status).toBe(200);
        }
        const planned = transactions.map((plan) => ({ ...plan, notification: paymentNotification(keys, order.outTradeNo, plan.rightAmount ? order.amountFen : order.amountFen + 1) }));
        for (const wave of [0, 1]) {
          // Every copy is its own notification (WeChat Pay's retries carry a new nonce and timestamp).
          const sent = planned.flatMap(({ notification, rightAmount, copies }) =>
            copies
              .filter((copy) => copy.wave === wave)
              .map(() => paymentNotification(keys, order.outTradeNo, rightAmount ? order.amountFen : order.amountFen + 1, { transaction_id: notification.transactionId })),
          );
          (await Promise.all(sent.map(notify))).forEach(expectAck);
        }

        const acknowledged = planned.map(({ notification }) => notification.transactionId);
        const { inLedger, asAnomaly } = await recordsOf(acknowledged);
        expect(inLedger.length + asAnomaly.length).toBe(acknowledged.length);
        expect(new Set([...inLedger, ...asAnomaly.map((anomaly) => anomaly.transactionId)]).size).toBe(acknowledged.length);
        asAnomaly.forEach((anomaly) => expect(anomaly.status).toBe('refund-needed'));
        const couldPay = !paidOfflineFirst && transactions.some((plan) => plan.rightAmount);
        expect(inLedger).toHaveLength(couldPay ? 1 : 0);
        expect(await billStatus(order)).toBe(couldPay || paidOfflineFirst ? 'paid' : 'unpaid');
      }),
      { numRuns: 12, endOnFailure: true },
    );
  });
});

describe('a transaction whose recording fails or meets contention', () => {
  let faults: DynamoFaults;
  beforeAll(async () => {
    faults = await useDynamoFaults();
  });
  afterAll(async () => {
    await faults.close();
  });
  afterEach(() => faults.inject(undefined));

  const anomalyWrite = ({ operation, body }: DynamoRequest) => operation === 'TransactWriteItems' && body.includes('DUES#ANOMALY#');
  const ledgerWrite = ({ operation, body }: DynamoRequest) => operation === 'TransactWriteItems' && body.includes('"DUES#CHAIN#');
  /** The first `times` requests the filter picks get the error; later ones reach DynamoDB. */
  const firstOnes = (times: number, picks: (request: DynamoRequest) => boolean, error: DynamoError) => {
    let left = times;
    return (request: DynamoRequest) => (picks(request) && left-- > 0 ? error : undefined);
  };

  it('is refused (FAIL, so WeChat Pay retries) while its ledger entry cannot be written, and pays the bill on the retry', async () => {
    const order = await openOrder();
    const notification = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const before = faults.injected;
    faults.inject((request) => (ledgerWrite(request) ? serverError : undefined));
    expectRefused(await notify(notification));
    expect(faults.injected).toBeGreaterThan(before);
    expect(await billStatus(order)).toBe('unpaid');
    expect((await recordsOf([notification.transactionId])).inLedger).toHaveLength(0);

    faults.inject(undefined);
    expectAck(await notify(notification));
    expect(await billStatus(order)).toBe('paid');
    expect((await recordsOf([notification.transactionId])).inLedger).toHaveLength(1);
  });

  it('is refused while its anomaly cannot be written, and recorded with its notice on the retry', async () => {
    const order = await openOrder();
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen)));
    const second = paymentNotification(keys, order.outTradeNo, order.amountFen);
    faults.inject((request) => (anomalyWrite(request) ? serverError : undefined));
    expectRefused(await notify(second));
    expect((await recordsOf([second.transactionId])).asAnomaly).toHaveLength(0);
    expect(await getOutboxRecord(`dues-anomaly#${second.transactionId}`)).toBeUndefined();

    faults.inject(undefined);
    expectAck(await notify(second));
    expect((await recordsOf([second.transactionId])).asAnomaly).toEqual([expect.objectContaining({ status: 'refund-needed' })]);
    expect(await getOutboxRecord(`dues-anomaly#${second.transactionId}`)).toMatchObject({ status: 'pending' });
  });

  it('retries writes DynamoDB cancels for TransactionConflict, then records and acknowledges', async () => {
    const order = await openOrder();
    const paying = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const before = faults.injected;
    faults.inject(firstOnes(2, ledgerWrite, conflictOnTransaction(3)));
    expectAck(await notify(paying));
    expect(faults.injected - before).toBe(2);
    const second = paymentNotification(keys, order.outTradeNo, order.amountFen);
    faults.inject(firstOnes(2, anomalyWrite, conflictOnTransaction(2)));
    expectAck(await notify(second));
    expect(faults.injected - before).toBe(4);
    expect(await recordsOf([paying.transactionId, second.transactionId])).toEqual({
      inLedger: [paying.transactionId],
      asAnomaly: [expect.objectContaining({ transactionId: second.transactionId, status: 'refund-needed' })],
    });
  });

  it('retries a single write that meets an ongoing transaction (TransactionConflictException)', async () => {
    const order = await openOrder();
    const offline = await call(handler, 'POST', '/api/v1/dues/offline-payments', {
      token: tokens['demo-finance'],
      body: { userId: order.userId, months: [order.month], method: 'cash', clientRequestId: 'conflict-offline-0001' },
    });
    expect(offline.status).toBe(200);
    // The bill was paid at the counter: the order is closed by this transaction (an UpdateItem) and it is an anomaly.
    const late = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const before = faults.injected;
    faults.inject(firstOnes(2, ({ operation, body }) => operation === 'UpdateItem' && body.includes('DUES#ORDER#'), conflictOnItem));
    expectAck(await notify(late));
    expect(faults.injected - before).toBe(2);
    expect((await recordsOf([late.transactionId])).asAnomaly).toEqual([expect.objectContaining({ kind: 'bill-already-paid' })]);
  });

  it('gives up after a bounded number of conflicts and refuses, so WeChat Pay sends it again later', async () => {
    const order = await openOrder();
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen)));
    const second = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const before = faults.injected;
    faults.inject((request) => (anomalyWrite(request) ? conflictOnTransaction(2) : undefined));
    expectRefused(await notify(second));
    expect(faults.injected - before).toBeLessThanOrEqual(12);
    faults.inject(undefined);
    expectAck(await notify(second));
    expect((await recordsOf([second.transactionId])).asAnomaly).toHaveLength(1);
  });
});
