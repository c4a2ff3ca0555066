import { signupInvariants, type ActivitySnapshot } from '../../functions/signup/invariants';
import type { ActivityRecord, RegistrationRecord } from '../../functions/signup/model';

const activity = (overrides: Partial<ActivityRecord>): ActivityRecord =>
  ({ id: 'a1', capacity: 2, waitlistSize: 2, confirmedCount: 2, waitlistCount: 1, status: 'open', ...overrides }) as ActivityRecord;
const registration = (userId: string, status: RegistrationRecord['status'], extra: Partial<RegistrationRecord> = {}): RegistrationRecord =>
  ({ activityId: 'a1', userId, name: userId, status, clientRequestId: `r-${userId}`, registeredAt: '2026-04-01T00:00:00.000Z', ...extra }) as RegistrationRecord;

const healthy = (): ActivitySnapshot => ({
  activity: activity({}),
  registrations: [
    registration('a', 'confirmed'),
    registration('b', 'confirmed', { waitTicket: '01#b', promotedAt: '2026-04-02T00:00:00.000Z' }),
    registration('c', 'waitlisted', { waitTicket: '02#c' }),
    registration('d', 'cancelled'),
  ],
  waitEntries: [{ ticket: '02#c', userId: 'c' }],
});

const broken = (snapshot: ActivitySnapshot) => signupInvariants(snapshot).filter((check) => !check.holds).map((check) => check.rule);

describe('the sign-up invariants', () => {
  it('all hold for a consistent activity', () => {
    expect(broken(healthy())).toEqual([]);
  });

  it('catch a seat counter that disagrees with the registrations, and overbooking', () => {
    const snapshot = healthy();
    snapshot.activity.confirmedCount = 1;
    expect(broken(snapshot)).toEqual(['seat counter 1 = confirmed registrations 2']);
    snapshot.registrations.push(registration('e', 'confirmed'));
    snapshot.activity.confirmedCount = 3;
    expect(broken(snapshot)).toEqual(expect.arrayContaining(['confirmed registrations 3 ≤ capacity 2']));
  });

  it('catch a waitlist entry left behind, someone waiting beside a free seat, and a promotion out of turn', () => {
    const stray = healthy();
    stray.waitEntries.push({ ticket: '03#x', userId: 'x' });
    expect(broken(stray)[0]).toMatch(/^waitlist counter/);

    const freeSeat = healthy();
    freeSeat.registrations[0]!.status = 'cancelled';
    freeSeat.activity.confirmedCount = 1;
    expect(broken(freeSeat)).toEqual(['nobody waits while a seat is free']);

    const outOfTurn = healthy();
    outOfTurn.registrations[1]!.waitTicket = '03#b';
    expect(broken(outOfTurn)).toEqual(['promotions followed the queue (1 promoted, each ahead of everyone still waiting)']);
  });
});
