import { shanghaiMinute } from '../../shared/runtime/shanghai-time';

describe('times shown in Asia/Shanghai', () => {
  it('prints a UTC instant as Beijing time, crossing midnight into the next day', () => {
    expect(shanghaiMinute('2026-12-04T16:30:00.000Z')).toBe('2026-12-05 00:30');
    expect(shanghaiMinute('2026-06-30T23:59:59Z')).toBe('2026-07-01 07:59');
  });
});
