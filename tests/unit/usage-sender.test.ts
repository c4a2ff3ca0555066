import type { Session } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
import { phone } from '../support/fake-phone';
const { storage, request } = phone;

import { flushUsage, RATE_LIMIT_PAUSE_MS, trackUsage } from '../../miniapp/src/services/usage';

const session: Session = {
  token: 'token-of-the-ranger',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  member: { userId: 'demo-ranger', name: '王护林', branchId: 'songling-fire', category: 'ranger', postTags: [], roles: ['member'], updatedAt: '2026-11-01T00:00:00.000Z' },
};
const reply = (statusCode: number, data: unknown) => ({ statusCode, data, header: { Date: new Date().toUTCString() } });
const queued = () => ((storage.get('fpp.usage.queue') as unknown[] | undefined) ?? []).length;
const sealed = () => ((storage.get('fpp.usage.sealed') as unknown[] | undefined) ?? []).length;

describe('sending usage events over the member’s hourly allowance', () => {
  beforeEach(() => {
    storage.clear();
    storage.set('fpp.session', session);
    request.mockReset();
  });

  it('drops the refused batch and sends nothing more for a while instead of trying again and again', async () => {
    const realNow = Date.now;
    try {
      request.mockResolvedValue(reply(429, { error: { code: 'RATE_LIMITED', message: '上报的使用记录过多：每人每小时最多 200 条，请稍后再试' } }));
      // 50 queued events start a send on their own; the rest arrive while it runs.
      for (let i = 0; i < 150; i += 1) trackUsage('courses', 'opened');
      await flushUsage();
      // One request, not one per queued batch: the first refusal stops sending, and its batch is gone.
      expect(request).toHaveBeenCalledTimes(1);
      expect(sealed()).toBe(0);
      expect(queued()).toBe(100);

      // Opening the app again, or more usage, asks nothing of the network while the pause lasts.
      for (let i = 0; i < 60; i += 1) trackUsage('courses', 'opened');
      await flushUsage();
      expect(request).toHaveBeenCalledTimes(1);

      // Afterwards the queue goes out again.
      const later = realNow() + RATE_LIMIT_PAUSE_MS + 1_000;
      Date.now = () => later;
      request.mockResolvedValue(reply(200, { counted: 100, duplicate: false, ignored: 0 }));
      await flushUsage();
      expect(request).toHaveBeenCalledTimes(3);
      expect(queued() + sealed()).toBe(0);
    } finally {
      Date.now = realNow;
    }
  });
});
