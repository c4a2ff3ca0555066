import type { CommitteeView, Evaluation, IndexPoint, IndicatorScore, PlatformMetric, UnitDetail } from '../../shared/api/assessment';
import type { OrgUnit } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { periodBegun, periodRange, periodsOf, yearOfPeriod } from './periods';
import { branchesOfUnit, branchFigures, satisfactionFigures, unitReadings, type BranchFigures } from './platform-sources';
import { requireScheme } from './scheme';
import { scoreScheme, type Reading } from './scoring';
import { unitSnapshots } from './snapshot-store';
import { periodEvaluations, periodResults, type StoredResult, type StoredScheme } from './store';

/**
 * The committee's view: for each bureau and branch and each period of a year that has begun, the party-work index
 * beside the business index (each with the share of its weight that had data), read from the units' snapshots;
 * and for one unit and period the drill-down to every indicator's value, score, evidence and the evaluator's own
 * score, computed live (one unit's sources). Units are organisations, never people.
 */

interface PeriodData {
  period: string;
  figures: Map<string, BranchFigures | undefined>;
  satisfaction: Awaited<ReturnType<typeof satisfactionFigures>>;
  results: StoredResult[];
  evaluations: Evaluation[];
}

/** Units shown: the bureaus (companies) and their branches, bureau first. */
export function assessedUnits(units: readonly OrgUnit[]): OrgUnit[] {
  const companies = units.filter((unit) => unit.kind === 'company').sort((a, b) => a.id.localeCompare(b.id));
  return companies.flatMap((company) => [company, ...units.filter((unit) => unit.kind === 'branch' && unit.parentId === company.id).sort((a, b) => a.id.localeCompare(b.id))]);
}

async function periodsData(periods: readonly string[], branches: readonly OrgUnit[], now: Date): Promise<PeriodData[]> {
  const cutoffs = periods.map((period) => ({ period, until: new Date(Math.min(Date.parse(periodRange(period).to), now.getTime())).toISOString() }));
  const byBranch = new Map<string, Map<string, BranchFigures>>();
  for (const branch of branches) byBranch.set(branch.id, await branchFigures(branch.id, cutoffs));
  const data: PeriodData[] = [];
  for (const period of periods) {
    data.push({
      period,
      figures: new Map(branches.map((branch) => [branch.id, byBranch.get(branch.id)?.get(period)])),
      satisfaction: await satisfactionFigures(period),
      results: await periodResults(period),
      evaluations: await periodEvaluations(period),
    });
  }
  return data;
}

/** What scoring one unit in one period takes: its platform readings and its own results and evaluations. */
export interface UnitInputs {
  period: string;
  platform: Map<PlatformMetric, Reading & { evidence: string }>;
  results: readonly StoredResult[];
  evaluations: readonly Evaluation[];
}

/** A unit's inputs from a period's data read for every unit at once (the drill-down and the exports). */
function inputsFrom(unit: OrgUnit, branches: readonly OrgUnit[], data: PeriodData): UnitInputs {
  return {
    period: data.period,
    platform: unitReadings(branchesOfUnit(unit, branches), data.figures, data.satisfaction),
    results: data.results.filter((result) => result.unitCode === unit.id),
    evaluations: data.evaluations.filter((evaluation) => evaluation.unitCode === unit.id),
  };
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

export async function unitDetail(unitCode: string, period: string, now = new Date()): Promise<UnitDetail> {
  const scheme = await requireScheme(yearOfPeriod(period));
  const units = await organisationUnits();
  const unit = assessedUnits(units).find((candidate) => candidate.id === unitCode);
  if (!unit) throw new AppError(404, 'NOT_FOUND', `没有找到考核单位 ${unitCode}`);
  if (!periodBegun(period, now)) throw new AppError(404, 'NOT_FOUND', `考核期 ${period} 还没有开始`);
  const branches = units.filter((candidate) => candidate.kind === 'branch');
  const relevant = unit.kind === 'branch' ? [unit] : branches.filter((branch) => branch.parentId === unit.id);
  const [data] = await periodsData([period], relevant, now);
  const { point, indicators } = scoreUnit(scheme, inputsFrom(unit, branches, data!));
  return { unitCode: unit.id, unitName: unit.name, period, schemeVersion: scheme.version, point, indicators };
}

/** Every unit's indicators for every begun period of a year (the CSV and PDF exports). */
export async function yearDetails(year: string, now = new Date()): Promise<{ scheme: StoredScheme; details: UnitDetail[] }> {
  const scheme = await requireScheme(year);
  const units = await organisationUnits();
  const branches = units.filter((unit) => unit.kind === 'branch');
  const data = await periodsData(periodsOf(year).filter((period) => periodBegun(period, now)), branches, now);
  const details = assessedUnits(units).flatMap((unit) =>
    data.map((periodData) => ({ unitCode: unit.id, unitName: unit.name, period: periodData.period, schemeVersion: scheme.version, ...scoreUnit(scheme, inputsFrom(unit, branches, periodData)) })),
  );
  return { scheme, details };
}
