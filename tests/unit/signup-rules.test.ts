import fc from 'fast-check';
import { scheduleProblems } from '../../shared/api/signup';
import type { ActivityRecord, RegistrationRecord } from '../../functions/signup/model';
import { attendanceMembers, attendanceSummary, audienceLabel, canManage, checkinWindow, isEligible, nextWaitSeq, signupState, toActivity } from '../../functions/signup/rules';
import type { Caller } from '../../shared/runtime/session';

const activity = (overrides: Partial<ActivityRecord> = {}): ActivityRecord => ({
  id: 'a1b2c3d4e5f6a7b8c9d0',
  title: '义务植树',
  activityType: 'volunteer',
  description: '',
  place: '12 林班',
  signupOpensAt: '2026-04-01T00:00:00.000Z',
  signupDeadline: '2026-04-10T00:00:00.000Z',
  startAt: '2026-04-12T00:00:00.000Z',
  endAt: '2026-04-12T06:00:00.000Z',
  capacity: 30,
  waitlistSize: 5,
  branchIds: ['songling-zhuangzhi'],
  categories: [],
  checkInRequired: true,
  status: 'open',
  confirmedCount: 30,
  waitlistCount: 2,
  lastWaitSeq: 0,
  changeSeq: 32,
  organiserId: 'demo-secretary',
  organiserName: '张书记',
  organiserBranchId: 'songling-zhuangzhi',
  clientRequestId: 'create-0001',
  createdAt: '2026-03-30T00:00:00.000Z',
  updatedAt: '2026-03-30T00:00:00.000Z',
  ...overrides,
});

const caller = (overrides: Partial<Caller> = {}): Caller => ({ userId: 'u1', name: '王护林', roles: ['member'], branchId: 'songling-zhuangzhi', category: 'ranger', ...overrides });

describe('sign-up state by the clock', () => {
  it.each([
    ['2026-03-31T23:59:59.000Z', 'not-open'],
    ['2026-04-01T00:00:00.000Z', 'open'],
    ['2026-04-09T23:59:59.999Z', 'open'],
    ['2026-04-10T00:00:00.000Z', 'closed'],
    ['2026-04-12T06:00:00.000Z', 'ended'],
  ])('at %s is %s', (at, state) => {
    expect(signupState(activity(), new Date(at))).toBe(state);
  });

  it('is cancelled whatever the time once cancelled', () => {
    expect(signupState(activity({ status: 'cancelled' }), new Date('2026-04-05T00:00:00.000Z'))).toBe('cancelled');
  });
});

describe('who may join and who may manage', () => {
  it('admits the named branches and categories only; empty lists admit everyone', () => {
    expect(isEligible(activity(), caller())).toBe(true);
    expect(isEligible(activity(), caller({ branchId: 'xinlin-office' }))).toBe(false);
    expect(isEligible(activity({ branchIds: [], categories: ['retiree'] }), caller({ branchId: 'xinlin-office' }))).toBe(false);
    expect(isEligible(activity({ branchIds: [], categories: ['retiree'] }), caller({ branchId: 'xinlin-office', category: 'retiree' }))).toBe(true);
  });

  it('says who the activity is for', () => {
    expect(audienceLabel(activity({ categories: ['ranger', 'retiree'] }))).toBe('该活动仅限指定支部的以下人员参加：护林员、离退休');
    expect(audienceLabel(activity({ branchIds: [], categories: ['probationary'] }))).toBe('该活动仅限以下人员参加：预备党员');
    expect(audienceLabel(activity())).toBe('该活动仅限指定支部的党员参加');
  });

  it('lets admins manage everything, secretaries their branch, members nothing', () => {
    expect(canManage(activity(), caller({ roles: ['member', 'admin'], branchId: 'songling-office' }))).toBe(true);
    expect(canManage(activity(), caller({ roles: ['member', 'secretary'] }))).toBe(true);
    expect(canManage(activity(), caller({ roles: ['member', 'secretary'], branchId: 'xinlin-office' }))).toBe(false);
    expect(canManage(activity(), caller())).toBe(false);
  });
});

describe('views and counts', () => {
  it('never shows negative seats, whatever the counters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1200 }), (capacity, confirmed, size, waiting) => {
        const view = toActivity(activity({ capacity, confirmedCount: confirmed, waitlistSize: size, waitlistCount: waiting }));
        expect(view.seatsLeft).toBe(Math.max(0, capacity - confirmed));
        expect(view.waitlistLeft).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('opens check-in 30 minutes before the start and closes 30 minutes after the end', () => {
    const window = checkinWindow(activity(), { SIGNUP_CHECKIN_OPENS_MINUTES: 30, SIGNUP_CHECKIN_CLOSES_MINUTES: 30 });
    expect(window.opensAt.toISOString()).toBe('2026-04-11T23:30:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-04-12T06:30:00.000Z');
  });

  const registration = (userId: string, name: string, status: RegistrationRecord['status'], extra: Partial<RegistrationRecord> = {}): RegistrationRecord => ({
    activityId: 'a1b2c3d4e5f6a7b8c9d0',
    userId,
    name,
    branchId: 'songling-zhuangzhi',
    category: 'ranger',
    status,
    clientRequestId: `r-${userId}`,
    registeredAt: '2026-04-02T00:00:00.000Z',
    ...extra,
  });

  it('lists confirmed members by name, then the waitlist in ticket order with places, and leaves out cancellations', () => {
    const members = attendanceMembers([
      registration('w2', '周二', 'waitlisted', { waitTicket: '0000000000000002#w2' }),
      registration('c2', '王五', 'confirmed', { checkedInAt: '2026-04-12T00:05:00.000Z', checkInMethod: 'qr' }),
      registration('x', '取消者', 'cancelled'),
      registration('w1', '赵一', 'waitlisted', { waitTicket: '0000000000000001#w1' }),
      registration('c1', '李四', 'confirmed'),
    ]);
    expect(members.map((m) => [m.userId, m.position])).toEqual([
      ['c1', undefined],
      ['c2', undefined],
      ['w1', 1],
      ['w2', 2],
    ]);
  });

  it('counts absence only once the activity has ended', () => {
    const registrations = [registration('a', '甲', 'confirmed', { checkedInAt: '2026-04-12T00:01:00.000Z' }), registration('b', '乙', 'confirmed')];
    expect(attendanceSummary(activity(), registrations, new Date('2026-04-12T01:00:00.000Z'))).toEqual({ registered: 2, checkedIn: 1, absent: 0, waitlisted: 0, ended: false });
    expect(attendanceSummary(activity(), registrations, new Date('2026-04-12T07:00:00.000Z'))).toEqual({ registered: 2, checkedIn: 1, absent: 1, waitlisted: 0, ended: true });
  });
});

describe('waitlist tickets', () => {
  it('always grow past the newest ticket, even when the clock is behind', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (last, now, jitter) => {
        expect(nextWaitSeq(last, now, jitter)).toBeGreaterThan(last);
      }),
    );
  });
});

describe('the order of an activity\'s times', () => {
  const times = { startAt: '2026-04-12T00:00:00.000Z', endAt: '2026-04-12T06:00:00.000Z', signupOpensAt: '2026-04-01T00:00:00.000Z', signupDeadline: '2026-04-10T00:00:00.000Z' };

  it('accepts a sensible schedule', () => {
    expect(scheduleProblems(times)).toEqual([]);
  });

  it('names each problem in Chinese', () => {
    expect(scheduleProblems({ ...times, endAt: '2026-04-11T00:00:00.000Z', signupDeadline: '2026-04-13T00:00:00.000Z' }).map((p) => p.message)).toEqual([
      '结束时间应晚于开始时间',
      '报名截止时间不能晚于活动开始时间',
    ]);
    expect(scheduleProblems({ ...times, signupOpensAt: '2026-04-10T00:00:00.000Z' })[0]!.message).toBe('报名截止时间应晚于报名开始时间');
    expect(scheduleProblems({ ...times, endAt: '2026-04-20T00:00:00.000Z' })[0]!.message).toBe('一次活动不能超过 7 天');
  });
});
