import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/runtime/app-error';
import { logger } from '../../../shared/runtime/logger';
import { memberPage } from '../../../shared/runtime/member-directory';
import { deliver, outboxPut, wecomNoticeSender, type NoticeSender } from '../../../shared/runtime/outbound';
import { inQuietHours } from '../calendar';
import { currentSettings } from '../course-settings';
import { courseKeys } from '../keys';
import { Recommender } from '../recommendations';
import { inParallel } from '../store/dynamo';
import { memberRecords } from '../store/learning-store';
import {
  applyUnitStep,
  claimRun,
  claimUnit,
  cutUnit,
  finishCutting,
  finishRunIfComplete,
  getRun,
  holdsUnit,
  markPlan,
  NO_SKIPS,
  pushStates,
  putPlanIfAbsent,
  releaseLease,
  skipPlan,
  unitMembers,
  unitPlans,
  weekUnitIds,
  type Holder,
  type PushPlan,
  type PushUnit,
  type SkipCounts,
  type UnitMember,
  type UnitStep,
} from '../store/push-store';
import { noticeKey, pushNotice } from './notice-content';
import { Pacer, realSleep, type Sleep } from './pacing';
import { nextPushedAt, planFor } from './planning';
import { reportPushSent } from './signals';

/**
 * The weekly course push in units of at most 1,000 members, each planned and sent on its own (the fan-out
 * dispatches one unit per message; the scheduled job runs them in turn):
 * - planWeeklyPushUnits(week) cuts the member directory into units (resumable from the saved position, under the
 *   run's lease) and answers their ids;
 * - sendWeeklyPushUnit(week, unitId, deadlineMs) takes the unit's lease, plans its members once (conditional puts:
 *   a resumed unit keeps the first plans), then sends: members with the same content share a notice of ≤ 1,000,
 *   each member assigned once before the notice is queued — queued in the outbox in one transaction with the
 *   unit's and run's counts, only while the unit's lease holds — and delivered at the paced rate. In quiet hours,
 *   or past its deadline, the unit stops and a later call resumes it from its stored plans, never re-walking.
 */
export const UNIT_SIZE = 1_000;
/** A lease outlives its holder's deadline by this much: the one notice in flight at the deadline finishes inside it. */
const LEASE_MARGIN_MS = 60_000;
const CONCURRENCY = 8;

export interface UnitOptions {
  sender?: NoticeSender;
  /** The instant the push runs at (frequency caps, quiet hours), advancing with the clock; defaults to now. */
  now?: Date;
  /** Real milliseconds since the epoch, for leases, deadlines and pacing. */
  clock?: () => number;
  sleep?: Sleep;
}

/** What one call did. */
export interface UnitResult {
  /** Recipients whose notices this call queued (and delivered, paced). */
  sent: number;
  /** Planned recipients of the unit still without a notice; -1 when this call could not tell (see waitingFor). */
  remaining: number;
  done: boolean;
  /** Why the unit stopped short: quiet hours (the Chinese text admins see), `busy` (another copy holds it) or `lease-lost`. */
  waitingFor?: string;
}

const unitIdOf = (index: number) => String(index).padStart(4, '0');
const snapshot = (member: UnitMember): UnitMember => ({ userId: member.userId, branchId: member.branchId, category: member.category, postTags: member.postTags });

/** Cuts the week's member list into units (once; a later call answers the same ids) and answers their ids. */
export async function planWeeklyPushUnits(week: string, options: { now?: Date; deadlineMs?: number; clock?: () => number } = {}): Promise<string[]> {
  const clock = options.clock ?? Date.now;
  const existing = await getRun(week);
  if (existing && existing.status !== 'planning') return weekUnitIds(week);
  const deadline = options.deadlineMs ?? clock() + 5 * 60_000;
  const holder: Holder = { owner: randomUUID(), now: clock() };
  const run = await claimRun(week, holder, deadline - holder.now + LEASE_MARGIN_MS, options.now ?? new Date(holder.now));
  if (!run) throw new AppError(409, 'PUSH_RUN_BUSY');
  try {
    if (run.status !== 'planning') return await weekUnitIds(week);
    let cursor = run.cursor;
    let index = run.unitCount;
    for (;;) {
      if (clock() > deadline) return await weekUnitIds(week);
      const page = await memberPage(cursor, UNIT_SIZE);
      if (page.members.length === 0 && !page.next) {
        await finishCutting(week, { ...holder, now: clock() });
        break;
      }
      if (!(await cutUnit(week, { ...holder, now: clock() }, unitIdOf(index), page.members.map(snapshot), page.next))) throw new AppError(409, 'PUSH_RUN_BUSY');
      index += 1;
      cursor = page.next;
      if (!cursor) break;
    }
    // Units may all have finished while the last ones were cut (the fan-out sends them at once): close the run then.
    await finishRunIfComplete(week, options.now ?? new Date(clock()));
    return await weekUnitIds(week);
  } finally {
    await releaseLease(courseKeys.pushRun(week), holder);
  }
}

/** Sends one unit of the week's push until it is done, its deadline (epoch ms) passes or quiet hours begin. */
export async function sendWeeklyPushUnit(week: string, unitId: string, deadlineMs: number, options: UnitOptions = {}): Promise<UnitResult> {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const at = () => new Date((options.now?.getTime() ?? startedAt) + (clock() - startedAt));
  const holder = (): Holder => ({ owner, now: clock() });
  const owner = randomUUID();
  const claimed = await claimUnit(week, unitId, holder(), Math.max(0, deadlineMs - clock()) + LEASE_MARGIN_MS);
  if (claimed === 'missing') throw new AppError(404, 'PUSH_NOT_FOUND');
  if (claimed === 'done') return { sent: 0, remaining: 0, done: true };
  if (claimed === 'busy') return { sent: 0, remaining: -1, done: false, waitingFor: 'busy' };
  const work = new UnitWork(claimed, holder, at, options.sender ?? wecomNoticeSender());
  try {
    return await work.run(deadlineMs, clock, options.sleep ?? realSleep);
  } finally {
    await releaseLease(courseKeys.pushUnit(week, unitId), holder());
  }
}

class LeaseLost extends Error {
  constructor(unitId: string) {
    super(`push unit ${unitId}: lease lost`);
  }
}

class UnitWork {
  /** Recipients queued by this call. */
  private sent = 0;
  /** Planned members this call took care of (queued, or found opted out). */
  private handled = 0;

  constructor(
    private readonly unit: PushUnit,
    private readonly holder: () => Holder,
    private readonly at: () => Date,
    private readonly sender: NoticeSender,
  ) {}

  /** Before each notice: a copy that lost the unit stops at once and sends nothing further. */
  private async stillHolding(): Promise<void> {
    if (!(await holdsUnit(this.unit.week, this.unit.unitId, this.holder()))) throw new LeaseLost(this.unit.unitId);
  }

  private async step(step: UnitStep): Promise<'applied' | 'duplicate'> {
    const outcome = await applyUnitStep(this.unit.week, this.unit.unitId, this.holder(), step);
    if (outcome === 'lease-lost') throw new LeaseLost(this.unit.unitId);
    return outcome;
  }

  async run(deadlineMs: number, clock: () => number, sleep: Sleep): Promise<UnitResult> {
    try {
      const members = await unitMembers(this.unit.week, this.unit.unitId);
      if (this.unit.status === 'planning') await this.plan(members);
      return await this.send(members, deadlineMs, clock, sleep);
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      logger.warn('course push unit stopped: lease lost', { week: this.unit.week, unitId: this.unit.unitId });
      return { sent: this.sent, remaining: -1, done: false, waitingFor: 'lease-lost' };
    }
  }

  /** Plans every member of the unit once; the unit's counts come from the stored plans (the first ones stand). */
  private async plan(members: UnitMember[]): Promise<void> {
    const now = this.at();
    const settings = (await currentSettings(now.getTime())).push;
    const recommender = await Recommender.load(now);
    const userIds = members.map((member) => member.userId);
    const [states, records] = await Promise.all([pushStates(userIds), inParallel(members, CONCURRENCY, (member) => memberRecords(member.userId))]);
    const plans = members.map((member, index) => planFor(member, states.get(member.userId)!, records[index]!, { week: this.unit.week, settings, recommender, now }));
    await inParallel(plans, CONCURRENCY, putPlanIfAbsent);
    const stored = [...(await unitPlans(this.unit.week, userIds)).values()];
    const skipped: SkipCounts = { ...NO_SKIPS };
    for (const plan of stored) if (plan.status === 'skipped') skipped[plan.skipReason!] += 1;
    await this.step({ status: 'sending', progress: { planned: stored.filter((plan) => plan.status === 'planned').length, skipped } });
  }

  private async send(members: UnitMember[], deadlineMs: number, clock: () => number, sleep: Sleep): Promise<UnitResult> {
    const settings = (await currentSettings(this.at().getTime())).push;
    const plans = [...(await unitPlans(this.unit.week, members.map((member) => member.userId))).values()];
    const unsent = plans.filter((plan) => plan.status === 'planned' && !plan.noticeKey);
    const result = (done: boolean, waitingFor?: string): UnitResult => ({ sent: this.sent, remaining: unsent.length - this.handled, done, ...(waitingFor ? { waitingFor } : {}) });
    const quiet = () => inQuietHours(this.at(), settings.quietHours);
    const waitMessage = `免打扰时段（${settings.quietHours.start}–${settings.quietHours.end}）结束后发送`;
    if (quiet()) {
      await this.step({ waitingFor: waitMessage });
      return result(false, waitMessage);
    }
    const pacer = new Pacer(settings.sendRatePerSecond, clock, sleep);
    // Members assigned to a notice by a call that stopped before queueing it: queue exactly that notice now.
    for (const [key, assigned] of groupBy(plans.filter((plan) => plan.noticeKey), (plan) => plan.noticeKey!)) {
      if (pacer.nextSlot() > deadlineMs) return result(false);
      await pacer.next();
      await this.stillHolding();
      await this.queue(key, assigned);
    }
    for (const group of groupBy(unsent, (plan) => plan.contentHash).values()) {
      const sorted = group.sort((a, b) => a.userId.localeCompare(b.userId));
      for (let start = 0; start < sorted.length; start += settings.maxRecipientsPerNotice) {
        if (pacer.nextSlot() > deadlineMs) return result(false);
        if (quiet()) {
          await this.step({ waitingFor: waitMessage });
          return result(false, waitMessage);
        }
        await pacer.next();
        await this.stillHolding();
        await this.assignAndQueue(sorted.slice(start, start + settings.maxRecipientsPerNotice));
      }
    }
    await this.step({ status: 'done' });
    await finishRunIfComplete(this.unit.week, this.at());
    return result(true);
  }

  /** Assigns each member of a chunk to its notice (once, and only while not opted out), then queues it. */
  private async assignAndQueue(chunk: PushPlan[]): Promise<void> {
    const now = this.at();
    const key = noticeKey(this.unit.week, chunk[0]!.contentHash, chunk.map((plan) => plan.userId));
    const states = await pushStates(chunk.map((plan) => plan.userId));
    const outcomes = await inParallel(chunk, CONCURRENCY, (plan) => markPlan(plan, key, nextPushedAt(states.get(plan.userId)!, now), now));
    const optedOut = chunk.filter((_, index) => outcomes[index] === 'opted-out');
    await inParallel(optedOut, CONCURRENCY, (plan) => skipPlan(this.unit.week, plan.userId, 'optedOut'));
    if (optedOut.length > 0) await this.step({ progress: { planned: -optedOut.length, skipped: { optedOut: optedOut.length } } });
    this.handled += chunk.length;
    await this.queue(key, chunk.filter((_, index) => outcomes[index] === 'marked'));
  }

  /** Queues a notice once (with its counts, under the unit's lease) and delivers it. */
  private async queue(key: string, members: PushPlan[]): Promise<void> {
    if (members.length === 0) return;
    const now = this.at();
    const notice = pushNotice(key, this.unit.week, members[0]!.items, members.map((plan) => plan.userId));
    const queued = await this.step({ outboxPut: outboxPut(notice, now), progress: { notices: 1, recipients: members.length } });
    if (queued === 'duplicate') return;
    this.sent += members.length;
    await reportPushSent(members, now);
    await deliver(key, this.sender, { due: now });
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
