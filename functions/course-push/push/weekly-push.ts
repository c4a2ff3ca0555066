import type { PushRun } from '../../../shared/api/courses';
import { AppError } from '../../../shared/runtime/app-error';
import { logger } from '../../../shared/runtime/logger';
import type { NoticeSender } from '../../../shared/runtime/outbound';
import { isoWeekOf } from '../calendar';
import { getRun, type StoredRun } from '../store/push-store';
import type { Sleep } from './pacing';
import { planWeeklyPushUnits, sendWeeklyPushUnit } from './units';

/**
 * The weekly course push as one job (the scheduled job, the resume job and the admin's trigger), safe to stop
 * anywhere and run again without losing or repeating a message: it cuts the week into units and sends them in
 * turn with the unit functions (units.ts) the fan-out dispatches one by one. A unit that another copy holds is
 * left to it; one waiting for quiet hours to end, or not reached before the budget, is resumed by the next run.
 */
export interface PushRunOptions {
  sender: NoticeSender;
  week?: string;
  now?: Date;
  /** Stop starting new work after this long; the next run resumes. */
  budgetMs: number;
  sleep?: Sleep;
}

const publicRun = ({ cursor: _cursor, unitCount: _units, unitsDone: _done, ...run }: StoredRun): PushRun => run;

export async function runWeeklyPush(options: PushRunOptions): Promise<PushRun> {
  const now = options.now ?? new Date();
  const week = options.week ?? isoWeekOf(now);
  const deadlineMs = Date.now() + options.budgetMs;
  const unitIds = await planWeeklyPushUnits(week, { now, deadlineMs });
  for (const unitId of unitIds) {
    if (Date.now() > deadlineMs) break;
    const unit = await sendWeeklyPushUnit(week, unitId, deadlineMs, { sender: options.sender, now, ...(options.sleep ? { sleep: options.sleep } : {}) });
    // Quiet hours hold every unit alike: the others need not be visited until they end.
    if (unit.waitingFor && unit.waitingFor !== 'busy' && unit.waitingFor !== 'lease-lost') break;
  }
  const run = await getRun(week);
  if (!run) throw new AppError(409, 'PUSH_RUN_BUSY');
  logger.info('course push run', { week, status: run.status, units: run.unitCount, unitsDone: run.unitsDone, planned: run.planned, notices: run.notices, recipients: run.recipients });
  return publicRun(run);
}
