import type { UsageEvent } from '../../shared/api/feedback';
import { AppError } from '../../shared/runtime/app-error';
import { dailyCounterUpdates, hourlyCounterUpdate, utcHour, type CounterUpdate } from '../../shared/runtime/feedback-signals';
import type { Caller } from '../../shared/runtime/session';
import { memberMarks, type MemberMark } from './distinct-members';
import { dayCounts, prepareBatch, rawRecord } from './event-batch';
import { applyEventBatchPart, countMemberOnce, MAX_UPDATES_PER_PART } from './usage-store';

/**
 * Events one member may send in one UTC hour. A member using the app heavily sends a few dozen (an event
 * is an opened feature, a key action or an error shown); beyond this it is a loop or a flood, not use.
 */
export const MAX_EVENTS_PER_MEMBER_PER_HOUR = 200;
/** Distinct-member checks of one batch run this many at a time (a phone back online may send weeks of hours). */
const MARKS_AT_ONCE = 10;

export interface EventBatchResult {
  counted: number;
  duplicate: boolean;
  ignored: number;
}

export const tooManyEvents = () => new AppError(429, 'RATE_LIMITED', `上报的使用记录过多：每人每小时最多 ${MAX_EVENTS_PER_MEMBER_PER_HOUR} 条，请稍后再试`);

/**
 * Marks this Lambda copy knows are written: a member's next batches in the same hour skip their (refused)
 * conditional writes. The markers stay the truth; forgetting this set only costs those writes again.
 */
const knownMarks = new Set<string>();
const KNOWN_MARKS_LIMIT = 50_000;

async function countMembers(marks: readonly MemberMark[], now: Date): Promise<void> {
  const keyOf = (mark: MemberMark) => `${mark.marker.pk}|${mark.marker.sk}`;
  const unknown = marks.filter((mark) => !knownMarks.has(keyOf(mark)));
  for (let start = 0; start < unknown.length; start += MARKS_AT_ONCE) {
    const slice = unknown.slice(start, start + MARKS_AT_ONCE);
    await Promise.all(slice.map((mark) => countMemberOnce(mark.marker, mark.updates, now)));
    if (knownMarks.size + slice.length > KNOWN_MARKS_LIMIT) knownMarks.clear();
    for (const mark of slice) knownMarks.add(keyOf(mark));
  }
}

/**
 * Counts a member's batch of usage events once. The counters go to the member's branch and category (from
 * the session, never from the device); the raw record keeps only features, hours and counts. The member's
 * hourly allowance is charged in the same transaction as the first part (over it: 429 and nothing written).
 * Rules weigh members, not events: the batch then moves each distinct-member counter by 1 at most — also for a
 * re-sent batch, so that a copy that failed in between still counts its member (the markers make it idempotent).
 */
export async function recordEvents(caller: Caller, events: readonly UsageEvent[], now = new Date()): Promise<EventBatchResult> {
  const prepared = prepareBatch(caller.userId, events, now);
  if ('problems' in prepared) throw new AppError(400, 'EVENT_TIME_INVALID', undefined, prepared.problems);
  if (prepared.counted === 0) return { counted: 0, duplicate: false, ignored: prepared.ignored };

  const where = { branchId: caller.branchId, category: caller.category };
  const updates: CounterUpdate[] = [
    ...dayCounts(prepared.hours).flatMap((day) => dailyCounterUpdates({ ...day, ...where }, day.counters)),
    ...prepared.hours.map((hour) => hourlyCounterUpdate({ ...hour, ...where }, hour.counters)),
  ];
  let applied = 0;
  const parts = Math.ceil(updates.length / MAX_UPDATES_PER_PART);
  for (let part = 0; part < parts; part += 1) {
    const first = part === 0;
    const outcome = await applyEventBatchPart({
      hash: prepared.hash,
      part,
      record: { memberId: caller.userId, raw: first ? rawRecord(prepared.hours) : '', events: first ? prepared.counted : 0, receivedAt: now },
      ...(first ? { allowance: { hour: utcHour(now), limit: MAX_EVENTS_PER_MEMBER_PER_HOUR } } : {}),
      updates: updates.slice(part * MAX_UPDATES_PER_PART, (part + 1) * MAX_UPDATES_PER_PART),
    });
    if (outcome === 'over-allowance') throw tooManyEvents();
    if (outcome === 'applied') applied += 1;
  }
  await countMembers(memberMarks(caller.userId, where, prepared.hours), now);
  const duplicate = applied === 0;
  return { counted: duplicate ? 0 : prepared.counted, duplicate, ignored: prepared.ignored };
}
