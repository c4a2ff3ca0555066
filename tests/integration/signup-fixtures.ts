import { randomUUID } from 'node:crypto';
import type { Member, MemberCategory, Role } from '../../shared/api/identity-model';
import type { ActivityInput } from '../../shared/api/signup';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { httpHandler } from '../../functions/signup/handler';
import { newActivity } from '../../functions/signup/activities';
import type { ActivityRecord } from '../../functions/signup/model';
import { createActivity } from '../../functions/signup/transactions';
import { call, type CallOptions, type CallResult } from '../support/api';

/** What the sign-up tests share: members and sessions, activity bodies, and calls to the real handler. */

export const BRANCH = 'songling-zhuangzhi';
const HOUR = 3_600_000;

export function member(userId: string, options: { branchId?: string; category?: MemberCategory; roles?: Role[]; name?: string } = {}): Member {
  return {
    userId,
    name: options.name ?? `党员${userId}`,
    branchId: options.branchId ?? BRANCH,
    category: options.category ?? 'ranger',
    postTags: [],
    roles: options.roles ?? ['member'],
    updatedAt: '2026-01-05T00:00:00.000Z',
  };
}

export const demo = (userId: string): Member => DEMO_ACCOUNTS.find((account) => account.userId === userId)!;

export async function tokenOf(who: Member): Promise<string> {
  return (await issueSession(who)).token;
}

export const api = <T = any>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> =>
  call<T>(httpHandler, method, `/api/v1${path}`, options);

const iso = (ms: number) => new Date(ms).toISOString();

/** An activity whose sign-up is open now and which starts in three days. */
export function activityBody(overrides: Partial<ActivityInput> = {}, now = Date.now()): ActivityInput {
  return {
    clientRequestId: `create-${randomUUID()}`,
    title: '义务植树：更新造林地块补植',
    type: 'volunteer',
    description: '统一乘车前往，请穿劳保鞋。',
    place: '林场 12 林班',
    startAt: iso(now + 72 * HOUR),
    endAt: iso(now + 78 * HOUR),
    signupOpensAt: iso(now - HOUR),
    signupDeadline: iso(now + 48 * HOUR),
    capacity: 2,
    waitlistSize: 2,
    branchIds: [BRANCH],
    categories: [],
    checkInRequired: true,
    ...overrides,
  };
}

export async function createActivityAs(token: string, overrides: Partial<ActivityInput> = {}): Promise<string> {
  const reply = await api('POST', '/activities', { token, body: activityBody(overrides) });
  if (reply.status !== 201) throw new Error(`create failed: ${JSON.stringify(reply.body)}`);
  return reply.body.activity.id as string;
}

/**
 * Stores an activity with any times (a deadline already past, a check-in window open now) straight through
 * the capability's own store: the API rightly refuses to create activities in the past.
 */
export async function storeActivity(times: { startAt: number; endAt: number; signupOpensAt: number; signupDeadline: number }, overrides: Partial<ActivityRecord> = {}): Promise<string> {
  const organiser = demo('demo-secretary');
  const record: ActivityRecord = {
    ...newActivity(
      {
        title: '森林防火扑救应急演练',
        activityType: 'drill',
        description: '',
        place: '防火物资储备库前广场',
        startAt: iso(times.startAt),
        endAt: iso(times.endAt),
        signupOpensAt: iso(times.signupOpensAt),
        signupDeadline: iso(times.signupDeadline),
        capacity: 10,
        waitlistSize: 2,
        branchIds: [BRANCH],
        categories: [],
        checkInRequired: true,
      },
      organiser,
      `stored-${randomUUID()}`,
      new Date(),
    ),
    ...overrides,
  };
  await createActivity(record);
  return record.id;
}

export const registerAs = (token: string, id: string, clientRequestId = `reg-${randomUUID()}`) =>
  api('POST', `/activities/${id}/registrations`, { token, body: { clientRequestId } });

export { HOUR };
