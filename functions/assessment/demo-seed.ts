import { DEMO_ACCOUNTS, DEMO_EVALUATOR, demoMembers } from '../../scripts/local/demo-data';
import type { Member } from '../../shared/api/identity-model';
import type { Caller } from '../../shared/runtime/session';
import { auditOf } from './audit';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { currentPeriod, periodRange, periodsOf } from './periods';
import { countSnapshotBatch, snapshotPlan } from './snapshot-run';
import { STARTER_INDICATORS } from './starter-scheme';
import { putEvaluation, putSurvey, recordResponse, saveScheme, schemeHead, writeResults } from './store';

/**
 * A year of assessment for the two demo bureaus, for `npm start`: this year's scheme (saved before the year began,
 * so it is frozen now), business results of each finished quarter imported for both bureaus, the evaluator's
 * scores of finished quarters, and a satisfaction survey each quarter — this quarter's still open, with too few
 * answers in some branches to be shown. Platform indicators come from the other capabilities' demo data (which
 * covers recent months only: earlier quarters state "no data" for those). Everything goes through this
 * capability's store, audit entries included. Idempotent: nothing is written when this year's scheme exists.
 */

const asCaller = (member: Member): Caller => ({ userId: member.userId, name: member.name, roles: member.roles, branchId: member.branchId, category: member.category });
const ADMIN = asCaller(DEMO_ACCOUNTS.find((account) => account.roles.includes('admin'))!);
const EVALUATOR = asCaller(DEMO_EVALUATOR);

/** Quarterly business results per bureau: two bureaus of different fortunes, improving over the year. */
const RESULTS: Record<string, Record<string, number[]>> = {
  songling: { 'biz-fire-incidents': [1, 3, 0, 0], 'biz-protected-area': [268000, 268500, 270200, 271000], 'biz-output-value': [2100, 3900, 4300, 3000], 'biz-safety-incidents': [0, 1, 0, 0] },
  xinlin: { 'biz-fire-incidents': [2, 4, 1, 0], 'biz-protected-area': [231000, 231000, 233800, 235000], 'biz-output-value': [1700, 2600, 3100, 2400], 'biz-safety-incidents': [1, 1, 0, 0] },
};
const THIRD_PARTY: Record<string, number[]> = { songling: [78, 82, 86, 0], xinlin: [70, 72, 79, 0], 'songling-zhuangzhi': [80, 84, 88, 0], 'xinlin-cuigang': [68, 71, 77, 0] };
const QUESTIONS = [
  { id: 'q1', text: '支部组织生活是否解决了实际问题' },
  { id: 'q2', text: '反映的困难和意见是否得到及时回应' },
  { id: 'q3', text: '支部工作对本单位生产经营的帮助' },
];

export async function seedAssessmentDemo(now = new Date()): Promise<string> {
  const period = currentPeriod(now);
  const year = period.slice(0, 4);
  if (await schemeHead(year)) return 'already seeded';
  const yearStart = new Date(Date.parse(periodRange(`${year}-Q1`).from) - 12 * 86_400_000);
  await saveScheme(
    { year, version: 1, indicators: STARTER_INDICATORS, savedBy: ADMIN.name, savedAt: yearStart.toISOString(), note: '年度考核指标方案（党委会审定）' },
    0,
    auditOf(ADMIN, 'scheme-saved', `${year} 年度指标方案 第 1 版`, undefined, STARTER_INDICATORS, yearStart),
  );

  const begun = periodsOf(year).filter((candidate) => candidate <= period);
  const finished = begun.filter((candidate) => candidate < period);
  for (const [index, quarter] of finished.entries()) {
    const importedAt = new Date(Date.parse(periodRange(quarter).to) + 10 * 86_400_000);
    const at = new Date(Math.min(importedAt.getTime(), now.getTime()));
    await writeResults(
      Object.entries(RESULTS).flatMap(([unitCode, values]) =>
        Object.entries(values).map(([indicatorCode, byQuarter]) => ({
          result: { period: quarter, unitCode, indicatorCode, value: byQuarter[index]!, importId: `demo-${quarter}`, by: ADMIN.userId, at: at.toISOString() },
          audit: auditOf(ADMIN, 'results-imported', `经营数据 ${unitCode} ${quarter} ${indicatorCode}`, undefined, String(byQuarter[index]), at),
        })),
      ),
    );
    for (const [unitCode, scores] of Object.entries(THIRD_PARTY)) {
      const evaluation = { unitCode, period: quarter, indicatorCode: 'third-party', score: scores[index]!, comment: `${quarter} 查阅组织生活记录、意见办理台账和经营数据后评分`, evaluator: EVALUATOR.name, at: at.toISOString() };
      await putEvaluation(evaluation, auditOf(EVALUATOR, 'evaluation-scored', `评估评分 ${unitCode} ${quarter} 第三方评估`, undefined, { score: evaluation.score, comment: evaluation.comment }, at));
    }
  }

  const members = demoMembers().filter((member) => /^m\d+$/.test(member.userId));
  for (const [index, quarter] of begun.entries()) {
    const range = periodRange(quarter);
    const closesAt = quarter === period ? new Date(Date.parse(range.to) + 15 * 86_400_000).toISOString() : range.to;
    await putSurvey({ period: quarter, questions: QUESTIONS, opensAt: range.from, closesAt }, auditOf(ADMIN, 'survey-set', `${quarter} 满意度调查`, undefined, QUESTIONS, new Date(range.from)));
    // Most members answer in finished quarters; in the current one only some branches have reached the threshold.
    const answering = members.filter((_, serial) => (quarter === period ? serial % 12 < (serial % 24 < 12 ? 6 : 3) : serial % 12 < 7));
    for (const [serial, member] of answering.entries()) {
      const mood = 3 + ((serial + index) % 3 === 0 ? 0 : 1) + (index >= 2 && serial % 4 === 0 ? 1 : 0);
      await recordResponse(quarter, member.userId, member.branchId, { q1: Math.min(5, mood), q2: Math.min(5, mood + (serial % 2)), q3: Math.max(1, mood - 1) });
    }
  }
  return `${year} 年度方案、${finished.length} 个季度的经营数据和评估评分、${begun.length} 期满意度调查`;
}

/**
 * The committee's view for `npm start`: every unit's snapshot, counted by the snapshot job's own units run here in
 * turn (the work queue does not run while the demo is seeded). Seeded after every capability's demo data, and
 * counted again at each start, so the view shows the demo as it is; the nightly job and "重新统计" do the same later.
 */
export async function seedAssessmentSnapshots(now = new Date()): Promise<string> {
  const year = currentPeriod(now).slice(0, 4);
  if (!(await schemeHead(year))) return `${year} 年度没有指标方案，未统计`;
  const runId = `demo.${now.toISOString().replace(/[-:.]/g, '')}`;
  const plan = snapshotPlan(year, await organisationUnits());
  const counted = { branches: 0, bureaus: 0 };
  for (const { input } of plan) {
    const done = await countSnapshotBatch(runId, input, now);
    counted.branches += done.branches;
    counted.bureaus += done.bureaus;
  }
  return `${year} 年度考核快照：${counted.bureaus} 个林业局、${counted.branches} 个支部`;
}
