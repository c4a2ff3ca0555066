import { randomUUID } from 'node:crypto';
import type { Member, Role } from '../../shared/api/identity-model';
import type { PersonInput } from '../../shared/api/membership';
import { issueSession } from '../../shared/runtime/session';
import { demoMembers } from '../../scripts/local/demo-data';
import { httpHandler } from '../../functions/membership/handler';
import { addDays, shanghaiToday } from '../../functions/membership/joining/calendar';
import { queryAll } from '../../shared/runtime/db-helpers';
import { call, type CallOptions, type CallResult } from '../support/api';

/** What the membership tests share: demo members and sessions, valid ID numbers, calls to the real handler. */

export const HOME = 'songling-zhuangzhi';
export const OTHER = 'xinlin-cuigang';

export const demo = (userId: string): Member => demoMembers().find((member) => member.userId === userId)!;

/** A secretary of another branch (sessions carry roles and branch; the directory need not know them). */
export function secretaryOf(branchId: string, userId = `sec-${branchId}`): Member {
  return { userId, name: '王书记', branchId, category: 'office', postTags: [], roles: ['member', 'secretary'] as Role[], updatedAt: '2026-01-05T00:00:00.000Z' };
}

export async function tokenOf(who: Member | string): Promise<string> {
  return (await issueSession(typeof who === 'string' ? demo(who) : who)).token;
}

export const api = <T = any>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> =>
  call<T>(httpHandler, method, `/api/v1/membership${path}`, options);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A resident ID number with a correct check character, from its first 17 digits. */
export function idNumber(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

export const today = () => shanghaiToday(new Date());
export const daysAgo = (days: number) => addDays(today(), -days);

export function applicant(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    clientRequestId: `person-${randomUUID()}`,
    name: '孙兴安',
    sex: 'male',
    ethnicity: '汉族',
    idNumber: idNumber('23272119950312001'),
    application: { date: daysAgo(3), basis: '本人递交的入党申请书' },
    ...overrides,
  };
}

/** An existing member's record (no application to record), so transfers and the card have their facts. */
export function memberRecord(userId: string, overrides: Partial<PersonInput> = {}): PersonInput {
  const { application: _none, ...rest } = applicant({ name: demo(userId)?.name ?? '党员', userId, idNumber: idNumber('23272119800101002'), ...overrides });
  return { ...rest, standing: { stage: 'full', since: '2010-07-01' } };
}

/** A transfer request body, as a secretary's app sends it (a fresh request id each time). */
export const transferRequest = (userId: string, to: { toBranchId?: string; toOrganisation?: string }) => ({
  clientRequestId: `transfer-${randomUUID()}`,
  userId,
  reason: '工作调动',
  ...to,
});

/** A member's study records (course push), which follow them on a transfer. */
export const studyRecords = (userId: string) => queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `LEARN#${userId}` } });
