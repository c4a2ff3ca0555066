import { createHash } from 'node:crypto';
import {
  MAX_ACTIVITY_DAYS,
  scheduleProblems,
  type ActivityDetail,
  type ActivityInput,
  type ActivityListItem,
  type ActivityPatch,
  type RegistrationStatus,
} from '../../shared/api/signup';
import { contentBlockedError, moderateText } from '../../shared/moderation';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { deliverQueued } from './delivery';
import type { ActivityRecord } from './model';
import { cancelledNotice, changedNotice } from './notices';
import { fillFreeSeats, registrationView, requireActivity } from './registration';
import { canManage, isCheckinOpen, isEligible, signupState, toActivity } from './rules';
import { signupSettings } from './settings';
import { audienceActivityIds, getActivities, getActivity, getRegistration, listRegistrations, memberRegistrations, orgUnitName, organisedActivities } from './store';
import { cancelActivity as cancelActivityTx, createActivity as createActivityTx, updateActivity as updateActivityTx, type ActivityChanges } from './transactions';

const isAdmin = (caller: Caller) => caller.roles.includes('admin');
const DAY_MS = 86_400_000;

/** The same organiser and request always name the same activity: a repeated create makes nothing new. */
export const activityIdFor = (organiserId: string, clientRequestId: string) =>
  createHash('sha256').update(`${organiserId}\n${clientRequestId}`).digest('hex').slice(0, 20);

/** What an organiser decides about an activity (everything but its state and counters). */
export type ActivityFields = Pick<ActivityRecord, 'title' | 'activityType' | 'description' | 'place' | 'startAt' | 'endAt' | 'signupOpensAt' | 'signupDeadline' | 'capacity' | 'waitlistSize' | 'branchIds' | 'categories' | 'checkInRequired'>;

/** A new open activity with empty counters, organised by a branch (the organising branch manages it). */
export function newActivity(
  fields: ActivityFields,
  organiser: { userId: string; name: string; branchId: string },
  clientRequestId: string,
  now: Date,
): ActivityRecord {
  return {
    id: activityIdFor(organiser.userId, clientRequestId),
    ...fields,
    status: 'open',
    confirmedCount: 0,
    waitlistCount: 0,
    lastWaitSeq: 0,
    changeSeq: 0,
    organiserId: organiser.userId,
    organiserName: organiser.name,
    organiserBranchId: organiser.branchId,
    clientRequestId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function requireManaged(activity: ActivityRecord, caller: Caller): void {
  if (!canManage(activity, caller)) throw new AppError(403, 'ACTIVITY_NOT_MANAGED');
}

export async function activityDetail(activity: ActivityRecord, caller: Caller, now = new Date()): Promise<ActivityDetail> {
  const mine = await getRegistration(activity.id, caller.userId);
  return {
    activity: toActivity(activity),
    signupState: signupState(activity, now),
    eligible: isEligible(activity, caller),
    canManage: canManage(activity, caller),
    checkInOpen: isCheckinOpen(activity, now, signupSettings()),
    ...(mine ? { myRegistration: await registrationView(mine) } : {}),
  };
}

/** Secretaries organise for their own branch; admins for any existing branches, or everyone (none named). */
async function audienceFor(caller: Caller, branchIds: string[]): Promise<string[]> {
  const unique = [...new Set(branchIds)];
  if (!isAdmin(caller)) {
    if (unique.some((id) => id !== caller.branchId)) throw new AppError(403, 'ACTIVITY_NOT_MANAGED', '支部书记只能为本支部组织活动');
    return [caller.branchId];
  }
  const names = await Promise.all(unique.map((id) => orgUnitName(id)));
  const unknown = unique.filter((_, index) => names[index] === undefined);
  if (unknown.length > 0) throw badRequest(unknown.map((id) => ({ path: 'body.branchIds', message: `支部 ${id} 不存在` })));
  return unique;
}

function assertSchedule(schedule: ActivityRecord | ActivityInput, now: Date): void {
  const problems = scheduleProblems(schedule);
  if (Date.parse(schedule.endAt) <= now.getTime()) problems.push({ path: 'body.endAt', message: '活动结束时间已经过去' });
  if (Date.parse(schedule.signupDeadline) <= now.getTime()) problems.push({ path: 'body.signupDeadline', message: '报名截止时间已经过去' });
  if (problems.length > 0) throw badRequest(problems);
}

const normalise = (iso: string) => new Date(iso).toISOString();

/**
 * What an organiser writes is read by every member it is for: it passes the platform's filter. Blocked text
 * is refused (422, naming the kind of content, never the word); text a reviewer would look at is published,
 * since an activity carries its organiser's name and branch.
 */
export async function assertPublishable(...texts: Array<string | undefined>): Promise<void> {
  for (const text of texts) {
    if (!text) continue;
    const result = await moderateText(text);
    if (result.verdict === 'block') throw contentBlockedError(result);
  }
}

export async function createActivity(caller: Caller, input: ActivityInput, now = new Date()): Promise<{ detail: ActivityDetail; created: boolean }> {
  const id = activityIdFor(caller.userId, input.clientRequestId);
  const existing = await getActivity(id);
  if (existing) return { detail: await activityDetail(existing, caller, now), created: false };
  assertSchedule(input, now);
  await assertPublishable(input.title, input.place, input.description);
  const record = newActivity(
    {
      title: input.title,
      activityType: input.type,
      description: input.description,
      place: input.place,
      startAt: normalise(input.startAt),
      endAt: normalise(input.endAt),
      signupOpensAt: normalise(input.signupOpensAt),
      signupDeadline: normalise(input.signupDeadline),
      capacity: input.capacity,
      waitlistSize: input.waitlistSize,
      branchIds: await audienceFor(caller, input.branchIds),
      categories: [...new Set(input.categories)],
      checkInRequired: input.checkInRequired,
    },
    { userId: caller.userId, name: caller.name, branchId: caller.branchId },
    input.clientRequestId,
    now,
  );
  const created = await createActivityTx(record);
  return { detail: await activityDetail(created ? record : await requireActivity(id), caller, now), created };
}

/** The fields of a patch that really change something, with instants in one UTC form. */
function changesOf(current: ActivityRecord, patch: ActivityPatch): ActivityChanges {
  const changes: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(patch)) {
    if (raw === undefined) continue;
    const field = name === 'type' ? 'activityType' : name;
    const value = field.endsWith('At') || field === 'signupDeadline' ? normalise(raw as string) : raw;
    if (JSON.stringify(value) !== JSON.stringify(current[field as keyof ActivityRecord])) changes[field] = value;
  }
  return changes as ActivityChanges;
}

const registrants = async (id: string) =>
  (await listRegistrations(id)).filter((r) => r.status === 'confirmed' || r.status === 'waitlisted').map((r) => r.userId);

/**
 * An organiser's edit. A capacity or waitlist below the members already in it is refused with the numbers;
 * a raised capacity promotes those waiting at once; a new time or place is announced to registrants.
 */
export async function updateActivity(caller: Caller, id: string, patch: ActivityPatch, now = new Date()): Promise<ActivityDetail> {
  for (let round = 1; round <= signupSettings().SIGNUP_CONTENTION_ROUNDS; round += 1) {
    const current = await requireActivity(id);
    requireManaged(current, caller);
    if (current.status === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED', '该活动已取消，不能再修改');
    if (now.getTime() >= Date.parse(current.endAt)) throw new AppError(409, 'ACTIVITY_ENDED', '该活动已经结束，不能再修改');
    const changes = changesOf(current, patch);
    if (changes.branchIds) changes.branchIds = await audienceFor(caller, changes.branchIds);
    if (changes.categories) changes.categories = [...new Set(changes.categories)];
    if (changes.capacity !== undefined && changes.capacity < current.confirmedCount) {
      const n = current.confirmedCount;
      throw new AppError(409, 'ACTIVITY_CAPACITY_BELOW_CONFIRMED', `已有 ${n} 人报名成功，名额不能少于 ${n} 人`);
    }
    if (changes.waitlistSize !== undefined && changes.waitlistSize < current.waitlistCount) {
      const n = current.waitlistCount;
      throw new AppError(409, 'ACTIVITY_WAITLIST_BELOW_CURRENT', `已有 ${n} 人在候补，候补名额不能少于 ${n} 人`);
    }
    const next: ActivityRecord = { ...current, ...changes, updatedAt: now.toISOString() };
    if (Object.keys(changes).length === 0) return activityDetail(current, caller, now);
    const problems = scheduleProblems(next);
    if (problems.length > 0) throw badRequest(problems);
    await assertPublishable(changes.title, changes.place, changes.description);

    const announced = changes.startAt !== undefined || changes.endAt !== undefined || changes.place !== undefined;
    const recipients = announced ? await registrants(id) : [];
    const notice = recipients.length > 0 ? changedNotice(next, recipients) : undefined;
    if (!(await updateActivityTx(current, next, changes, notice))) continue;
    if (notice) await deliverQueued([notice.key]);
    if (changes.capacity !== undefined && changes.capacity > current.capacity) await fillFreeSeats(id, now);
    return activityDetail(await requireActivity(id), caller, now);
  }
  throw new AppError(503, 'SIGNUP_BUSY');
}

/** Cancels an activity and tells everyone registered or waiting, in the same transaction as the cancellation. */
export async function cancelActivity(caller: Caller, id: string, reason: string, now = new Date()): Promise<ActivityDetail> {
  for (let round = 1; round <= signupSettings().SIGNUP_CONTENTION_ROUNDS; round += 1) {
    const activity = await requireActivity(id);
    requireManaged(activity, caller);
    if (activity.status === 'cancelled') return activityDetail(activity, caller, now);
    if (now.getTime() >= Date.parse(activity.endAt)) throw new AppError(409, 'ACTIVITY_ENDED', '该活动已经结束，不能再取消');
    await assertPublishable(reason);
    const recipients = await registrants(id);
    const notice = recipients.length > 0 ? cancelledNotice(activity, recipients, reason) : undefined;
    if (!(await cancelActivityTx(activity, reason, now, notice))) continue;
    if (notice) await deliverQueued([notice.key]);
    return activityDetail(await requireActivity(id), caller, now);
  }
  throw new AppError(503, 'SIGNUP_BUSY');
}

function listItem(activity: ActivityRecord, now: Date, myStatus?: RegistrationStatus): ActivityListItem {
  return { activity: toActivity(activity), signupState: signupState(activity, now), ...(myStatus ? { myStatus } : {}) };
}

const byStart = (a: ActivityRecord, b: ActivityRecord) => a.startAt.localeCompare(b.startAt);

/**
 * What the caller may join: activities for their branch or for everyone, limited to their category.
 * Upcoming ones (not yet ended) soonest first; past ones of the last year newest first.
 */
export async function listForMember(caller: Caller, scope: 'upcoming' | 'past', now = new Date()): Promise<ActivityListItem[]> {
  const upcoming = scope === 'upcoming';
  // Activities last at most MAX_ACTIVITY_DAYS: one that started earlier has ended.
  const range = upcoming
    ? { from: new Date(now.getTime() - MAX_ACTIVITY_DAYS * DAY_MS).toISOString() }
    : { from: new Date(now.getTime() - 365 * DAY_MS).toISOString(), to: now.toISOString(), newestFirst: true, limit: 100 };
  const ids = [...(await audienceActivityIds(caller.branchId, range)), ...(await audienceActivityIds(undefined, range))];
  const activities = (await getActivities(ids))
    .filter((activity) => isEligible(activity, caller))
    .filter((activity) => (Date.parse(activity.endAt) > now.getTime()) === upcoming)
    .sort((a, b) => (upcoming ? byStart(a, b) : byStart(b, a)));
  const mine = new Map((await memberRegistrations(caller.userId, 200)).map((r) => [r.activityId, r.status]));
  return activities.map((activity) => listItem(activity, now, mine.get(activity.id)));
}

/** The caller's registrations (newest first) with their activities. */
export async function myRegistrations(caller: Caller) {
  const registrations = await memberRegistrations(caller.userId, 100);
  const activities = new Map((await getActivities(registrations.map((r) => r.activityId))).map((a) => [a.id, a]));
  const items = [];
  for (const registration of registrations) {
    const activity = activities.get(registration.activityId);
    if (activity) items.push({ registration: await registrationView(registration), activity: toActivity(activity) });
  }
  return items;
}

/** What the caller organises: a secretary their branch's activities, an admin all; from 90 days back. */
export async function listOrganised(caller: Caller, now = new Date()): Promise<ActivityListItem[]> {
  const range = { from: new Date(now.getTime() - 90 * DAY_MS).toISOString(), newestFirst: true, limit: 200 };
  const records = await organisedActivities(isAdmin(caller) ? undefined : caller.branchId, range);
  return records.map((activity) => listItem(activity, now));
}
