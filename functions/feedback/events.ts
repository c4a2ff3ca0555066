import type { UsageEvent } from '../../shared/api/feedback';
import { AppError } from '../../shared/runtime/app-error';
import { dailyCounterUpdates, hourlyCounterUpdate, type CounterUpdate } from '../../shared/runtime/feedback-signals';
import type { Caller } from '../../shared/runtime/session';
import { dayCounts, prepareBatch, rawRecord } from './event-batch';
import { applyEventBatchPart, MAX_UPDATES_PER_PART } from './usage-store';

export interface EventBatchResult {
  counted: number;
  duplicate: boolean;
  ignored: number;
}

/**
 * Counts a member's batch of usage events once. The counters go to the member's branch and category (from
 * the session, never from the device); the raw record keeps only features, hours and counts.
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
    const done = await applyEventBatchPart({
      hash: prepared.hash,
      part,
      record: { memberId: caller.userId, raw: first ? rawRecord(prepared.hours) : '', events: first ? prepared.counted : 0, receivedAt: now },
      updates: updates.slice(part * MAX_UPDATES_PER_PART, (part + 1) * MAX_UPDATES_PER_PART),
    });
    if (done) applied += 1;
  }
  const duplicate = applied === 0;
  return { counted: duplicate ? 0 : prepared.counted, duplicate, ignored: prepared.ignored };
}
