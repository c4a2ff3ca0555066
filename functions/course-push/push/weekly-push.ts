import type { PushRun } from '../../../shared/api/courses';
import { AppError } from '../../../shared/runtime/app-error';
import { logger } from '../../../shared/runtime/logger';
import { memberPage } from '../../../shared/runtime/member-directory';
import { deliver, enqueueNotice, type NoticeSender } from '../../../shared/runtime/outbound';
import { inQuietHours, isoWeekOf } from '../calendar';
import { currentSettings } from '../course-settings';
import { Recommender } from '../recommendations';
import { inParallel } from '../store/dynamo';
import { memberRecords } from '../store/learning-store';
import { claimRun, markPlan, pushStates, putPlanIfAbsent, saveRun, skipPlan, weekPlans, type PushPlan, type StoredRun } from '../store/push-store';
import { noticeKey, pushNotice } from './notice-content';
import { nextPushedAt, planFor } from './planning';
import { reportPushSent } from './signals';

/**
 * The weekly course push, safe to stop anywhere and run again (by the admin, the weekly schedule or the
 * resume job) without losing or repeating a message:
 * 1. planning — each member's plan for the ISO week is written once (conditional put), resuming from the
 *    saved position in the member list;
 * 2. sending (outside quiet hours) — plans with the same content are grouped into notices of at most
 *    1,000 recipients; each member is assigned to a notice (once, and only while not opted out) before the
 *    notice is queued in the outbox under a key derived from its recipients; a notice whose members were
 *    assigned but which never reached the outbox is queued on the next run. The outbox delivers, retries
 *    with backoff and keeps what finally fails for the admins.
 */
export interface PushRunOptions {
  sender: NoticeSender;
  week?: string;
  now?: Date;
  /** Stop starting new work after this long; the next run resumes. */
  budgetMs: number;
}

const CONCURRENCY = 8;
const PAGE_SIZE = 100;

const publicRun = ({ cursor: _cursor, ...run }: StoredRun): PushRun => run;

export async function runWeeklyPush(options: PushRunOptions): Promise<PushRun> {
  const now = options.now ?? new Date();
  const week = options.week ?? isoWeekOf(now);
  const deadline = Date.now() + options.budgetMs;
  const run = await claimRun(week, now, options.budgetMs + 60_000);
  if (!run) throw new AppError(409, 'PUSH_RUN_BUSY');
  try {
    if (run.status === 'planning') await planWeek(run, now, deadline);
    if (run.status === 'sending') await sendWeek(run, now, deadline, options.sender);
  } finally {
    await saveRun(run, true);
  }
  logger.info('course push run', { week, status: run.status, planned: run.planned, notices: run.notices, recipients: run.recipients });
  return publicRun(run);
}

async function planWeek(run: StoredRun, now: Date, deadline: number): Promise<void> {
  const settings = (await currentSettings(now.getTime())).push;
  const recommender = await Recommender.load(now);
  let cursor = run.cursor;
  do {
    if (Date.now() > deadline) return;
    const page = await memberPage(cursor, PAGE_SIZE);
    const [states, records] = await Promise.all([
      pushStates(page.members.map((member) => member.userId)),
      inParallel(page.members, CONCURRENCY, (member) => memberRecords(member.userId)),
    ]);
    const plans = page.members.map((member, index) => planFor(member, states.get(member.userId)!, records[index]!, { week: run.week, settings, recommender, now }));
    const fresh = await inParallel(plans, CONCURRENCY, putPlanIfAbsent);
    plans.forEach((plan, index) => {
      if (!fresh[index]) return;
      if (plan.status === 'planned') run.planned += 1;
      else run.skipped[plan.skipReason!] += 1;
    });
    cursor = page.next;
    run.cursor = cursor;
    await saveRun(run, false);
  } while (cursor);
  run.status = 'sending';
  delete run.cursor;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

async function sendWeek(run: StoredRun, now: Date, deadline: number, sender: NoticeSender): Promise<void> {
  const settings = (await currentSettings(now.getTime())).push;
  if (inQuietHours(now, settings.quietHours)) {
    run.waitingFor = `免打扰时段（${settings.quietHours.start}–${settings.quietHours.end}）结束后发送`;
    return;
  }
  delete run.waitingFor;
  const plans = await weekPlans(run.week);
  // Members assigned to a notice by a run that stopped before queueing it: queue exactly that notice now.
  for (const [key, members] of groupBy(plans.filter((plan) => plan.noticeKey), (plan) => plan.noticeKey!)) {
    await queue(run, key, members, now, sender);
  }
  const unsent = plans.filter((plan) => plan.status === 'planned' && !plan.noticeKey);
  for (const group of groupBy(unsent, (plan) => plan.contentHash).values()) {
    const sorted = group.sort((a, b) => a.userId.localeCompare(b.userId));
    for (let start = 0; start < sorted.length; start += settings.maxRecipientsPerNotice) {
      if (Date.now() > deadline) return;
      const chunk = sorted.slice(start, start + settings.maxRecipientsPerNotice);
      const key = noticeKey(run.week, chunk[0]!.contentHash, chunk.map((plan) => plan.userId));
      const states = await pushStates(chunk.map((plan) => plan.userId));
      const outcomes = await inParallel(chunk, CONCURRENCY, (plan) => markPlan(plan, key, nextPushedAt(states.get(plan.userId)!, now), now));
      const optedOut = chunk.filter((_, index) => outcomes[index] === 'opted-out');
      await inParallel(optedOut, CONCURRENCY, (plan) => skipPlan(run.week, plan.userId, 'optedOut'));
      run.planned -= optedOut.length;
      run.skipped.optedOut += optedOut.length;
      await queue(run, key, chunk.filter((_, index) => outcomes[index] === 'marked'), now, sender);
    }
  }
  run.status = 'done';
  run.finishedAt = now.toISOString();
}

/** Queues a notice once (the outbox refuses a second copy of the key) and tries to deliver it at once. */
async function queue(run: StoredRun, key: string, members: PushPlan[], now: Date, sender: NoticeSender): Promise<void> {
  if (members.length === 0) return;
  const notice = pushNotice(key, run.week, members[0]!.items, members.map((plan) => plan.userId));
  if (!(await enqueueNotice(notice, now))) return;
  run.notices += 1;
  run.recipients += members.length;
  await reportPushSent(members, now);
  await deliver(key, sender, { due: now });
}
