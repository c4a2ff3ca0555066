import type { IndexPoint } from '../../shared/api/assessment';
import { eachLimited } from '../../shared/runtime/each-limited';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { scoreUnit } from './assessment-view';
import { periodBegun, periodRange, periodsOf } from './periods';
import { branchFigures, satisfactionFigures, unitReadings, type BranchFigures } from './platform-sources';
import { requireScheme } from './scheme';
import { branchCount, bureauCounts, putBranchCount, putUnitSnapshot, unitSnapshot, type BranchCount } from './snapshot-store';
import type { StoredScheme } from './store';
import { unitEvaluations, unitResults } from './store';

/**
 * Per-unit snapshots behind the committee's view (docs/assessment.md). Counting reads every platform source of a
 * branch (dues, study, organisation life, suggestions, activities, the survey) for each period begun; it runs in
 * the snapshot job's units, a batch of one bureau's branches each, and keeps each branch's counts beside its scored
 * points. A bureau's figures are the sum of its branches' counts, scored once its last batch of the run is done.
 * Re-scoring (after an import or an evaluator's score) reads only the unit's own results and evaluations and the
 * counts already kept: no source is counted again. Every write replaces the unit's item whole, so a unit run twice
 * or by two copies at once leaves the same result.
 */

/** Scores a unit's points for these periods from its branches' counts and its own results and evaluations. */
async function scoredPoints(scheme: StoredScheme, unitCode: string, counts: readonly BranchCount[], periods: readonly string[]): Promise<IndexPoint[]> {
  const members = counts.map((count) => count.branchId);
  const points: IndexPoint[] = [];
  for (const period of periods) {
    const [results, evaluations] = await Promise.all([unitResults(period, unitCode), unitEvaluations(period, unitCode)]);
    const figures = new Map<string, BranchFigures | undefined>(counts.map((count) => [count.branchId, count.figures[period]]));
    points.push(scoreUnit(scheme, { period, platform: unitReadings(members, figures, new Map()), results, evaluations }).point);
  }
  return points;
}

/** Branches counted side by side within a unit: each is ~60 sequential reads, so a unit ends in a few seconds. */
const BRANCHES_AT_ONCE = 4;

const begunPeriods = (year: string, now: Date) => periodsOf(year).filter((period) => periodBegun(period, now));

/** Counts a batch of one bureau's branches and writes each branch's snapshot. Returns how many were written. */
export async function countBranches(year: string, bureauId: string, branchIds: readonly string[], now = new Date()): Promise<number> {
  const scheme = await requireScheme(year);
  const periods = begunPeriods(year, now);
  if (periods.length === 0 || branchIds.length === 0) return 0;
  const startedAt = now.toISOString();
  const cutoffs = periods.map((period) => ({ period, until: new Date(Math.min(Date.parse(periodRange(period).to), now.getTime())).toISOString() }));
  const satisfaction = new Map<string, Awaited<ReturnType<typeof satisfactionFigures>>>();
  for (const period of periods) satisfaction.set(period, await satisfactionFigures(period, branchIds));
  let written = 0;
  await eachLimited(branchIds, BRANCHES_AT_ONCE, async (branchId) => {
    const counted = await branchFigures(branchId, cutoffs);
    const figures = Object.fromEntries(
      periods.map((period) => {
        const answered = satisfaction.get(period)?.get(branchId);
        return [period, { ...counted.get(period), ...(answered ? { satisfaction: answered } : {}) }];
      }),
    );
    const count: BranchCount = { branchId, bureauId, figures, countedAt: startedAt };
    await putBranchCount(year, count);
    const points = await scoredPoints(scheme, branchId, [count], periods);
    if (await putUnitSnapshot(year, { unitCode: branchId, points, countedAt: startedAt, scoredAt: new Date().toISOString() }, startedAt)) written += 1;
  });
  return written;
}

/**
 * Scores a bureau from its branches' kept counts (after its last batch of a run): its figures are as old as the
 * oldest of them. A bureau without branches has only its own results and evaluations.
 */
export async function scoreBureau(year: string, bureauId: string, now = new Date()): Promise<boolean> {
  const scheme = await requireScheme(year);
  const readFrom = now.toISOString();
  const counts = await bureauCounts(year, bureauId);
  const periods = begunPeriods(year, now);
  const countedAt = counts.map((count) => count.countedAt).sort()[0] ?? readFrom;
  const points = await scoredPoints(scheme, bureauId, counts, periods);
  return putUnitSnapshot(year, { unitCode: bureauId, points, countedAt, scoredAt: new Date().toISOString() }, readFrom);
}

/**
 * Scores these units again from the counts kept (their results or evaluations changed), for the periods their
 * snapshot holds. A unit never counted is left alone: it stays "尚未统计" until the snapshot job counts it.
 * Returns how many were written.
 */
export async function rescoreUnits(year: string, unitCodes: readonly string[], now = new Date()): Promise<number> {
  const scheme = await requireScheme(year);
  const readFrom = now.toISOString();
  const units = new Map((await organisationUnits()).map((unit) => [unit.id, unit]));
  let written = 0;
  for (const unitCode of unitCodes) {
    const unit = units.get(unitCode);
    const snapshot = await unitSnapshot(year, unitCode);
    if (!unit || !snapshot) continue;
    const kept = unit.kind === 'branch' ? await branchCount(year, unit.parentId ?? '', unit.id) : await bureauCounts(year, unit.id);
    const counts = Array.isArray(kept) ? kept : kept ? [kept] : [];
    if (unit.kind === 'branch' && counts.length === 0) continue;
    const points = await scoredPoints(scheme, unitCode, counts, snapshot.points.map((point) => point.period));
    if (await putUnitSnapshot(year, { unitCode, points, countedAt: snapshot.countedAt, scoredAt: new Date().toISOString() }, readFrom)) written += 1;
  }
  return written;
}
