import { fanOut, type JobRun, type UnitHandler } from '../../../shared/runtime/fanout';
import type { NoticeSender } from '../../../shared/runtime/outbound';
import { isoWeekOf } from '../calendar';
import { planWeeklyPushUnits, sendWeeklyPushUnit } from './units';

/** Cutting the week into units: a page of the member directory per unit, well inside the planner's invocation. */
const PLANNING_BUDGET_MS = 5 * 60_000;
/**
 * A unit sends for at most a quarter of the time its invocation has left (1,000 notices at the paced 10/s take
 * 100 s); what is left of it (quiet hours, a slow WeCom) is finished by the resume job, not by a retry.
 */
const UNIT_SHARE_OF_TIMEOUT = 0.25;

/** The Monday job: the week's units are cut once, then each is one message of the work queue. */
export async function startWeeklyPush(now = new Date()): Promise<JobRun> {
  const week = isoWeekOf(now);
  const unitIds = await planWeeklyPushUnits(week, { now, deadlineMs: Date.now() + PLANNING_BUDGET_MS });
  return fanOut(
    { job: 'course-push-weekly', runId: `course-push-weekly.${week}`, input: { week }, units: unitIds.map((unitId) => ({ unit: `unit-${unitId}`, input: { week, unitId } })) },
    now,
  );
}

export function weeklyPushUnit(sender: () => NoticeSender): UnitHandler {
  return async (unit, remainingMs) => {
    const { week, unitId } = unit.input as { week: string; unitId: string };
    const result = await sendWeeklyPushUnit(week, unitId, Date.now() + remainingMs() * UNIT_SHARE_OF_TIMEOUT, { sender: sender() });
    return { counts: { recipients: result.sent, unfinished: result.done ? 0 : 1 } };
  };
}
