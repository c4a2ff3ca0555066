import type { UsageEvent } from '../../shared/api/feedback';
import { dayCounts, prepareBatch, rawRecord, type PreparedBatch } from '../../functions/feedback/event-batch';
import { usageByCategory } from '../../functions/feedback/home-layout';
import { memberMarks } from '../../functions/feedback/distinct-members';
import { homeOrder } from '../../shared/toggles/home-order';
import { evaluateToggles } from '../../shared/toggles/evaluate';
import { ROLLUP_SHARDS } from '../../shared/runtime/feedback-signals';
import { shardOf } from '../../shared/runtime/write-shards';

const now = new Date('2026-05-10T03:30:00Z');
const event = (id: string, feature: UsageEvent['feature'], action: UsageEvent['action'], at: string): UsageEvent => ({ id, feature, action, at });
const prepared = (result: ReturnType<typeof prepareBatch>): PreparedBatch => {
  if ('problems' in result) throw new Error(JSON.stringify(result.problems));
  return result;
};

describe('preparing a batch of usage events', () => {
  const events = [
    event('evt-00001', 'dues', 'opened', '2026-05-10T03:01:00Z'),
    event('evt-00002', 'dues', 'action', '2026-05-10T03:02:00Z'),
    event('evt-00003', 'dues', 'opened', '2026-05-09T15:59:00Z'),
    event('evt-00004', 'dues', 'opened', '2026-05-09T16:00:00Z'),
    event('evt-00005', 'courses', 'error', '2026-05-10T11:00:00+08:00'),
    event('evt-00001', 'dues', 'opened', '2026-05-10T03:01:00Z'),
  ];

  it('counts each id once and aggregates by feature and hour, days in Shanghai time', () => {
    const batch = prepared(prepareBatch('u1', events, now));
    expect(batch.counted).toBe(5);
    expect(batch.hours.map((h) => `${h.feature} ${h.hour} ${h.day}`)).toEqual([
      'courses 2026-05-10T03 2026-05-10',
      'dues 2026-05-09T15 2026-05-09',
      'dues 2026-05-09T16 2026-05-10',
      'dues 2026-05-10T03 2026-05-10',
    ]);
    const days = dayCounts(batch.hours);
    expect(days.find((d) => d.feature === 'dues' && d.day === '2026-05-10')?.counters).toEqual({ 'usage.opened': 2, 'usage.action': 1 });
    expect(rawRecord(batch.hours).split('\n')).toContain('dues 2026-05-10T03 1/1/0');
  });

  it('recognises the same batch re-sent in another order, and tells apart another member or other ids', () => {
    const a = prepared(prepareBatch('u1', events, now));
    expect(prepared(prepareBatch('u1', [...events].reverse(), now)).hash).toBe(a.hash);
    expect(prepared(prepareBatch('u2', events, now)).hash).not.toBe(a.hash);
    expect(prepared(prepareBatch('u1', events.slice(2), now)).hash).not.toBe(a.hash);
  });

  it('refuses timestamps far in the future with the position of each, and ignores events older than 30 days', () => {
    const result = prepareBatch('u1', [event('evt-00001', 'dues', 'opened', '2026-05-10T03:34:00Z'), event('evt-00002', 'dues', 'opened', '2026-05-11T00:00:00Z')], now);
    expect(result).toEqual({ problems: [{ path: 'body.events.1.at', message: expect.stringContaining('晚于当前时间') }] });
    const old = prepared(prepareBatch('u1', [event('evt-00001', 'dues', 'opened', '2026-03-01T00:00:00Z'), event('evt-00002', 'dues', 'opened', '2026-05-10T00:00:00Z')], now));
    expect([old.counted, old.ignored]).toEqual([1, 1]);
  });
});

describe('weighing members, not events', () => {
  const where = { branchId: 'songling-zhuangzhi', category: 'ranger' as const };
  const flood = [
    ...Array.from({ length: 50 }, (_, i) => event(`open-${String(i).padStart(4, '0')}`, 'courses.push', 'opened', '2026-05-10T03:10:00Z')),
    ...Array.from({ length: 50 }, (_, i) => event(`err-${String(i).padStart(4, '0')}`, 'courses.push', 'error', '2026-05-10T03:20:00Z')),
  ];
  const added = (marks: ReturnType<typeof memberMarks>) => marks.flatMap((mark) => mark.updates.map((update) => update.ExpressionAttributeValues));

  it('moves each distinct-member counter of a feature by 1 at most, however many events a member sends', () => {
    const marks = memberMarks('u1', where, prepared(prepareBatch('u1', flood, now)).hours);
    // One hourly and one daily mark per action; the daily one moves the branch's and the category's rollups.
    expect(marks.map((mark) => mark.marker.sk).sort()).toEqual(['error', 'error', 'opened', 'opened']);
    expect(added(marks).every((values) => Object.entries(values).filter(([name]) => name.startsWith(':c')).every(([, amount]) => amount === 1))).toBe(true);
    // All in the branch's shard of the day and the hour.
    const shard = shardOf(where.branchId, ROLLUP_SHARDS);
    expect(marks.flatMap((mark) => mark.updates.map((update) => update.Key.pk)).sort()).toEqual([
      `METRIC#courses.push#2026-05-10#${shard}`,
      `METRIC#courses.push#2026-05-10#${shard}`,
      `METRIC#courses.push#2026-05-10#${shard}`,
      `METRIC#courses.push#2026-05-10#${shard}`,
      `METRICHOUR#courses.push#2026-05-10T03#${shard}`,
      `METRICHOUR#courses.push#2026-05-10T03#${shard}`,
    ]);
  });

  it('keys a member’s marks by period without naming the member, and tells members apart', () => {
    const hours = prepared(prepareBatch('u1', flood, now)).hours;
    const mine = memberMarks('demo-ranger', where, hours).map((mark) => mark.marker.pk);
    const theirs = memberMarks('demo-office', where, hours).map((mark) => mark.marker.pk);
    expect(mine.some((pk) => pk.includes('demo-ranger'))).toBe(false);
    expect(mine.filter((pk) => theirs.includes(pk))).toEqual([]);
    expect(memberMarks('demo-ranger', where, hours).map((mark) => mark.marker.pk)).toEqual(mine);
  });
});

describe('the home page order', () => {
  const allOn = evaluateToggles({}, { userId: 'u', branchId: 'b', category: 'ranger', roles: ['member'] });

  it('puts pins first, then the category’s most used entries, hides entries turned off and moves hidden ones to "more"', () => {
    const layout = { pinned: ['feedback' as const], hidden: ['suggestions' as const], usage: { courses: 30, signup: 12, dues: 12 } };
    expect(homeOrder(layout, allOn)).toEqual({ order: ['feedback', 'courses', 'dues', 'signup'], more: ['suggestions'] });
    expect(homeOrder(layout, { ...allOn, courses: false, suggestions: false })).toEqual({ order: ['feedback', 'dues', 'signup'], more: [] });
    expect(homeOrder(undefined, allOn).order).toEqual(['suggestions', 'dues', 'signup', 'feedback', 'courses']);
  });

  it('sums opens per category and capability', () => {
    const usage = usageByCategory([
      { feature: 'dues', category: 'office', counters: { 'usage.opened': 3 } },
      { feature: 'dues', category: 'office', counters: { 'usage.opened': 2, 'usage.error': 1 } },
      { feature: 'courses', category: 'ranger', counters: { 'usage.action': 4 } },
    ]);
    expect(usage.office).toEqual({ dues: 5 });
    expect(usage.ranger).toEqual({});
  });
});
