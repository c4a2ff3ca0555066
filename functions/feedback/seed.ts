import type { CapabilityKey } from '../../shared/api/capabilities';
import type { RuleInput } from '../../shared/api/feedback';
import type { MemberCategory } from '../../shared/api/identity-model';
import { recordUsage } from '../../shared/runtime/feedback-signals';
import { demoMembers } from '../../shared/demo/demo-data';
import { seedFeedbackActivity } from './demo-activity';
import { refreshHomeUsage } from './evaluation';
import { createRule } from './rules';
import { listRules } from './store';

/** The rules the issue names, as an admin would set them up on day one. */
export const STARTER_RULES: RuleInput[] = [
  {
    name: '错误率过高自动暂停',
    feature: '*',
    metric: 'error-rate',
    comparator: '>',
    threshold: 5,
    window: { unit: 'hour', size: 1 },
    // Members who opened the feature in the window (each counts once), not opens: one member cannot reach it.
    minSample: 20,
    groupBy: 'all',
    action: { type: 'pause' },
    enabled: true,
  },
  {
    name: '评分偏低建议对该群体关闭',
    feature: '*',
    metric: 'avg-rating',
    comparator: '<',
    threshold: 3,
    window: { unit: 'day', size: 7 },
    minSample: 20,
    groupBy: 'category',
    action: { type: 'disable' },
    enabled: true,
  },
  {
    name: '好评较多建议扩大开放比例',
    feature: '*',
    metric: 'avg-rating',
    comparator: '>=',
    threshold: 4.2,
    window: { unit: 'day', size: 7 },
    minSample: 50,
    groupBy: 'all',
    action: { type: 'step-up', percent: 50 },
    enabled: true,
  },
  {
    name: '30 天无人使用建议移出首页',
    feature: '*',
    metric: 'opens',
    comparator: '<=',
    threshold: 0,
    window: { unit: 'day', size: 30 },
    minSample: 30,
    groupBy: 'category',
    action: { type: 'hide-from-home' },
    enabled: true,
  },
];

/** Demo usage over the last weeks: rangers mostly study and sign up, office staff mostly pay dues and suggest. */
const DEMO_USAGE: Array<{ branchId: string; category: MemberCategory; opens: Partial<Record<CapabilityKey, number>> }> = [
  { branchId: 'songling-zhuangzhi', category: 'ranger', opens: { courses: 9, signup: 7, dues: 3, suggestions: 2, feedback: 1 } },
  { branchId: 'xinlin-office', category: 'office', opens: { dues: 8, suggestions: 6, courses: 3, signup: 2, feedback: 1 } },
  { branchId: 'xinlin-retirees', category: 'retiree', opens: { dues: 5, courses: 4, signup: 1 } },
];

/**
 * Idempotent: seeds the starter rules and the demo usage once (a table with rules is left alone). `branchLife`
 * (npm start, not test tables) adds a fortnight of members opening features and rating them.
 */
export async function seedFeedback(now = new Date(), { branchLife = false }: { branchLife?: boolean } = {}): Promise<string> {
  if ((await listRules()).length > 0) return 'rules already there';
  for (const [index, rule] of STARTER_RULES.entries()) await createRule(rule, new Date(now.getTime() + index));
  const at = new Date(now.getTime() - 2 * 86_400_000);
  await Promise.all(
    DEMO_USAGE.flatMap(({ branchId, category, opens }) =>
      Object.entries(opens).map(([feature, count]) => recordUsage({ feature: feature as CapabilityKey, action: 'opened', branchId, category, count, at })),
    ),
  );
  const activity = branchLife ? await seedFeedbackActivity(demoMembers(), now) : undefined;
  await refreshHomeUsage(now);
  const lived = activity ? `, ${activity.members} members opening features, ${activity.ratings} ratings` : '';
  return `${STARTER_RULES.length} starter rules, demo usage for ${DEMO_USAGE.length} categories${lived}`;
}
