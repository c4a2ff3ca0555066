import { parseSchedule } from '../../scripts/local/schedule-expression';

const next = (expression: string, after: string) => parseSchedule(expression).next(new Date(after)).toISOString();

describe('EventBridge schedule expressions, as the local runtime fires them', () => {
  it('fires the dues bills daily at 17:00 UTC (01:00 in Shanghai)', () => {
    expect(next('cron(0 17 * * ? *)', '2026-12-04T23:57:00Z')).toBe('2026-12-05T17:00:00.000Z');
    expect(next('cron(0 17 * * ? *)', '2026-12-05T17:00:00Z')).toBe('2026-12-06T17:00:00.000Z');
  });

  it('fires the reminders on the 20th of each month at 01:00 UTC', () => {
    expect(next('cron(0 1 20 * ? *)', '2026-12-20T01:00:00Z')).toBe('2027-01-20T01:00:00.000Z');
  });

  it('fires the weekly push on Mondays (day-of-week names, 1 = Sunday as EventBridge counts)', () => {
    // 2026-12-07 is a Monday.
    expect(next('cron(0 1 ? * MON *)', '2026-12-04T00:00:00Z')).toBe('2026-12-07T01:00:00.000Z');
    expect(next('cron(0 1 ? * 2 *)', '2026-12-04T00:00:00Z')).toBe('2026-12-07T01:00:00.000Z');
  });

  it('handles lists, ranges and steps', () => {
    expect(next('cron(0/15 8-9 * * ? *)', '2026-12-04T09:50:00Z')).toBe('2026-12-05T08:00:00.000Z');
    expect(next('cron(5,35 * * * ? *)', '2026-12-04T09:06:00Z')).toBe('2026-12-04T09:35:00.000Z');
  });

  it('repeats a rate from the last firing', () => {
    expect(next('rate(5 minutes)', '2026-12-04T09:06:30Z')).toBe('2026-12-04T09:11:30.000Z');
    expect(next('rate(1 hour)', '2026-12-04T09:00:00Z')).toBe('2026-12-04T10:00:00.000Z');
  });

  it('refuses what EventBridge would refuse', () => {
    expect(() => parseSchedule('cron(0 25 * * ? *)')).toThrow('out of range');
    expect(() => parseSchedule('every day')).toThrow('not an EventBridge schedule expression');
  });
});
