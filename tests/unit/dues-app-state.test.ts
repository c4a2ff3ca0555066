import type { Bill } from '../../shared/api';
import { MAX_VOLUNTARY_FEN, VOLUNTARY_MESSAGES, duesApi, parseVoluntaryYuan } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
import { phone } from '../support/fake-phone';
const { storage, request } = phone;

import { readCache } from '../../miniapp/src/services/cache';
import { watchChanges } from '../../miniapp/src/services/freshness';
import { awaitPaidBill, billsCacheName } from '../../miniapp/src/dues/services/payment-result';

const member = { userId: 'demo-ranger', name: '王护林', branchId: 'songling-fire', category: 'ranger', postTags: [], roles: ['member'], updatedAt: '2026-11-01T00:00:00.000Z' };
const bill = (status: Bill['status']): Bill => ({
  userId: 'demo-ranger',
  name: '王护林',
  branchId: 'songling-fire',
  month: '2026-11',
  status,
  amountFen: 2250,
  computation: { kind: 'wage', baseFen: 450_000, rateBp: 50, ruleAmountFen: 2250 },
  createdAt: '2026-11-01T00:00:00.000Z',
  ...(status === 'paid' ? { paidAt: '2026-11-20T02:00:00.000Z', paidFen: 2250, paidVia: 'wechatpay' as const, ledgerSeq: 7 } : {}),
});
const billsReply = (status: Bill['status']) => ({ statusCode: 200, data: { bills: [bill(status)] }, header: { Date: new Date().toUTCString() } });

describe('after paying, the dues list follows', () => {
  beforeEach(() => {
    storage.clear();
    storage.set('fpp.session', { token: 'token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), member });
    request.mockReset();
  });

  it('tells the open dues list to reload and keeps 已缴纳 on the phone once the notification has marked the bill paid', async () => {
    const listReloads = jest.fn();
    const stop = watchChanges(billsCacheName(2026), listReloads);
    request.mockResolvedValueOnce(billsReply('unpaid')).mockResolvedValueOnce(billsReply('paid'));

    expect(await awaitPaidBill('2026-11', 3, 0)).toBe(true);
    expect(listReloads).toHaveBeenCalledTimes(1);
    expect(readCache(duesApi.listBills, billsCacheName(2026))?.data.bills[0]?.status).toBe('paid');
    stop();
  });

  it('leaves the list alone while the payment is still unconfirmed', async () => {
    const listReloads = jest.fn();
    const stop = watchChanges(billsCacheName(2026), listReloads);
    request.mockResolvedValue(billsReply('unpaid'));

    expect(await awaitPaidBill('2026-11', 2, 0)).toBe(false);
    expect(listReloads).not.toHaveBeenCalled();
    stop();
  });

  it('does not disturb lists of other reads', async () => {
    const coursesReload = jest.fn();
    const stop = watchChanges('courses.mine', coursesReload);
    request.mockResolvedValue(billsReply('paid'));
    await awaitPaidBill('2026-11', 1, 0);
    expect(coursesReload).not.toHaveBeenCalled();
    stop();
  });
});

describe('自愿多缴: the same rule on the phone and on the server', () => {
  const payBody = duesApi.pay.body!;

  it('says a negative amount is negative, not that its format is wrong', () => {
    expect(parseVoluntaryYuan('-5')).toEqual({ error: VOLUNTARY_MESSAGES.negative });
    expect(VOLUNTARY_MESSAGES.negative).toBe('自愿多缴金额不能为负数');
    const server = payBody.safeParse({ voluntaryExtraFen: -500 });
    expect(server.success).toBe(false);
    expect(server.error?.issues[0]?.message).toBe(VOLUNTARY_MESSAGES.negative);
  });

  it('refuses 99999999 yuan on the phone and on the server with the limit in words', () => {
    expect(parseVoluntaryYuan('99999999')).toEqual({ error: VOLUNTARY_MESSAGES.tooLarge });
    expect(parseVoluntaryYuan('999999999')).toEqual({ error: VOLUNTARY_MESSAGES.tooLarge });
    expect(VOLUNTARY_MESSAGES.tooLarge).toBe('自愿多缴单次不能超过 100000 元');
    const server = payBody.safeParse({ voluntaryExtraFen: 9_999_999_900 });
    expect(server.success).toBe(false);
    expect(server.error?.issues[0]?.message).toBe(VOLUNTARY_MESSAGES.tooLarge);
    expect(duesApi.recordOfflinePayment.body!.safeParse({ userId: 'm0001', months: ['2026-11'], method: 'cash', voluntaryExtraFen: MAX_VOLUNTARY_FEN + 1, clientRequestId: 'c-1234567890' }).success).toBe(false);
  });

  it('takes an ordinary amount, the limit itself, and nothing at all', () => {
    expect(parseVoluntaryYuan('50.5')).toEqual({ fen: 5050 });
    expect(parseVoluntaryYuan('100000')).toEqual({ fen: MAX_VOLUNTARY_FEN });
    expect(parseVoluntaryYuan('  ')).toEqual({ fen: 0 });
    expect(parseVoluntaryYuan('5.123')).toEqual({ error: VOLUNTARY_MESSAGES.format });
    expect(parseVoluntaryYuan('五十')).toEqual({ error: VOLUNTARY_MESSAGES.format });
    expect(payBody.safeParse({ voluntaryExtraFen: MAX_VOLUNTARY_FEN }).success).toBe(true);
  });
});
