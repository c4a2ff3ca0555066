import { logger } from '../logger';
import { dispatchUnits } from './dispatch';
import { markDispatched, startRun, type JobRun } from './runs';
import type { WorkUnit } from './work-unit';

export interface FanOutPlan {
  job: string;
  /** Named by the planner so that a repeated start finds its run (e.g. `generateBills.2026-12.2026-12-05`). */
  runId: string;
  input: Record<string, unknown>;
  units: Array<{ unit: string; input: Record<string, unknown> }>;
}

/**
 * How long a planner may take to hand out its units (a few seconds for thousands): a start of the same run within
 * it leaves the handing-out to the first, so two clicks or two deliveries of a schedule do not send every unit twice.
 */
const HANDING_OUT_MS = 60_000;

/**
 * Starts a fanned-out job: its run is on record first, then each unit goes to the work queue, where the
 * function's own consumer (consumer.ts) runs it. A run already handed out entirely is not handed out again; one
 * whose planner stopped half-way (the schedule's retry, a minute or more later) is handed out whole again, and
 * units already done are skipped by their record.
 */
export async function fanOut(plan: FanOutPlan, now = new Date()): Promise<JobRun> {
  const { created, run } = await startRun({ runId: plan.runId, job: plan.job, input: plan.input, total: plan.units.length }, now);
  if (!created && (run.dispatched || now.getTime() - Date.parse(run.startedAt) < HANDING_OUT_MS)) return run;
  const units: WorkUnit[] = plan.units.map((unit) => ({ job: plan.job, runId: plan.runId, unit: unit.unit, input: unit.input }));
  await dispatchUnits(units);
  await markDispatched(plan.runId);
  logger.info('job fanned out', { job: plan.job, runId: plan.runId, units: units.length, again: !created });
  return { ...run, dispatched: true };
}
