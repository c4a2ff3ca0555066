import { prepareBatch } from '../../functions/feedback/event-batch';
import { DEFAULT_TOGGLE, isFeatureOn } from '../../shared/toggles/evaluate';
import { offsetFromDate, serverOffsetMs, setServerOffsetMs, toServerTime, noteServerDate } from '../../miniapp/src/services/clock';

// The app's modules import the contract through the mini-program's path alias and Taro's runtime.
jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { getCurrentInstance: () => ({ router: null }) } }), { virtual: true });

import { isOutboxRequest } from '../../miniapp/src/services/outbox/requests';
import { pushedCourseUrl, safeNext } from '../../miniapp/src/services/deep-link';
import { updatedAtText } from '../../miniapp/src/services/beijing-time';

const HOUR = 3_600_000;

describe('a phone whose clock is wrong', () => {
  afterEach(() => setServerOffsetMs(0));

  it('learns the server’s clock from an answer’s Date header', () => {
    const serverNow = Date.parse('2026-03-02T08:00:00.000Z');
    const deviceNow = serverNow + 2 * HOUR; // the phone runs two hours ahead
    const offset = offsetFromDate(new Date(serverNow).toUTCString(), deviceNow - 200, deviceNow + 200)!;
    expect(Math.abs(offset + 2 * HOUR)).toBeLessThan(1_000);
    expect(offsetFromDate(undefined, 0, 0)).toBeNull();
    expect(offsetFromDate('not a date', 0, 0)).toBeNull();
  });

  it('gets its queued usage events counted instead of refused as "from the future"', () => {
    const serverNow = new Date('2026-03-02T08:00:00.000Z');
    const deviceNow = serverNow.getTime() + 2 * HOUR;
    // Recorded offline on the phone's clock, sent later.
    const events = [
      { id: 'e1', feature: 'suggestions' as const, action: 'opened' as const, at: new Date(deviceNow - 10 * 60_000).toISOString() },
      { id: 'e2', feature: 'courses' as const, action: 'action' as const, at: new Date(deviceNow - 60_000).toISOString() },
    ];
    // As recorded, the server refuses them.
    expect(prepareBatch('demo-ranger', events, serverNow)).toHaveProperty('problems');
    noteServerDate(serverNow.toUTCString(), deviceNow, deviceNow);
    const stamped = events.map((event) => ({ ...event, at: toServerTime(event.at) }));
    const prepared = prepareBatch('demo-ranger', stamped, serverNow);
    expect(prepared).not.toHaveProperty('problems');
    expect(prepared).toMatchObject({ counted: 2, ignored: 0 });
    // And they keep the hour they happened in, on the server's clock.
    expect(stamped[0]!.at.slice(0, 16)).toBe('2026-03-02T07:50');
  });

  it('ignores differences the one-second header cannot tell', () => {
    noteServerDate(new Date(Date.now() + 1_000).toUTCString(), Date.now(), Date.now());
    expect(serverOffsetMs()).toBe(0);
  });
});

describe('what the outbox may keep', () => {
  const clientRequestId = 'sugg-abcdefgh12';
  it('keeps only writes that carry a clientRequestId and that the API contract accepts', () => {
    expect(isOutboxRequest({ kind: 'suggestion', body: { title: '瞭望塔', content: '信号太弱，请加装中继', category: 'work', anonymous: false, clientRequestId } })).toBe(true);
    expect(isOutboxRequest({ kind: 'suggestion', body: { title: '瞭望塔', content: '信号太弱，请加装中继', category: 'work', anonymous: false } })).toBe(false);
    expect(isOutboxRequest({ kind: 'progress', body: { courseId: 'fire-safety', progress: 50, completed: false, clientRequestId } })).toBe(true);
    expect(isOutboxRequest({ kind: 'rating', body: { feature: 'dues', rating: 9, clientRequestId } })).toBe(false);
    expect(isOutboxRequest({ kind: 'registration', activityId: 'act-1', body: { clientRequestId } })).toBe(true);
    expect(isOutboxRequest({ kind: 'registration', body: { clientRequestId } })).toBe(false);
    // A payment is never one of them.
    expect(isOutboxRequest({ kind: 'payment', body: { months: ['2026-01'], clientRequestId } })).toBe(false);
  });
});

describe('links into the app', () => {
  it('opens a weekly push on the course it leads with', () => {
    expect(pushedCourseUrl({ from: 'push', week: '2026-W10', course: 'fire-safety' })).toBe('/courses/pages/detail/index?id=fire-safety');
    expect(pushedCourseUrl({ from: 'push', week: '2026-W10' })).toBeNull();
    expect(pushedCourseUrl({ course: 'fire-safety' })).toBeNull();
    expect(pushedCourseUrl({ from: 'push', course: '../../evil' })).toBeNull();
  });

  it('returns after signing in only to a page of the app', () => {
    expect(safeNext(encodeURIComponent('/courses/pages/index/index?from=push&week=2026-W10&course=fire-safety'))).toBe(
      '/courses/pages/index/index?from=push&week=2026-W10&course=fire-safety',
    );
    expect(safeNext('https://evil.example/pages/x/y')).toBeNull();
    expect(safeNext('//evil.example/pages/x/y')).toBeNull();
    expect(safeNext('/pages/me/index')).toBe('/pages/me/index');
    expect(safeNext('/pages/login/index')).toBeNull();
    expect(safeNext(undefined)).toBeNull();
  });
});

describe('cached pages', () => {
  it('say when what they show was fetched, in Beijing time', () => {
    expect(updatedAtText(Date.parse('2026-11-24T09:30:00.000Z'))).toBe('更新于 11月24日 17:30');
    expect(updatedAtText(Date.parse('2026-12-31T16:05:00.000Z'))).toBe('更新于 1月1日 00:05');
  });
});

describe('the feedback loop’s 大字模式 toggle', () => {
  it('is off until an admin turns it on for a group, and then on for that group only', () => {
    const retiree = { userId: 'demo-retiree', branchId: 'b1', category: 'retiree' as const, roles: ['member' as const] };
    const ranger = { ...retiree, userId: 'demo-ranger', category: 'ranger' as const };
    expect(isFeatureOn('ui.large-text', {}, retiree)).toBe(false);
    // Other features keep the platform's default: on.
    expect(isFeatureOn('courses', {}, retiree)).toBe(true);
    const table = { 'ui.large-text': { ...DEFAULT_TOGGLE, targeting: { ...DEFAULT_TOGGLE.targeting, categories: ['retiree' as const] } } };
    expect(isFeatureOn('ui.large-text', table, retiree)).toBe(true);
    expect(isFeatureOn('ui.large-text', table, ranger)).toBe(false);
  });
});
