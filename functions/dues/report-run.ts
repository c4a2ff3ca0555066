import { chunk, fanOut, type JobRun, type UnitHandler } from '../../shared/runtime/fanout';
import { runStamp } from './job-runs';
import { shanghaiMonth } from './months';
import { countBranchFigures } from './reports';
import { listBranches } from './store';

/** Branches per unit of the report job: one query of a year's bills each (~240 items for 20 members). */
export const BRANCHES_PER_REPORT_UNIT = 50;

/** Counts every branch's figures of a year in the background (nightly for the current year, or by finance). */
export async function startReportRun(year: number, now = new Date(), period: 'day' | 'minute' = 'minute'): Promise<JobRun> {
  const branches = await listBranches();
  return fanOut(
    {
      job: 'refreshReport',
      runId: `refreshReport.${year}.${runStamp(now, period)}`,
      input: { year },
      units: chunk(branches.map((branch) => branch.id), BRANCHES_PER_REPORT_UNIT).map((branchIds, index) => ({ unit: `branches-${index}`, input: { year, branchIds } })),
    },
    now,
  );
}

export const reportUnit: UnitHandler = async (unit) => {
  const { year, branchIds } = unit.input as { year: number; branchIds: string[] };
  await countBranchFigures(year, branchIds);
  return { counts: { branches: branchIds.length } };
};

/** The nightly run: this year's figures (and last year's in January, while late payments of December arrive). */
export async function nightlyReportRuns(now = new Date()): Promise<JobRun[]> {
  const [year, month] = shanghaiMonth(now).split('-').map(Number) as [number, number];
  const years = month === 1 ? [year - 1, year] : [year];
  const runs: JobRun[] = [];
  for (const each of years) runs.push(await startReportRun(each, now, 'day'));
  return runs;
}
