import type { Session } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
import { phone } from '../support/fake-phone';
const { storage, request } = phone;

import { signupApi } from '../../shared/api';
import { call } from '../../miniapp/src/services/api';
import { flushOutbox, pendingState, sendOrQueue } from '../../miniapp/src/services/outbox';

const session: Session = {
  token: 'token-of-the-ranger',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  member: { userId: 'demo-ranger', name: '王护林', branchId: 'songling-fire', category: 'ranger', postTags: [], roles: ['member'], updatedAt: '2026-11-01T00:00:00.000Z' },
};
const activityId = 'actfiretalk2026';
const reply = (statusCode: number, data: unknown) => ({ statusCode, data, header: { Date: new Date().toUTCString() } });
/** What serverless-offline 13 answered when the sign-up function timed out: a 200 that is not the contract's answer. */
const lambdaTimeoutAs200 = reply(200, { errorMessage: '[504] - Lambda timeout.', errorType: 'LambdaTimeoutError', stackTrace: [] });
const confirmedRegistration = reply(201, {
  registration: { activityId, userId: 'demo-ranger', name: '王护林', status: 'confirmed', registeredAt: '2026-12-04T08:00:00.000Z' },
  replayed: false,
});
const registrationsSent = () =>
  request.mock.calls
    .map(([options]) => options as { url: string; method: string; data?: { clientRequestId: string } })
    .filter((options) => options.method === 'POST' && options.url.endsWith(`/activities/${activityId}/registrations`));

function register(clientRequestId: string) {
  const body = { clientRequestId };
  return sendOrQueue({ kind: 'registration', activityId, body }, '防火宣讲', () => call(signupApi.register, { params: { id: activityId }, body }));
}

describe('an answer without the contract’s shape', () => {
  beforeEach(() => {
    storage.clear();
    storage.set('fpp.session', session);
    request.mockReset();
  });

  it('is a failed registration: it waits on the phone as 待发送 and goes out again with the same request id', async () => {
    request.mockResolvedValue(lambdaTimeoutAs200);
    // Not "报名成功": the app did not get the contract's answer, so nothing says the registration happened.
    await expect(register('reg-burst-0001')).resolves.toEqual({ sent: false });
    expect(pendingState().items).toEqual([expect.objectContaining({ kind: 'registration', label: '活动报名：防火宣讲' })]);

    // Still garbled on the next attempt: it stays, with no refusal shown.
    expect(await flushOutbox(true)).toBe(1);
    expect(pendingState()).toMatchObject({ items: [expect.objectContaining({ kind: 'registration' })], notices: [] });

    // The server answers properly: the same request (same clientRequestId) settles it and nothing waits.
    request.mockResolvedValue(confirmedRegistration);
    expect(await flushOutbox(true)).toBe(0);
    expect(pendingState().items).toEqual([]);
    const sent = registrationsSent();
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent.map((options) => options.data?.clientRequestId))).toEqual(new Set(['reg-burst-0001']));
  });

  it('is a failure whatever the 2xx status or body, while the contract’s own answer is delivered at once', async () => {
    for (const garbled of [reply(200, ''), reply(200, { ok: true }), reply(201, { registration: { status: 'confirmed' } })]) {
      request.mockResolvedValueOnce(garbled);
      await expect(call(signupApi.register, { params: { id: activityId }, body: { clientRequestId: 'reg-burst-0002' } })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    }
    request.mockResolvedValue(confirmedRegistration);
    const delivery = await register('reg-burst-0003');
    expect(delivery).toMatchObject({ sent: true, result: { registration: { status: 'confirmed' } } });
    expect(pendingState().items).toEqual([]);
  });
});
