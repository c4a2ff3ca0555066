import { chunk, fanOut, type JobRun, type UnitHandler } from '../../shared/runtime/fanout';
import { billBranches } from './bills';
import { countBranchFigures } from './reports';
import { runStamp } from './job-runs';
import { listBranches } from './store';

/**
 * Branches per unit of the bills job: 20 branches of ~20 members are ~400 bills, a few seconds of DynamoDB — far
 * inside the function's timeout, and 250 units for 5,000 branches.
 */
export const BRANCHES_PER_BILL_UNIT = 20;

/**
 * Starts the month's bills: one unit per group of branches on the work queue, answered at once. A run is named by
 * the month and the minute it started (the daily schedule: the day), so a repeated start does not start it again.
 */
export async function startBillRun(month: string, now = new Date(), period: 'day' | 'minute' = 'minute'): Promise<JobRun> {
  const branches = await listBranches();
  return fanOut(
    {
      job: 'generateBills',
      runId: `generateBills.${month}.${runStamp(now, period)}`,
      input: { month },
      units: chunk(branches.map((branch) => branch.id), BRANCHES_PER_BILL_UNIT).map((branchIds, index) => ({ unit: `branches-${index}`, input: { month, branchIds } })),
    },
    now,
  );
}

export const billUnit: UnitHandler = async (unit) => {
  const { month, branchIds } = unit.input as { month: string; branchIds: string[] };
  const outcome = await billBranches(month, branchIds);
  // The group report shows the new month's bills from now, without waiting for the nightly count.
  await countBranchFigures(Number(month.slice(0, 4)), branchIds);
  return {
    counts: { created: outcome.created, existing: outcome.existing, notYetAdmitted: outcome.notYetAdmitted, missingBase: outcome.missingBase.length },
    listed: outcome.missingBase,
  };
};
