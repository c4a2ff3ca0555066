import type { CommitteeView, Evaluation, IndexPoint, IndicatorScore, PlatformMetric, UnitDetail } from '../../shared/api/assessment';
import type { OrgUnit } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { periodBegun, yearOfPeriod } from './periods';
import { unitReadings, type BranchFigures } from './platform-sources';
import { requireScheme } from './scheme';
import { scoreScheme, type Reading } from './scoring';
import { allBranchCounts, branchCount, bureauCounts, unitSnapshot, unitSnapshots, type BranchCount } from './snapshot-store';
import { periodEvaluations, periodResults, unitEvaluations, unitResults, type StoredResult, type StoredScheme } from './store';

/**
 * The committee's view: for each bureau and branch and each period of a year that has begun, the party-work index
 * beside the business index (each with the share of its weight that had data), read from the units' snapshots;
 * and for one unit and period the drill-down to every indicator's value, score, evidence and the evaluator's own
 * score, from the same kept counts the snapshot was scored on. Units are organisations, never people.
 */

/** Units shown: the bureaus (companies) and their branches, bureau first. */
export function assessedUnits(units: readonly OrgUnit[]): OrgUnit[] {
  const companies = units.filter((unit) => unit.kind === 'company').sort((a, b) => a.id.localeCompare(b.id));
  return companies.flatMap((company) => [company, ...units.filter((unit) => unit.kind === 'branch' && unit.parentId === company.id).sort((a, b) => a.id.localeCompare(b.id))]);
}

/** What scoring one unit in one period takes: its platform readings and its own results and evaluations. */
export interface UnitInputs {
  period: string;
  platform: Map<PlatformMetric, Reading & { evidence: string }>;
  results: readonly StoredResult[];
  evaluations: readonly Evaluation[];
}

/**
 * A unit's inputs in a period from the platform figures the snapshot job kept for its branches (the same figures
 * behind the view's points, so the drill-down and the exports explain exactly what the view shows) and its own
 * imported results and evaluator's scores as they stand.
 */
function keptInputs(period: string, counts: readonly BranchCount[], results: readonly StoredResult[], evaluations: readonly Evaluation[]): UnitInputs {
  const figures = new Map<string, BranchFigures | undefined>(counts.map((count) => [count.branchId, count.figures[period]]));
  return { period, platform: unitReadings(counts.map((count) => count.branchId), figures, new Map()), results, evaluations };
}

export function scoreUnit(scheme: StoredScheme, inputs: UnitInputs) {
  const results = new Map(inputs.results.map((result) => [result.indicatorCode, result]));
  const evaluations = new Map(inputs.evaluations.map((evaluation) => [evaluation.indicatorCode, evaluation]));
  const readings = new Map<string, Reading & { evidence: string }>();
  for (const indicator of scheme.indicators) {
    if (indicator.source === 'import') {
      const result = results.get(indicator.code);
      readings.set(
        indicator.code,
        result
          ? { value: result.value, evidence: `经营系统导入：${result.value} ${indicator.unit}（${result.at.slice(0, 10)} 导入）` }
          : { missingReason: '本期未导入经营数据', evidence: '本期未导入经营数据' },
      );
    } else if (indicator.source === 'evaluation') {
      const evaluation = evaluations.get(indicator.code);
      readings.set(
        indicator.code,
        evaluation ? { value: evaluation.score, evidence: `第三方评估 ${evaluation.evaluator} 评分` } : { missingReason: '第三方评估尚未评分', evidence: '第三方评估尚未评分' },
      );
    } else if (indicator.source.startsWith('platform:')) {
      readings.set(indicator.code, inputs.platform.get(indicator.source.slice('platform:'.length) as PlatformMetric)!);
    }
  }
  const scored = scoreScheme(scheme.indicators, readings);
  const point: IndexPoint = {
    period: inputs.period,
    ...(scored.index.party.score !== undefined ? { party: scored.index.party.score } : {}),
    ...(scored.index.business.score !== undefined ? { business: scored.index.business.score } : {}),
    partyCoverage: scored.index.party.coverage,
    businessCoverage: scored.index.business.coverage,
  };
  const indicators: IndicatorScore[] = scored.indicators.map(({ indicator, value, score, missingReason }) => {
    const evaluation = evaluations.get(indicator.code);
    return {
      code: indicator.code,
      name: indicator.name,
      dimension: indicator.dimension,
      source: indicator.source,
      unit: indicator.unit,
      weight: indicator.weight,
      ...(indicator.parent ? { parent: indicator.parent } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(score !== undefined ? { score } : {}),
      ...(missingReason !== undefined ? { missingReason } : {}),
      evidence: readings.get(indicator.code)?.evidence ?? (score === undefined ? '下级指标均无数据' : '按下级指标得分加权计算'),
      ...(evaluation ? { evaluation: { score: evaluation.score, comment: evaluation.comment, evaluator: evaluation.evaluator, at: evaluation.at } } : {}),
    };
  });
  return { point, indicators };
}

/** What the view states for a unit the snapshot job has not counted yet: its indices are unknown, never zero. */
export const NOT_COUNTED = '尚未统计';

/**
 * The committee's view from the units' snapshots (snapshots.ts: counted by the snapshot job, re-scored after an
 * import or an evaluator's score): one query, whatever the group's size. Each unit carries when its figures were
 * counted and whether a change since is still being scored in; a unit without a snapshot says so.
 */
export async function committeeView(year: string): Promise<CommitteeView> {
  await requireScheme(year);
  const [units, snapshots] = await Promise.all([organisationUnits(), unitSnapshots(year)]);
  return {
    year,
    units: assessedUnits(units).map((unit) => {
      const snapshot = snapshots.get(unit.id);
      const base = { unitCode: unit.id, unitName: unit.name, kind: unit.kind };
      return snapshot
        ? { ...base, points: snapshot.points, snapshot: { countedAt: snapshot.countedAt, scoredAt: snapshot.scoredAt, stale: snapshot.staleSince !== undefined } }
        : { ...base, points: [], missingReason: NOT_COUNTED };
    }),
  };
}

const notCountedError = (unitName: string) => new AppError(404, 'NOT_FOUND', `${unitName}${NOT_COUNTED}：请等待夜间统计，或由管理员重新统计`);

/** A unit's kept branch counts: a branch's own, a bureau's branches'. */
async function keptCounts(year: string, unit: OrgUnit): Promise<BranchCount[]> {
  if (unit.kind !== 'branch') return bureauCounts(year, unit.id);
  const count = await branchCount(year, unit.parentId ?? '', unit.id);
  return count ? [count] : [];
}

/** One unit's indicators in one period, from the figures its snapshot was scored on. */
export async function unitDetail(unitCode: string, period: string, now = new Date()): Promise<UnitDetail> {
  const year = yearOfPeriod(period);
  const scheme = await requireScheme(year);
  const unit = assessedUnits(await organisationUnits()).find((candidate) => candidate.id === unitCode);
  if (!unit) throw new AppError(404, 'NOT_FOUND', `没有找到考核单位 ${unitCode}`);
  if (!periodBegun(period, now)) throw new AppError(404, 'NOT_FOUND', `考核期 ${period} 还没有开始`);
  const snapshot = await unitSnapshot(year, unit.id);
  if (!snapshot?.points.some((point) => point.period === period)) throw notCountedError(unit.name);
  const [counts, results, evaluations] = await Promise.all([keptCounts(year, unit), unitResults(period, unit.id), unitEvaluations(period, unit.id)]);
  const { point, indicators } = scoreUnit(scheme, keptInputs(period, counts, results, evaluations));
  return { unitCode: unit.id, unitName: unit.name, period, schemeVersion: scheme.version, countedAt: snapshot.countedAt, point, indicators };
}

/**
 * The units an export covers: the group's bureaus (a file the size of 50 bureaus, not of 5,000 branches, which
 * would pass the 6 MB a Lambda response carries), or one bureau with its branches, or one branch.
 */
function exportedUnits(units: readonly OrgUnit[], unitCode: string | undefined): OrgUnit[] {
  const assessed = assessedUnits(units);
  if (unitCode === undefined) return assessed.filter((unit) => unit.kind === 'company');
  const scope = assessed.find((unit) => unit.id === unitCode);
  if (!scope) throw new AppError(404, 'NOT_FOUND', `没有找到考核单位 ${unitCode}`);
  return assessed.filter((unit) => unit.id === scope.id || (scope.kind === 'company' && unit.parentId === scope.id));
}

/**
 * The exported units' indicators for the periods each snapshot holds (the CSV and PDF exports), from the kept
 * counts in one query and each period's results and evaluations; and those not counted yet, which the exports name.
 */
export async function yearDetails(year: string, unitCode?: string): Promise<{ scheme: StoredScheme; scope?: OrgUnit; details: UnitDetail[]; notCounted: OrgUnit[] }> {
  const scheme = await requireScheme(year);
  const [units, snapshots] = await Promise.all([organisationUnits(), unitSnapshots(year)]);
  const exported = exportedUnits(units, unitCode);
  const counts = unitCode === undefined ? await allBranchCounts(year) : await keptCounts(year, exported[0]!);
  const periods = [...new Set([...snapshots.values()].flatMap((snapshot) => snapshot.points.map((point) => point.period)))].sort();
  const [results, evaluations] = await Promise.all([Promise.all(periods.map(periodResults)), Promise.all(periods.map(periodEvaluations))]);
  const countsOf = new Map<string, BranchCount[]>();
  for (const count of counts) {
    for (const unitCode of [count.branchId, count.bureauId]) countsOf.set(unitCode, (countsOf.get(unitCode) ?? []).concat(count));
  }
  const details: UnitDetail[] = [];
  const notCounted: OrgUnit[] = [];
  for (const unit of exported) {
    const snapshot = snapshots.get(unit.id);
    if (!snapshot) {
      notCounted.push(unit);
      continue;
    }
    const own = countsOf.get(unit.id) ?? [];
    for (const point of snapshot.points) {
      const at = periods.indexOf(point.period);
      const inputs = keptInputs(
        point.period,
        own,
        results[at]!.filter((result) => result.unitCode === unit.id),
        evaluations[at]!.filter((evaluation) => evaluation.unitCode === unit.id),
      );
      details.push({ unitCode: unit.id, unitName: unit.name, period: point.period, schemeVersion: scheme.version, countedAt: snapshot.countedAt, ...scoreUnit(scheme, inputs) });
    }
  }
  const scope = unitCode === undefined ? undefined : exported[0];
  return { scheme, ...(scope ? { scope } : {}), details, notCounted };
}
