import { createServer, type Server } from 'node:http';
import { createVerify } from 'node:crypto';
import { handler as lambda, httpHandler as handler } from '../../functions/dues/handler';
import { addMonths, shanghaiMonth } from '../../functions/dues/months';
import { resetConfigForTests } from '../../shared/runtime/config';
import { call, type CallResult } from '../support/api';
import { paymentNotification, wechatPayEnvironment, wechatPayTestKeys, type Notification } from '../support/fake-wechatpay';
import { useSeededTable } from '../support/table';
import { useWechatPayWorld } from './dues-fixtures';

useSeededTable();

const world = useWechatPayWorld();
const { keys, tokens } = world;
const environment = (baseUrl: string) => wechatPayEnvironment(keys, baseUrl);
const current = shanghaiMonth(new Date());
const previous = addMonths(current, -1);

interface PayReply {
  outTradeNo: string;
  amountFen: number;
  mode: string;
  jsapi: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
}

const pay = (userId: string, month: string, body: Record<string, unknown> = { payerOpenId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }) =>
  call<PayReply & { error: { code: string; message: string; details: Array<{ path: string }> } }>(handler, 'POST', `/api/v1/dues/bills/${month}/pay`, { token: tokens[userId], body });
const notify = (notification: Notification) => call(handler, 'POST', '/api/v1/dues/notify/wechatpay', { rawBody: notification.body, headers: notification.headers });
const billOf = async (userId: string, month: string) => {
  const reply = await call(handler, 'GET', '/api/v1/dues/bills', { token: tokens[userId], query: { year: month.slice(0, 4) } });
  return (reply.body.bills as Array<{ month: string; status: string; ledgerSeq?: number; paidVia?: string; paidBy?: string }>).find((bill) => bill.month === month);
};
const myEntries = async (userId: string) => (await call(handler, 'GET', '/api/v1/dues/ledger/mine', { token: tokens[userId] })).body;
const anomalies = async () => (await call(handler, 'GET', '/api/v1/dues/anomalies', { token: tokens['demo-finance'] })).body.anomalies as Array<{ kind: string; outTradeNo: string }>;
const expectAck = (reply: CallResult<{ code: string }>, status = 200) => {
  expect(reply.status).toBe(status);
  expect(reply.body.code).toBe(status === 200 ? 'SUCCESS' : 'FAIL');
};

describe('paying a bill online with WeChat Pay', () => {
  let order: PayReply;

  it('opens a signed merchant order and answers JSAPI parameters signed with the merchant key', async () => {
    const reply = await pay('demo-ranger', current);
    expect(reply.status).toBe(200);
    order = reply.body;
    expect(order.mode).toBe('wechatpay');
    expect(order.amountFen).toBe(4200); // 4,200 yuan × 1 %
    expect(world.fake().badSignatures).toBe(0);
    expect(world.fake().orders.get(order.outTradeNo)).toMatchObject({ total: 4200, notifyUrl: 'https://party.example.cn/api/v1/dues/notify/wechatpay' });
    const { appId, timeStamp, nonceStr, package: pkg, paySign } = order.jsapi;
    expect(appId).toBe(keys.appId);
    expect(pkg).toMatch(/^prepay_id=wx/);
    expect(createVerify('RSA-SHA256').update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).verify(keys.merchant.publicKey, paySign, 'base64')).toBe(true);
    expect((await billOf('demo-ranger', current))?.status).toBe('unpaid');
  });

  it('reuses the open order when the member taps pay again', async () => {
    const again = await pay('demo-ranger', current);
    expect(again.body.outTradeNo).toBe(order.outTradeNo);
  });

  it('marks the bill paid and appends one ledger entry when the signed notification arrives', async () => {
    const before = (await myEntries('demo-ranger')).entries.length;
    const notification = paymentNotification(keys, order.outTradeNo, 4200);
    expectAck(await notify(notification));
    const bill = await billOf('demo-ranger', current);
    expect(bill).toMatchObject({ status: 'paid', paidVia: 'wechatpay' });
    const mine = await myEntries('demo-ranger');
    expect(mine.entries).toHaveLength(before + 1);
    expect(mine.entries[0].entry).toMatchObject({ kind: 'payment', months: [current], amountFen: 4200, reference: notification.transactionId, seq: bill!.ledgerSeq });
    expect(mine.allOk).toBe(true);
  });

  it('answers a duplicate and concurrent copies of the notification with success and no second effect', async () => {
    const before = (await myEntries('demo-ranger')).entries.length;
    const first = paymentNotification(keys, order.outTradeNo, 4200);
    const copies = await Promise.all(Array.from({ length: 5 }, () => notify(paymentNotification(keys, order.outTradeNo, 4200, { transaction_id: first.transactionId }))));
    copies.forEach((reply) => expectAck(reply));
    expectAck(await notify(first));
    expect((await myEntries('demo-ranger')).entries).toHaveLength(before);
  });

  it('settles concurrent first notifications of a fresh order exactly once', async () => {
    const fresh = (await pay('m0001', current)).body;
    const notification = paymentNotification(keys, fresh.outTradeNo, fresh.amountFen);
    const replies = await Promise.all(Array.from({ length: 6 }, () => notify(notification)));
    replies.forEach((reply) => expectAck(reply));
    const entries = (await myEntries('m0001')).entries.filter((row: { entry: { months: string[]; kind: string } }) => row.entry.kind === 'payment');
    expect(entries).toHaveLength(1);
    const verify = await call(handler, 'GET', '/api/v1/dues/ledger/verify', { token: tokens['demo-finance'] });
    expect(verify.body.ok).toBe(true);
  });

  it('refuses a month already paid', async () => {
    const reply = await pay('demo-ranger', current);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('DUES_ALREADY_PAID');
  });

  it('lets the branch secretary pay on a member\'s behalf, and refuses anyone else', async () => {
    const stranger = await pay('demo-office', previous, { userId: 'demo-ranger', payerOpenId: 'oStranger' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('DUES_PAY_NOT_ALLOWED');
    expect(stranger.body.error.message).toBe('您不能代他人缴纳党费，请由本人或所在支部办理');
    const secretary = await pay('demo-secretary', previous, { userId: 'demo-ranger', payerOpenId: 'oSecretary' });
    expect(secretary.status).toBe(200);
    expectAck(await notify(paymentNotification(keys, secretary.body.outTradeNo, secretary.body.amountFen)));
    expect(await billOf('demo-ranger', previous)).toMatchObject({ status: 'paid', paidBy: 'demo-secretary' });
    expect((await myEntries('demo-ranger')).entries[0].entry.note).toBe('代缴人 demo-secretary');
  });

  it('refuses months outside the back-payment window and future months, and a malformed month', async () => {
    const old = await pay('m0002', addMonths(current, -7));
    expect(old.status).toBe(409);
    expect(old.body.error.code).toBe('DUES_BACK_PAY_LIMIT');
    const ahead = await pay('m0002', addMonths(current, 1));
    expect(ahead.body.error.code).toBe('DUES_MONTH_NOT_OPEN');
    expect((await pay('m0002', '2026-13')).status).toBe(400);
  });

  it('needs the payer\'s WeChat openid for a JSAPI order', async () => {
    const reply = await pay('m0002', current, {});
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0]?.path).toBe('body.payerOpenId');
  });

  it('takes a voluntary extra payment on top of the dues', async () => {
    const reply = await pay('m0003', current, { voluntaryExtraFen: 5000, payerOpenId: 'oVoluntary' });
    expect(reply.status).toBe(200);
    expect(world.fake().orders.get(reply.body.outTradeNo)?.total).toBe(reply.body.amountFen);
    expectAck(await notify(paymentNotification(keys, reply.body.outTradeNo, reply.body.amountFen)));
    expect((await myEntries('m0003')).entries[0].entry).toMatchObject({ voluntaryFen: 5000, amountFen: reply.body.amountFen - 5000 });
  });
});

describe('notifications that must not mark anything paid', () => {
  let order: PayReply;
  beforeAll(async () => {
    order = (await pay('m0004', current)).body;
  });

  const expectStillUnpaid = async () => expect((await billOf('m0004', current))?.status).toBe('unpaid');

  it('rejects a bad signature (a forger\'s key) and a tampered body', async () => {
    const forged = paymentNotification(keys, order.outTradeNo, order.amountFen, {}, { signingKey: wechatPayTestKeys().platform.privateKey });
    const reply = await notify(forged);
    expectAck(reply, 401);
    expect(reply.body.message).toBe('支付通知签名验证失败');
    const genuine = paymentNotification(keys, order.outTradeNo, order.amountFen);
    expectAck(await notify({ ...genuine, body: genuine.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') }), 401);
    await expectStillUnpaid();
  });

  it('rejects a serial it does not know and a missing signature', async () => {
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen, {}, { serial: 'UNKNOWN-SERIAL' })), 401);
    const genuine = paymentNotification(keys, order.outTradeNo, order.amountFen);
    const { 'wechatpay-signature': _dropped, ...unsigned } = genuine.headers;
    expectAck(await notify({ ...genuine, headers: unsigned }), 401);
    await expectStillUnpaid();
  });

  it('rejects timestamps more than five minutes off, so an old notification cannot be replayed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await notify(paymentNotification(keys, order.outTradeNo, order.amountFen, {}, { timestamp: now - 301 }));
    expectAck(stale, 401);
    expect(stale.body.message).toBe('支付通知时间戳超出允许范围');
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen, {}, { timestamp: now + 400 })), 401);
    await expectStillUnpaid();
  });

  it('rejects a resource encrypted with another APIv3 key', async () => {
    const reply = await notify(paymentNotification(keys, order.outTradeNo, order.amountFen, {}, { apiV3Key: 'another-apiv3-key-of-32-bytes-00' }));
    expectAck(reply, 400);
    await expectStillUnpaid();
  });

  it('records a wrong amount as an anomaly for finance and never marks the bill paid', async () => {
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen - 1)));
    await expectStillUnpaid();
    expect(await anomalies()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'amount-mismatch', status: 'refund-needed', outTradeNo: order.outTradeNo })]));
  });

  it('still lets the member\'s real payment of that order pay the bill', async () => {
    expectAck(await notify(paymentNotification(keys, order.outTradeNo, order.amountFen)));
    expect((await billOf('m0004', current))?.status).toBe('paid');
  });

  it('records an unknown order as an anomaly', async () => {
    expectAck(await notify(paymentNotification(keys, 'D202601unknownorder000', 1234)));
    expect(await anomalies()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'unknown-order', outTradeNo: 'D202601unknownorder000' })]));
  });

  it('records a payment for a bill that was meanwhile paid offline, without a second ledger entry', async () => {
    const open = (await pay('m0006', current)).body;
    const offline = await call(handler, 'POST', '/api/v1/dues/offline-payments', {
      token: tokens['demo-finance'],
      body: { userId: 'm0006', months: [current], method: 'cash', clientRequestId: 'race-offline-0001' },
    });
    expect(offline.status).toBe(200);
    const before = (await myEntries('m0006')).entries.length;
    expectAck(await notify(paymentNotification(keys, open.outTradeNo, open.amountFen)));
    expect((await myEntries('m0006')).entries).toHaveLength(before);
    expect(await anomalies()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'bill-already-paid', outTradeNo: open.outTradeNo })]));
  });
});

describe('the local stage without WeChat Pay settings', () => {
  let server: Server;
  let notifyUrl: string;
  // A Host header is the caller's to write: the simulator must not post the notification wherever it points.
  const foreignHost = { host: '127.0.0.1:9' };

  beforeAll(async () => {
    for (const name of Object.keys(environment(''))) delete process.env[name];
    resetConfigForTests();
    // The notify endpoint reached over real HTTP, as the simulator reaches it under `npm start`.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', async () => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        const reply = await call(handler, request.method!, request.url!, { rawBody: body, headers });
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    notifyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/dues/notify/wechatpay`;
    process.env.LOCAL_PAY_NOTIFY_URL = notifyUrl;
  });

  afterAll(async () => {
    delete process.env.LOCAL_PAY_NOTIFY_URL;
    await new Promise((resolve) => server.close(resolve));
  });

  it('pays through the labelled simulator, whose signed notification goes to the real notify endpoint', async () => {
    const order = await pay('m0007', current, {});
    expect(order.status).toBe(200);
    expect(order.body.mode).toBe('local-simulator');
    expect((await billOf('m0007', current))?.status).toBe('unpaid');
    const simulated = await call(handler, 'POST', `/api/v1/dues/local-pay/${order.body.outTradeNo}`, { token: tokens.m0007, headers: foreignHost });
    expect(simulated.status).toBe(200);
    expect(simulated.body).toEqual({ notified: true, status: 200, answer: { code: 'SUCCESS', message: '成功' } });
    expect((await billOf('m0007', current))?.status).toBe('paid');
  });

  it('does not let one member simulate another member\'s order', async () => {
    const order = await pay('m0009', current, {});
    const other = await call(handler, 'POST', `/api/v1/dues/local-pay/${order.body.outTradeNo}`, { token: tokens.m0010, headers: foreignHost });
    expect(other.status).toBe(404);
  });

  it('answers a clear 503, not a 500, when the configured notify address is missing or does not answer', async () => {
    const order = await pay('m0010', current, {});
    const simulate = () => call(handler, 'POST', `/api/v1/dues/local-pay/${order.body.outTradeNo}`, { token: tokens.m0010, headers: foreignHost });
    try {
      delete process.env.LOCAL_PAY_NOTIFY_URL;
      const unset = await simulate();
      expect(unset.status).toBe(503);
      expect(unset.body.error.code).toBe('DUES_PAYMENT_UNAVAILABLE');
      process.env.LOCAL_PAY_NOTIFY_URL = 'http://127.0.0.1:9/api/v1/dues/notify/wechatpay';
      const unreachable = await simulate();
      expect(unreachable.status).toBe(503);
      expect(unreachable.body.error.message).toBe('本地模拟支付无法送达支付通知，请稍后重试');
    } finally {
      process.env.LOCAL_PAY_NOTIFY_URL = notifyUrl;
    }
    expect((await billOf('m0010', current))?.status).toBe('unpaid');
  });
});
