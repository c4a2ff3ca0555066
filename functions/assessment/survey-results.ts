import type { SurveyResult } from '../../shared/api/assessment';
import type { Tally } from './store';

type BranchResult = SurveyResult['branches'][number];

/**
 * A branch's satisfaction from its tally: averages per question and overall (1–5, one decimal) only when at least
 * `threshold` members answered — below that, a few answers could be traced back to the people who gave them, so
 * only the count is shown, with the reason.
 */
export function branchSurveyResult(
  branch: { id: string; name: string },
  tally: Tally | undefined,
  questionIds: readonly string[],
  threshold: number,
): BranchResult {
  const responses = tally?.responses ?? 0;
  const base = { branchId: branch.id, branchName: branch.name, responses };
  if (!tally || responses < threshold) {
    return { ...base, shown: false, withheldReason: `回答不足 ${threshold} 份，为保护匿名不显示结果` };
  }
  const averages = questionIds.map((questionId) => ({ questionId, average: round1((tally.sums[questionId] ?? 0) / responses) }));
  const overall = round1(averages.reduce((sum, item) => sum + item.average, 0) / Math.max(1, averages.length));
  return { ...base, shown: true, averages, overall };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Satisfaction as a share (0–100) of the best answer, for the satisfaction indicator: 1 → 0, 5 → 100. */
export const satisfactionPercent = (overall: number) => Math.round(((overall - 1) / 4) * 1000) / 10;
