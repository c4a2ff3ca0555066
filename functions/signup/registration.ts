import { createHash, randomInt } from 'node:crypto';
import type { Registration } from '../../shared/api/signup';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { deliverQueued } from './delivery';
import { waitTicket } from './keys';
import type { ActivityRecord, RegistrationRecord } from './model';
import { promotedNotice } from './notices';
import { audienceLabel, isEligible, nextWaitSeq, shanghaiDateTime, signupState, toRegistration } from './rules';
import { signupSettings } from './settings';
import { firstWaiting, getActivity, getRegistration, waitPosition } from './store';
import { cancelConfirmed, confirmSeat, joinWaitlist, leaveWaitlist, promoteIntoFreeSeat } from './transactions';

export async function requireActivity(id: string): Promise<ActivityRecord> {
  const activity = await getActivity(id);
  if (!activity) throw new AppError(404, 'ACTIVITY_NOT_FOUND');
  return activity;
}

/** A registration as the member sees it: a waiting one with its current place, counted from the waitlist. */
export async function registrationView(record: RegistrationRecord): Promise<Registration> {
  const position = record.status === 'waitlisted' && record.waitTicket ? await waitPosition(record.activityId, record.waitTicket) : undefined;
  return toRegistration(record, position);
}

/**
 * A short random wait before reading again after another member's write won the condition, so a crowd
 * arriving together spreads out instead of colliding again on the next ticket.
 */
const contentionPause = (round: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 4 * 2 ** round)));

/** Why this member may not join now, as the error they read; nothing when they may. */
function assertMayJoin(activity: ActivityRecord, caller: Caller, now: Date): void {
  const state = signupState(activity, now);
  if (state === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED');
  if (state === 'ended') throw new AppError(409, 'ACTIVITY_ENDED');
  if (state === 'not-open') throw new AppError(409, 'SIGNUP_NOT_OPEN', `报名将于 ${shanghaiDateTime(activity.signupOpensAt)} 开始`);
  if (state === 'closed') throw new AppError(409, 'SIGNUP_CLOSED', `报名已于 ${shanghaiDateTime(activity.signupDeadline)} 截止`);
  if (!isEligible(activity, caller)) throw new AppError(403, 'SIGNUP_NOT_ELIGIBLE', audienceLabel(activity));
}

function alreadyRegistered(existing: RegistrationRecord): AppError {
  const status = existing.status === 'waitlisted' ? '您已在候补名单中' : '您已报名成功';
  return new AppError(409, 'SIGNUP_ALREADY_REGISTERED', `${status}，无需重复报名`);
}

/** The answer to a request already carried out: what it did then, changed by nothing now. */
async function replayOrRefuse(existing: RegistrationRecord | undefined, clientRequestId: string) {
  if (existing && existing.clientRequestId === clientRequestId) return { registration: await registrationView(existing), replayed: true };
  if (existing && existing.status !== 'cancelled') throw alreadyRegistered(existing);
  return undefined;
}

/**
 * The ClientRequestToken of one round of one member's request for one activity. DynamoDB answers a token
 * it has seen in the last 10 minutes without writing again, so it names exactly this logical write: a
 * resend of it is harmless, and a later round (other values) never reuses it.
 */
const roundToken = (activityId: string, userId: string, clientRequestId: string, round: number) =>
  createHash('sha256').update(`${activityId}\n${userId}\n${clientRequestId}\n${round}`).digest('hex').slice(0, 32);

/**
 * Registers the caller: a free seat if there is one and nobody waits, else a place at the end of the
 * waitlist, else ACTIVITY_FULL. The same clientRequestId again answers the first outcome and changes nothing;
 * a second registration by the same member is refused. Each round reads the activity, then writes under
 * conditions; when another member got there first, the next round reads again.
 */
export async function register(activityId: string, caller: Caller, clientRequestId: string, now = new Date()) {
  const rounds = signupSettings().SIGNUP_CONTENTION_ROUNDS;
  for (let round = 1; round <= rounds; round += 1) {
    if (round > 1) await contentionPause(round);
    const replay = await replayOrRefuse(await getRegistration(activityId, caller.userId), clientRequestId);
    if (replay) return replay;
    const activity = await requireActivity(activityId);
    assertMayJoin(activity, caller, now);

    const base: RegistrationRecord = {
      activityId,
      userId: caller.userId,
      name: caller.name,
      branchId: caller.branchId,
      category: caller.category,
      status: 'confirmed',
      clientRequestId,
      registeredAt: now.toISOString(),
    };
    const token = roundToken(activityId, caller.userId, clientRequestId, round);
    let outcome;
    let record = base;
    if (activity.confirmedCount < activity.capacity) {
      if (activity.waitlistCount > 0) {
        // Seats freed by a raised capacity belong to those already waiting.
        await fillFreeSeats(activityId, now);
        continue;
      }
      outcome = await confirmSeat(activity, base, now, token);
    } else {
      if (activity.waitlistCount >= activity.waitlistSize) throw new AppError(409, 'ACTIVITY_FULL');
      const seq = nextWaitSeq(activity.lastWaitSeq, now, randomInt(1000));
      const waiting = { ...base, status: 'waitlisted' as const, waitTicket: waitTicket(seq, caller.userId) };
      record = waiting;
      outcome = await joinWaitlist(activity, waiting, seq, now, token);
    }
    if (outcome === 'committed') return { registration: await registrationView(record), replayed: false };
    if (outcome === 'registration-exists') {
      const answer = await replayOrRefuse(await getRegistration(activityId, caller.userId), clientRequestId);
      if (answer) return answer;
    }
  }
  throw new AppError(503, 'SIGNUP_BUSY');
}

/**
 * The caller cancels their registration before the deadline. A confirmed seat passes at once to the head of
 * the waitlist (who is told through the outbox); a waiting member just leaves the line. Cancelling twice
 * answers the cancelled registration again.
 */
export async function cancelRegistration(activityId: string, caller: Caller, now = new Date()): Promise<Registration> {
  const rounds = signupSettings().SIGNUP_CONTENTION_ROUNDS;
  for (let round = 1; round <= rounds; round += 1) {
    if (round > 1) await contentionPause(round);
    const registration = await getRegistration(activityId, caller.userId);
    if (!registration) throw new AppError(404, 'SIGNUP_NOT_REGISTERED', '您没有报名这个活动');
    if (registration.status === 'cancelled') return toRegistration(registration);
    const activity = await requireActivity(activityId);
    if (activity.status === 'cancelled') throw new AppError(409, 'ACTIVITY_CANCELLED', '该活动已取消，报名已自动作废');
    if (now.getTime() >= Date.parse(activity.signupDeadline)) throw new AppError(409, 'SIGNUP_CANCEL_CLOSED');
    if (registration.checkedInAt) throw new AppError(409, 'SIGNUP_CANCEL_CLOSED', '您已签到，不能取消报名');

    const cancelled: RegistrationRecord = { ...registration, status: 'cancelled', cancelledAt: now.toISOString() };
    if (registration.status === 'waitlisted' && registration.waitTicket) {
      if (await leaveWaitlist({ ...registration, waitTicket: registration.waitTicket }, now)) return toRegistration(cancelled);
      continue;
    }
    const head = activity.waitlistCount > 0 ? await firstWaiting(activityId) : undefined;
    const notice = head ? promotedNotice(activity, head.userId, head.ticket) : undefined;
    if (await cancelConfirmed(registration, now, head && notice ? { head, notice } : undefined)) {
      if (notice) await deliverQueued([notice.key]);
      return toRegistration(cancelled);
    }
  }
  throw new AppError(503, 'SIGNUP_BUSY');
}

/**
 * Gives every free seat to the waitlist, head first (after the organiser raised the capacity, or to heal a
 * seat left free while members wait). Each promotion is its own transaction, guarded by the counters.
 */
export async function fillFreeSeats(activityId: string, now = new Date()): Promise<number> {
  const delivered: string[] = [];
  const rounds = signupSettings().SIGNUP_CONTENTION_ROUNDS;
  for (let round = 0; round < rounds; round += 1) {
    const activity = await getActivity(activityId);
    if (!activity || activity.status !== 'open' || activity.confirmedCount >= activity.capacity || activity.waitlistCount === 0) break;
    const head = await firstWaiting(activityId);
    if (!head) break;
    const notice = promotedNotice(activity, head.userId, head.ticket);
    if (await promoteIntoFreeSeat(activityId, head, notice, now)) delivered.push(notice.key);
  }
  await deliverQueued(delivered);
  return delivered.length;
}
