/** Operations settings read at packaging time: defaults for 100,000 members, overrides, and refusal of nonsense. */
import { DEFAULT_API_THROTTLE, DEFAULT_RESERVED_CONCURRENCY, operationsSettings } from '../../scripts/deploy/settings';

describe('operations settings', () => {
  it('reserves concurrency for every function by default, within a default regional quota with 100 unreserved', () => {
    const settings = operationsSettings({});
    expect(settings.reservedConcurrency).toEqual(DEFAULT_RESERVED_CONCURRENCY);
    const total = Object.values(settings.reservedConcurrency).reduce((sum, value) => sum + value, 0);
    expect(total).toBeLessThanOrEqual(1000 - 100);
    expect(settings.apiThrottle).toEqual(DEFAULT_API_THROTTLE);
    expect(settings.alarmEmail).toBeUndefined();
  });

  it('takes overrides, or no reservation at all for an account with a small quota', () => {
    const settings = operationsSettings({ RESERVED_CONCURRENCY: 'identity=80, signup=120', API_THROTTLE_RATE: '800', API_THROTTLE_BURST: '1600', ALARM_EMAIL: 'ops@dangjian.example.cn' });
    expect(settings.reservedConcurrency).toMatchObject({ identity: 80, signup: 120, dues: DEFAULT_RESERVED_CONCURRENCY.dues });
    expect(settings.apiThrottle).toEqual({ rateLimit: 800, burstLimit: 1600 });
    expect(settings.alarmEmail).toBe('ops@dangjian.example.cn');
    expect(operationsSettings({ RESERVED_CONCURRENCY: 'off' }).reservedConcurrency).toEqual({});
  });

  it('stops the packaging on a value it cannot use instead of deploying a guess', () => {
    expect(() => operationsSettings({ RESERVED_CONCURRENCY: 'payments=10' })).toThrow('unknown entry "payments=10"');
    expect(() => operationsSettings({ RESERVED_CONCURRENCY: 'identity=0' })).toThrow('positive integer');
    expect(() => operationsSettings({ API_THROTTLE_RATE: 'fast' })).toThrow('API_THROTTLE_RATE');
    expect(() => operationsSettings({ ALARM_EMAIL: 'ops' })).toThrow('ALARM_EMAIL');
  });
});
