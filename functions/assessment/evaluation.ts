import { randomUUID } from 'node:crypto';
import type { Evaluation } from '../../shared/api/assessment';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { auditOf } from './audit';
import { periodBegun, yearOfPeriod } from './periods';
import { requireScheme } from './scheme';
import { requestRescore } from './snapshot-run';
import { markSnapshotsStale } from './snapshot-store';
import { evaluationAt, putEvaluation } from './store';

/**
 * The independent evaluator's own score (0–100) and comment on one indicator of a unit and period. For an
 * indicator whose source is `evaluation` this is its value; for any other it stands beside the computed score in
 * the drill-down, so the committee sees where the third party disagrees. Every score is audited with the one it
 * replaced, and the unit is re-scored in the committee's view (snapshot-run.ts).
 */
export async function scoreIndicator(
  caller: Caller,
  input: { unitCode: string; period: string; indicatorCode: string; score: number; comment: string },
  now = new Date(),
): Promise<Evaluation> {
  if (!periodBegun(input.period, now)) throw badRequest([{ path: 'body.period', message: `考核期 ${input.period} 还没有开始` }]);
  const scheme = await requireScheme(yearOfPeriod(input.period));
  const indicator = scheme.indicators.find((candidate) => candidate.code === input.indicatorCode);
  if (!indicator) throw badRequest([{ path: 'body.indicatorCode', message: `指标编码 ${input.indicatorCode} 不在 ${scheme.year} 年度指标方案中` }]);
  if (indicator.source === 'group') throw new AppError(400, 'ASSESSMENT_INDICATOR_NOT_SCORABLE');
  if (!(await organisationUnits()).some((unit) => unit.id === input.unitCode)) {
    throw badRequest([{ path: 'body.unitCode', message: `单位编码 ${input.unitCode} 不存在` }]);
  }
  const before = await evaluationAt(input.period, input.unitCode, input.indicatorCode);
  const evaluation: Evaluation = { ...input, score: Math.round(input.score * 10) / 10, evaluator: caller.name, at: now.toISOString() };
  const target = `评估评分 ${input.unitCode} ${input.period} ${indicator.name}`;
  const shown = (value: Evaluation | undefined) => value && { score: value.score, comment: value.comment };
  await markSnapshotsStale(scheme.year, [input.unitCode], now.toISOString());
  await putEvaluation(evaluation, auditOf(caller, 'evaluation-scored', target, shown(before), shown(evaluation), now));
  await requestRescore(scheme.year, [input.unitCode], randomUUID(), now);
  return evaluation;
}
