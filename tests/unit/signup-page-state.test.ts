import type { ActivityDetail, Registration } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { memberActions, myStatusLine, outcomeToShow } from '../../miniapp/src/signup/services/labels';

const registration = (overrides: Partial<Registration> = {}): Registration => ({
  activityId: 'act-1',
  userId: 'demo-ranger',
  name: '王护林',
  status: 'confirmed',
  registeredAt: '2026-05-01T01:00:00.000Z',
  ...overrides,
});
const detail = (myRegistration?: Registration, signupState: ActivityDetail['signupState'] = 'open'): ActivityDetail => ({
  activity: {
    id: 'act-1',
    title: '防火期主题党日',
    type: 'party-day',
    description: '',
    place: '松岭林场会议室',
    startAt: '2026-05-10T01:00:00.000Z',
    endAt: '2026-05-10T03:00:00.000Z',
    signupOpensAt: '2026-05-01T00:00:00.000Z',
    signupDeadline: '2026-05-10T01:00:00.000Z',
    capacity: 30,
    waitlistSize: 5,
    branchIds: [],
    categories: [],
    checkInRequired: true,
    status: 'open',
    confirmedCount: 1,
    waitlistCount: 0,
    seatsLeft: 29,
    waitlistLeft: 5,
    organiser: { userId: 'demo-secretary', name: '张书记', branchId: 'songling-zhuangzhi' },
    createdAt: '2026-04-30T00:00:00.000Z',
    updatedAt: '2026-04-30T00:00:00.000Z',
  },
  signupState,
  eligible: true,
  canManage: false,
  checkInOpen: true,
  ...(myRegistration ? { myRegistration } : {}),
});

describe('an activity page follows what the member did', () => {
  it('offers 取消报名 to a registered member, and no longer once they have checked in', () => {
    expect(memberActions(detail(registration()))).toEqual({ register: false, cancel: true });
    expect(memberActions(detail(registration({ status: 'waitlisted', position: 2 })))).toEqual({ register: false, cancel: true });
    const checkedIn = detail(registration({ checkedInAt: '2026-05-10T00:55:00.000Z', checkInMethod: 'qr' }));
    expect(memberActions(checkedIn)).toEqual({ register: false, cancel: false });
    expect(myStatusLine(checkedIn.myRegistration!)).toBe('您已报名成功，并已签到');
  });

  it('offers 我要报名 before registering and after cancelling, and nothing once sign-up has closed', () => {
    expect(memberActions(detail())).toEqual({ register: true, cancel: false });
    expect(memberActions(detail(registration({ status: 'cancelled', cancelledAt: '2026-05-02T00:00:00.000Z' })))).toEqual({ register: true, cancel: false });
    expect(memberActions(detail(registration(), 'closed'))).toEqual({ register: false, cancel: false });
  });

  it('says 报名成功 once: the status line says it, so the outcome line does not repeat it', () => {
    const registered = detail(registration());
    const shown = [myStatusLine(registered.myRegistration!), outcomeToShow('报名成功', registered)].filter(Boolean);
    expect(shown.filter((line) => line!.includes('报名成功'))).toHaveLength(1);
    // An outcome the status line does not carry is still shown.
    expect(outcomeToShow('签到成功', registered)).toBe('签到成功');
    const waitlisted = detail(registration({ status: 'waitlisted', position: 3 }));
    expect(outcomeToShow('名额已满，您已进入候补名单第 3 位，有人取消时自动递补并通知您', waitlisted)).toMatch(/候补名单第 3 位/);
    expect(outcomeToShow(null, registered)).toBeNull();
  });
});
