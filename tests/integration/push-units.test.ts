import { savedSettings, updateSettings } from '../../functions/course-push/course-settings';
import { courseKeys } from '../../functions/course-push/keys';
import { paceSchedule } from '../../functions/course-push/push/pacing';
import { planWeeklyPushUnits, sendWeeklyPushUnit, type UnitOptions } from '../../functions/course-push/push/units';
import * as learningStore from '../../functions/course-push/store/learning-store';
import * as pushStore from '../../functions/course-push/store/push-store';
import { resetConfigForTests } from '../../shared/runtime/config';
import { WecomNoticeSender, type NoticeSender } from '../../shared/runtime/outbound';
import { useFakeWecomSender, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { useSeededTable } from '../support/table';

// Counted, not replaced: the quiet-hours test checks a resumed unit plans nobody again.
jest.mock('../../functions/course-push/store/learning-store', () => {
  const actual = jest.requireActual('../../functions/course-push/store/learning-store');
  return { ...actual, memberRecords: jest.fn(actual.memberRecords) };
});
jest.mock('../../functions/course-push/store/push-store', () => {
  const actual = jest.requireActual('../../functions/course-push/store/push-store');
  return { ...actual, putPlanIfAbsent: jest.fn(actual.putPlanIfAbsent) };
});

jest.setTimeout(240_000);
useSeededTable();

let wecom: FakeWecomMessages;
let sender: WecomNoticeSender;
/** The units' clock: it moves only when a unit sleeps for its pace (or a test moves it), so schedules are exact. */
let virtual = 0;
const clock = () => virtual;
const sleep = async (ms: number) => {
  virtual += ms;
};

useFakeWecomSender({}, (world) => ({ wecom, sender } = world));
beforeEach(() => {
  virtual = Date.now();
});

/** Monday 10:00 in Shanghai; the weeks of this file are a month apart, so no frequency cap interferes. */
const mondayMorning = (isoDay: string) => new Date(`${isoDay}T10:00:00+08:00`);
const options = (now: Date, extra: Partial<UnitOptions> = {}): UnitOptions => ({ sender, now, clock, sleep, ...extra });

async function plansOfWeek(week: string): Promise<pushStore.PushPlan[]> {
  const plans: pushStore.PushPlan[] = [];
  for (const unitId of await pushStore.weekUnitIds(week)) {
    const members = await pushStore.unitMembers(week, unitId);
    plans.push(...(await pushStore.unitPlans(week, members.map((member) => member.userId))).values());
  }
  return plans;
}

/** Every planned member got exactly one notice of the week, every skipped member none. */
async function expectEachPlannedMemberOnce(week: string, before: Map<string, number>) {
  const plans = await plansOfWeek(week);
  expect(plans.filter((plan) => plan.status === 'planned').length).toBeGreaterThan(20);
  for (const plan of plans) {
    const received = wecom.receivedBy(plan.userId) - (before.get(plan.userId) ?? 0);
    expect([plan.userId, received]).toEqual([plan.userId, plan.status === 'planned' ? 1 : 0]);
  }
}
const receivedNow = () => new Map(wecom.delivered.flatMap((notice) => notice.toUsers).map((user) => [user, wecom.receivedBy(user)]));

describe('the weekly push in units', () => {
  it('cuts the week into units once, and two copies racing on one unit send every notice once', async () => {
    const week = '2026-W19';
    const now = mondayMorning('2026-05-04');
    const before = receivedNow();
    const callsBefore = wecom.delivered.length;
    const unitIds = await planWeeklyPushUnits(week, { now });
    expect(unitIds).toEqual(['0000']);
    expect(await planWeeklyPushUnits(week, { now })).toEqual(unitIds);
    expect(await pushStore.getRun(week)).toMatchObject({ status: 'sending', unitCount: 1, unitsDone: 0 });

    const deadline = virtual + 10 * 60_000;
    const results = await Promise.all([sendWeeklyPushUnit(week, '0000', deadline, options(now)), sendWeeklyPushUnit(week, '0000', deadline, options(now))]);
    expect(results.filter((result) => result.done)).toHaveLength(1);
    expect(results.filter((result) => result.waitingFor === 'busy')).toHaveLength(1);
    await expectEachPlannedMemberOnce(week, before);

    const run = (await pushStore.getRun(week))!;
    expect(run).toMatchObject({ status: 'done', unitsDone: 1 });
    expect(run.notices).toBe(wecom.delivered.length - callsBefore);
    expect(await sendWeeklyPushUnit(week, '0000', deadline, options(now))).toEqual({ sent: 0, remaining: 0, done: true });
  });

  it('a copy that loses its unit mid-way stops at once; the copy that took over sends the rest, nobody twice', async () => {
    const week = '2026-W24';
    const now = mondayMorning('2026-06-08');
    const before = receivedNow();
    const callsBefore = wecom.delivered.length;
    await planWeeklyPushUnits(week, { now });
    let skewOfA = 0;
    let takenOver: Awaited<ReturnType<typeof sendWeeklyPushUnit>> | undefined;
    // A's first WeCom call returns after a long stall: its clock is then past its lease, and copy B has taken the
    // unit over (B's clock agrees) and finished it.
    const stallingA: NoticeSender = {
      send: async (notice, recipients) => {
        const answer = await sender.send(notice, recipients);
        if (!takenOver) {
          skewOfA = 20 * 60_000;
          takenOver = await sendWeeklyPushUnit(week, '0000', virtual + skewOfA + 10 * 60_000, options(now, { clock: () => virtual + skewOfA }));
        }
        return answer;
      },
    };
    const a = await sendWeeklyPushUnit(week, '0000', virtual + 60_000, options(now, { sender: stallingA, clock: () => virtual + skewOfA }));
    expect(takenOver).toMatchObject({ done: true });
    expect(a).toMatchObject({ done: false, waitingFor: 'lease-lost' });
    await expectEachPlannedMemberOnce(week, before);
    const run = (await pushStore.getRun(week))!;
    expect(run.status).toBe('done');
    expect(wecom.delivered.length - callsBefore).toBe(run.notices);
  });

  it('paces WeCom calls at the configured rate, stops at its deadline and resumes where it stopped', async () => {
    const saved = await savedSettings();
    await updateSettings({ ...saved, push: { ...saved.push, sendRatePerSecond: 2 } }, 'test');
    try {
      const week = '2026-W28';
      const now = mondayMorning('2026-07-06');
      const before = receivedNow();
      const callsBefore = wecom.delivered.length;
      await planWeeklyPushUnits(week, { now });
      const sentAt: number[] = [];
      const timed: NoticeSender = { send: async (notice, recipients) => (sentAt.push(virtual), sender.send(notice, recipients)) };

      // Slots at 0, 0.5, 1 and 1.5 s fit before a deadline 1.5 s away; the fifth would not.
      const first = await sendWeeklyPushUnit(week, '0000', virtual + 1_500, options(now, { sender: timed }));
      expect(first.done).toBe(false);
      expect(sentAt).toHaveLength(4);
      expect(sentAt).toEqual(paceSchedule(sentAt[0]!, 4, 2));
      expect(first.remaining).toBeGreaterThan(0);
      expect(first.sent).toBe(wecom.delivered.slice(callsBefore).reduce((sum, notice) => sum + notice.toUsers.length, 0));

      const second = await sendWeeklyPushUnit(week, '0000', virtual + 10 * 60_000, options(now, { sender: timed }));
      expect(second).toMatchObject({ done: true, remaining: 0 });
      expect(sentAt.slice(4)).toEqual(paceSchedule(sentAt[4]!, sentAt.length - 4, 2));
      await expectEachPlannedMemberOnce(week, before);
      expect((await pushStore.getRun(week))?.notices).toBe(sentAt.length);
    } finally {
      await updateSettings(saved, 'test');
    }
  });

  it('holds a unit through quiet hours and resumes it from its stored plans, without planning again', async () => {
    const week = '2026-W32';
    const night = new Date('2026-08-03T22:30:00+08:00');
    const before = receivedNow();
    const callsBefore = wecom.delivered.length;
    await planWeeklyPushUnits(week, { now: night });
    const held = await sendWeeklyPushUnit(week, '0000', virtual + 60_000, options(night));
    expect(held).toMatchObject({ done: false, sent: 0, waitingFor: '免打扰时段（21:00–08:00）结束后发送' });
    expect(held.remaining).toBeGreaterThan(20);
    expect(wecom.delivered.length).toBe(callsBefore);
    expect(await pushStore.getRun(week)).toMatchObject({ status: 'sending', waitingFor: '免打扰时段（21:00–08:00）结束后发送' });

    const records = learningStore.memberRecords as jest.MockedFunction<typeof learningStore.memberRecords>;
    const plansPut = pushStore.putPlanIfAbsent as jest.MockedFunction<typeof pushStore.putPlanIfAbsent>;
    expect(plansPut).toHaveBeenCalled();
    records.mockClear();
    plansPut.mockClear();
    const morning = await sendWeeklyPushUnit(week, '0000', virtual + 10 * 60_000, options(new Date('2026-08-04T08:05:00+08:00')));
    expect(morning).toMatchObject({ done: true, sent: held.remaining, remaining: 0 });
    expect(records).not.toHaveBeenCalled();
    expect(plansPut).not.toHaveBeenCalled();
    await expectEachPlannedMemberOnce(week, before);
    const run = (await pushStore.getRun(week))!;
    expect(run.status).toBe('done');
    expect(run.waitingFor).toBeUndefined();
  });

  it('releases a run only for the copy that holds it (a late copy no longer removes another copy’s lease)', async () => {
    const week = '2026-W36';
    const t = Date.now();
    const startedAt = new Date(t);
    expect(await pushStore.claimRun(week, { owner: 'copy-a', now: t }, 1_000, startedAt)).toBeDefined();
    expect(await pushStore.claimRun(week, { owner: 'copy-b', now: t + 500 }, 60_000, startedAt)).toBeUndefined();
    // A's lease ran out; B takes the run.
    expect(await pushStore.claimRun(week, { owner: 'copy-b', now: t + 2_000 }, 60_000, startedAt)).toBeDefined();
    await pushStore.releaseLease(courseKeys.pushRun(week), { owner: 'copy-a', now: t + 2_500 });
    expect(await pushStore.claimRun(week, { owner: 'copy-c', now: t + 3_000 }, 60_000, startedAt)).toBeUndefined();
    await pushStore.releaseLease(courseKeys.pushRun(week), { owner: 'copy-b', now: t + 3_500 });
    expect(await pushStore.claimRun(week, { owner: 'copy-c', now: t + 4_000 }, 60_000, startedAt)).toBeDefined();
  });
});
