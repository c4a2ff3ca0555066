import type { PlatformMetric } from '../../shared/api/assessment';
import type { OrgUnit } from '../../shared/api/identity-model';
import { config } from '../../shared/runtime/config';
import { studyRequirementMet } from '../course-push/assessment-reads';
import { duesPaidOnTime } from '../dues/assessment-reads';
import { meetingsHeldAsDue } from '../org-life/assessment-reads';
import { participationOfSignedUp } from '../signup/assessment-reads';
import { suggestionHandling } from '../suggestion-box/assessment-reads';
import { periodMonths, periodRange } from './periods';
import type { Reading } from './scoring';
import { branchTallies, surveyOf, surveyTallies } from './store';
import { satisfactionPercent } from './survey-results';

/**
 * The party-work indicators the platform computes per branch and period, read through each capability's
 * exported read (functions/<capability>/assessment-reads.ts), never its internals. A figure is a count over a
 * count, so a bureau's figure sums its branches' counts (not an average of their shares). A figure with nothing
 * to count is missing with its reason — never zero.
 */

export interface Figure {
  numerator: number;
  denominator: number;
  /** Satisfaction only: how many members answered (the denominator counts their answers to every question). */
  responses?: number;
}
export type BranchFigures = Partial<Record<PlatformMetric, Figure>>;

/** What each metric counts and how a value follows from the counts. */
const METRICS: Record<PlatformMetric, { value: (figure: Figure) => number; evidence: (figure: Figure) => string; empty: string }> = {
  'dues-on-time': { value: percent, evidence: (f) => `按时缴纳 ${f.numerator} 笔 / 应缴 ${f.denominator} 笔`, empty: '本期没有应缴党费的账单' },
  'organisation-life': { value: percent, evidence: (f) => `按时召开 ${f.numerator} 次 / 应召开 ${f.denominator} 次`, empty: '本期没有已到期的组织生活（按本支部的会议周期）' },
  'study-requirement': { value: percent, evidence: (f) => `达到进度要求 ${f.numerator} 人 / 党员 ${f.denominator} 人`, empty: '本单位没有党员' },
  'suggestions-replied': { value: percent, evidence: (f) => `按时答复 ${f.numerator} 条 / 收到 ${f.denominator} 条`, empty: '本期没有收到意见建议' },
  'handling-rating': { value: (f) => round1(f.numerator / f.denominator), evidence: (f) => `${f.denominator} 条评价，平均 ${round1(f.numerator / f.denominator)} 分（满分 5 分）`, empty: '本期没有党员评价办理情况' },
  participation: { value: percent, evidence: (f) => `参加 ${f.numerator} 人次 / 报名成功 ${f.denominator} 人次`, empty: '本期没有需要签到的报名活动' },
  satisfaction: {
    value: (f) => satisfactionPercent(f.numerator / f.denominator),
    evidence: (f) => `满意度调查 ${f.responses ?? 0} 人回答，平均 ${round1(f.numerator / f.denominator)} 分（1–5 分）`,
    empty: '本期没有满意度调查回答',
  },
};

function percent(figure: Figure): number {
  return round1((figure.numerator / figure.denominator) * 100);
}
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The figures of one branch for each period of a year that has begun (`until`: the period's end, or now). */
export async function branchFigures(branchId: string, periods: ReadonlyArray<{ period: string; until: string }>): Promise<Map<string, BranchFigures>> {
  const year = Number(periods[0]?.period.slice(0, 4));
  const study = periods.length === 0 ? [] : await studyRequirementMet(branchId, year, periods.map(({ period, until }) => ({ quarter: Number(period.slice(6)), until })));
  const figures = new Map<string, BranchFigures>();
  for (const [index, { period, until }] of periods.entries()) {
    const range = { from: periodRange(period).from, to: until };
    const [dues, suggestions, participation, orgLife] = await Promise.all([
      duesPaidOnTime(branchId, periodMonths(period)),
      suggestionHandling(branchId, range, config().SUGGESTION_REPLY_DAYS),
      participationOfSignedUp(branchId, range),
      meetingsHeldAsDue(branchId, range),
    ]);
    figures.set(period, {
      'dues-on-time': { numerator: dues.onTime, denominator: dues.due },
      'study-requirement': { numerator: study[index]!.met, denominator: study[index]!.members },
      'suggestions-replied': { numerator: suggestions.repliedInTime, denominator: suggestions.received },
      'handling-rating': { numerator: suggestions.ratingSum, denominator: suggestions.ratings },
      participation: { numerator: participation.attended, denominator: participation.confirmed },
      'organisation-life': { numerator: orgLife.held, denominator: orgLife.due },
    });
  }
  return figures;
}

/**
 * Satisfaction per branch and period from the survey tallies: the sum of all answers over the answers given.
 * A unit's figure counts only when at least SURVEY_MIN_RESPONSES members answered (see unitReadings). Without
 * `branchIds`, every branch that has a tally; with them, only those (a snapshot unit's few branches).
 */
export async function satisfactionFigures(period: string, branchIds?: readonly string[]): Promise<Map<string, Figure>> {
  const survey = await surveyOf(period);
  if (!survey) return new Map();
  const tallies = branchIds ? await branchTallies(period, branchIds) : await surveyTallies(period);
  return new Map(
    tallies.map((tally) => {
      const sum = survey.questions.reduce((total, question) => total + (tally.sums[question.id] ?? 0), 0);
      return [tally.branchId, { numerator: sum, denominator: tally.responses * survey.questions.length, responses: tally.responses }];
    }),
  );
}

/**
 * A unit's readings of every platform metric: the sum of its branches' counts (`members`: the branch itself, or a
 * bureau's branches). Satisfaction comes from `satisfaction` when given there, else from the branch's figures.
 */
export function unitReadings(
  members: readonly string[],
  figures: ReadonlyMap<string, BranchFigures | undefined>,
  satisfaction: ReadonlyMap<string, Figure>,
): Map<PlatformMetric, Reading & { evidence: string }> {
  const readings = new Map<PlatformMetric, Reading & { evidence: string }>();
  for (const metric of Object.keys(METRICS) as PlatformMetric[]) {
    const rule = METRICS[metric];
    const total = { numerator: 0, denominator: 0, responses: 0 };
    for (const branchId of members) {
      const answered = metric === 'satisfaction' ? satisfaction.get(branchId) : undefined;
      const figure = answered ?? figures.get(branchId)?.[metric];
      if (!figure) continue;
      total.numerator += figure.numerator;
      total.denominator += figure.denominator;
      total.responses += figure.responses ?? 0;
    }
    const threshold = config().SURVEY_MIN_RESPONSES;
    if (metric === 'satisfaction' && total.responses > 0 && total.responses < threshold) {
      readings.set(metric, { missingReason: `满意度回答不足 ${threshold} 份，为保护匿名不计算`, evidence: `回答不足 ${threshold} 份` });
    } else if (total.denominator === 0) {
      readings.set(metric, { missingReason: rule.empty, evidence: rule.empty });
    } else {
      readings.set(metric, { value: rule.value(total), evidence: rule.evidence(total) });
    }
  }
  return readings;
}
