import { randomUUID } from 'node:crypto';
import { handler, httpHandler } from '../../functions/course-push/handler';
import { recordProgress } from '../../functions/course-push/learning';
import { studyAndComplete } from '../support/course-study';
import { pushReport } from '../../functions/course-push/push/report';
import { reportPushClick } from '../../functions/course-push/push/signals';
import { runWeeklyPush } from '../../functions/course-push/push/weekly-push';
import * as pushStore from '../../functions/course-push/store/push-store';
import { putMembers } from '../../functions/identity/store';
import { demoMembers } from '../../scripts/local/demo-data';
import type { Member } from '../../shared/api/identity-model';
import { resetConfigForTests } from '../../shared/runtime/config';
import { deliverDueNotices, getOutboxRecord, WecomNoticeSender } from '../../shared/runtime/outbound';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useFakeWecomSender, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { useSeededTable } from '../support/table';

// A crash is simulated by making one step of the run throw, as if the process died there.
jest.mock('../../functions/course-push/store/push-store', () => {
  const actual = jest.requireActual('../../functions/course-push/store/push-store');
  return { ...actual, markPlan: jest.fn(actual.markPlan) };
});

jest.setTimeout(240_000);
useSeededTable();

let wecom: FakeWecomMessages;
let sender: WecomNoticeSender;

useFakeWecomSender({ OUTBOX_MAX_ATTEMPTS: '3' }, (world) => ({ wecom, sender } = world));

const tokenOf = async (userId: string) => (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token;
/** Monday of an ISO week, 10:00 in Shanghai (outside the default quiet hours 21:00–08:00). */
const mondayMorning = (isoDay: string) => new Date(`${isoDay}T10:00:00+08:00`);
const run = (week: string, now: Date) => runWeeklyPush({ sender, week, now, budgetMs: 120_000 });
const members = demoMembers();
/** Every plan of a week, unit by unit. */
async function weekPlans(week: string): Promise<pushStore.PushPlan[]> {
  const plans: pushStore.PushPlan[] = [];
  for (const unitId of await pushStore.weekUnitIds(week)) {
    const unitMembers = await pushStore.unitMembers(week, unitId);
    plans.push(...(await pushStore.unitPlans(week, unitMembers.map((member) => member.userId))).values());
  }
  return plans;
}

describe('the weekly course push', () => {
  it('serves its scheduled jobs through the same function', async () => {
    expect(await handler({ job: 'course-model' }, {} as never)).toMatchObject({ courses: expect.any(Number), interactions: expect.any(Number) });
  });

  it('sends each member one notice within WeCom limits, never to a member who opted out, and not twice in a week', async () => {
    const optedOut = await tokenOf('demo-retiree');
    expect((await call(httpHandler, 'PUT', '/api/v1/learning/push-preference', { token: optedOut, body: { enabled: false } })).body).toEqual({ enabled: false });
    expect((await call(httpHandler, 'GET', '/api/v1/learning/push-preference', { token: optedOut })).body).toEqual({ enabled: false });

    const result = await run('2026-W10', mondayMorning('2026-03-02'));
    expect(result).toMatchObject({ week: '2026-W10', status: 'done', skipped: { optedOut: 1 } });
    expect(result.planned).toBe(members.length - 1 - result.skipped.nothingToRecommend);
    expect(result.recipients).toBe(result.planned);
    for (const member of members) expect(wecom.receivedBy(member.userId)).toBe(member.userId === 'demo-retiree' ? 0 : 1);
    expect(result.notices).toBe(wecom.delivered.length);
    // Members whose lists read the same share one call.
    expect(wecom.delivered.some((notice) => notice.toUsers.length > 1)).toBe(true);

    const ranger = wecom.delivered.find((notice) => notice.toUsers.includes('demo-ranger'))!;
    expect(ranger.title).toBe('本周学习推荐');
    expect(ranger.description).toMatch(/^\d+门必修课待完成$|^为您推荐\d+门课程$/);
    // Opens on the course the notice leads with (the app routes `course` to its detail page).
    expect(ranger.page).toMatch(/^courses\/pages\/index\/index\?from=push&week=2026-W10&course=[a-z0-9][a-z0-9-]+$/);
    expect(ranger.contentItems.length).toBeGreaterThan(0);
    expect(ranger.contentItems.length).toBeLessThanOrEqual(5);

    const again = await run('2026-W10', mondayMorning('2026-03-03'));
    expect(again.status).toBe('done');
    expect(wecom.delivered.length).toBe(result.notices);
  });

  it('keeps the frequency cap and holds notices during quiet hours until they end', async () => {
    const tooSoon = await run('2026-W11', new Date('2026-03-07T10:00:00+08:00'));
    expect(tooSoon.skipped.frequencyCap).toBeGreaterThan(0);
    expect(tooSoon.planned).toBe(0);

    const before = wecom.delivered.length;
    const night = await run('2026-W12', new Date('2026-03-16T22:30:00+08:00'));
    expect(night.status).toBe('sending');
    expect(night.waitingFor).toBe('免打扰时段（21:00–08:00）结束后发送');
    expect(wecom.delivered.length).toBe(before);
    const morning = await run('2026-W12', new Date('2026-03-17T08:05:00+08:00'));
    expect(morning.status).toBe('done');
    expect(wecom.delivered.length).toBeGreaterThan(before);
  });

  it('neither loses nor duplicates a message when a run dies half way and is run again', async () => {
    const markPlan = pushStore.markPlan as jest.MockedFunction<typeof pushStore.markPlan>;
    let calls = 0;
    markPlan.mockImplementation(async (...args) => {
      calls += 1;
      if (calls === 25) throw new Error('process killed');
      return jest.requireActual('../../functions/course-push/store/push-store').markPlan(...args);
    });
    const before = new Map(members.map((member) => [member.userId, wecom.receivedBy(member.userId)]));
    const now = mondayMorning('2026-03-23');
    await expect(run('2026-W13', now)).rejects.toThrow('process killed');
    markPlan.mockImplementation(jest.requireActual('../../functions/course-push/store/push-store').markPlan);

    const resumed = await run('2026-W13', new Date(now.getTime() + 5 * 60_000));
    expect(resumed.status).toBe('done');
    const plans = await weekPlans('2026-W13');
    const planned = plans.filter((plan) => plan.status === 'planned');
    expect(planned.length).toBeGreaterThan(60);
    for (const plan of plans) {
      const received = wecom.receivedBy(plan.userId) - before.get(plan.userId)!;
      expect([plan.userId, received]).toEqual([plan.userId, plan.status === 'planned' ? 1 : 0]);
    }
  });

  it('retries a failed WeCom send, then keeps it as failed for the admins — never lost silently', async () => {
    wecom.failNext(1);
    const now = mondayMorning('2026-03-30');
    const result = await run('2026-W14', now);
    expect(result.status).toBe('done');
    const retried = await deliverDueNotices(sender, { due: new Date(now.getTime() + 60 * 60_000) });
    expect(retried.sent).toBe(1);
    expect(wecom.receivedBy('demo-ranger')).toBeGreaterThan(0);

    wecom.failAlways(true);
    const failing = await run('2026-W15', mondayMorning('2026-04-06'));
    expect(failing.notices).toBeGreaterThan(0);
    for (const hours of [1, 2, 3, 4]) await deliverDueNotices(sender, { due: new Date(mondayMorning('2026-04-06').getTime() + hours * 3600_000) });
    wecom.failAlways(false);
    const admin = await tokenOf('demo-admin');
    const report = await call(httpHandler, 'GET', '/api/v1/courses/push/report', { token: admin });
    expect(report.status).toBe(200);
    const failed = report.body.failedNotices.filter((notice: { key: string }) => notice.key.includes('2026-W15'));
    expect(failed).toHaveLength(failing.notices);
    expect(failed.reduce((sum: number, notice: { recipients: number }) => sum + notice.recipients, 0)).toBe(failing.recipients);
    expect(failed[0]).toMatchObject({ attempts: 3, lastError: expect.stringContaining('企业微信消息发送失败') });
    expect((await getOutboxRecord(failed[0].key))?.status).toBe('failed');
  });

  it('records clicks and completions of pushed courses so click-through and completion rates show in the metrics', async () => {
    const ranger = await tokenOf('demo-ranger');
    const week = '2026-W10';
    const rangerCaller = { userId: 'demo-ranger', name: '王护林', roles: ['member' as const], branchId: 'songling-zhuangzhi', category: 'ranger' as const };
    const later = new Date('2026-03-05T09:00:00+08:00');
    const pushed = (await pushStore.plansOf('demo-ranger', [week]))[0]!;
    expect(await reportPushClick(rangerCaller, week, later)).toBe(true);
    expect(await reportPushClick(rangerCaller, week, later)).toBe(false);
    expect((await call(httpHandler, 'POST', '/api/v1/learning/push-click', { token: ranger, body: { week } })).body).toEqual({ recorded: false });
    expect((await call(httpHandler, 'POST', '/api/v1/learning/push-click', { token: await tokenOf('demo-retiree'), body: { week } })).body).toEqual({ recorded: false });
    expect((await call(httpHandler, 'POST', '/api/v1/learning/push-click', { token: ranger, body: { week: '2026-13' } })).status).toBe(400);

    const metricsBefore = (await pushReport(later)).metrics;
    // A completion counts only after the content was studied.
    const complete = (courseId: string) => studyAndComplete(courseId, (report) => recordProgress(rangerCaller, report, later));
    const done = await complete(pushed.items[0]!.courseId);
    expect(done.completedNow).toBe(true);
    const notPushed = await complete('history-heroes');
    expect(notPushed.completedNow).toBe(true);
    const { metrics } = await pushReport(later);
    expect(metrics.completions).toBe(metricsBefore.completions + 1);
    expect(metrics.sent).toBeGreaterThan(0);
    expect(metrics.clicks).toBe(1);
    // Rates are shown to three decimals (a click among 400 notices reads 0.003).
    expect(metrics.clickThroughRate).toBe(Math.round((metrics.clicks / metrics.sent) * 1000) / 1000);
    expect(metrics.completionRate).toBe(Math.round((metrics.completions / metrics.sent) * 1000) / 1000);
  });

  it('lets only admins trigger a run and change the push settings, validated', async () => {
    const admin = await tokenOf('demo-admin');
    const member = await tokenOf('demo-office');
    expect((await call(httpHandler, 'POST', '/api/v1/courses/push/run', { token: member, body: {} })).status).toBe(403);
    const settings = (await call(httpHandler, 'GET', '/api/v1/courses/push/settings', { token: admin })).body;
    expect(settings.push.quietHours).toEqual({ start: '21:00', end: '08:00' });
    const tooMany = await call(httpHandler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: { ...settings, push: { ...settings.push, itemsPerNotice: 11, maxRecipientsPerNotice: 5000, sendRatePerSecond: 100 } } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.map((detail: { message: string }) => detail.message)).toEqual(expect.arrayContaining(['一条消息最多 10 门课程', '企业微信每次最多 1000 人', '企业微信限制：每秒最多发送 40 条']));
    expect(settings.push.sendRatePerSecond).toBe(10);
    const quiet = { ...settings, push: { ...settings.push, quietHours: { start: '00:00', end: '23:59' } } };
    expect((await call(httpHandler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: quiet })).status).toBe(200);
    const held = await call(httpHandler, 'POST', '/api/v1/courses/push/run', { token: admin, body: { week: '2026-W20' } });
    expect(held.body).toMatchObject({ week: '2026-W20', status: 'sending', waitingFor: expect.stringContaining('免打扰') });
    expect((await call(httpHandler, 'PUT', '/api/v1/courses/push/settings', { token: admin, body: settings })).status).toBe(200);
  });

  it('splits a notice for more than 1,000 members with the same list into calls of at most 1,000', async () => {
    const crowd: Member[] = Array.from({ length: 1050 }, (_, index) => ({
      userId: `crowd${String(index).padStart(4, '0')}`,
      name: '林场职工',
      branchId: 'xinlin-cuigang',
      category: 'mobile',
      postTags: ['季节性巡护'],
      roles: ['member'],
      updatedAt: new Date().toISOString(),
    }));
    await putMembers(crowd);
    const result = await run('2026-W30', mondayMorning('2026-07-20'));
    expect(result).toMatchObject({ status: 'done' });
    const crowdNotices = wecom.delivered.filter((notice) => notice.toUsers.some((user) => user.startsWith('crowd')));
    // Units hold at most 1,000 members, so no notice can exceed WeCom's 1,000; every member gets exactly one.
    expect(crowdNotices.every((notice) => notice.toUsers.length <= 1000)).toBe(true);
    const crowdReceipts = crowdNotices.flatMap((notice) => notice.toUsers.filter((user) => user.startsWith('crowd')));
    expect(crowdReceipts.length).toBe(crowd.length);
    expect(new Set(crowdReceipts).size).toBe(crowd.length);
    expect(await pushStore.weekUnitIds('2026-W30')).toHaveLength(2);
  });
});
