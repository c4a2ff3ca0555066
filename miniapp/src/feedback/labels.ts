import {
  CATEGORY_LABELS,
  FEATURES,
  METRICS,
  ROLE_LABELS,
  type Actor,
  type Evidence,
  type FeatureKey,
  type Group,
  type GuardrailBasis,
  type MemberCategory,
  type Rule,
  type RuleAction,
  type ToggleSettings,
} from '@shared/api';
import { beijingParts, pad } from '../services/beijing-time';

/** Words for the feedback pages: how toggles, rules, evidence and changes read to an admin. */

export const featureName = (feature: FeatureKey | '*') => (feature === '*' ? '所有功能' : FEATURES[feature]);

/** `2026-05-10T03:04:00Z` → `05-10 11:04` (Asia/Shanghai, which has no daylight saving). */
export function shanghaiTime(iso: string): string {
  const t = beijingParts(iso);
  return `${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

export function toggleStatus(toggle: ToggleSettings): string {
  if (toggle.killSwitch) return '已暂停';
  if (!toggle.enabled) return '已关闭';
  const { targeting } = toggle;
  const limited = targeting.branches.length + targeting.categories.length + targeting.roles.length + targeting.excludedBranches.length + targeting.excludedCategories.length > 0;
  if (toggle.rolloutPercent < 100) return `开放 ${toggle.rolloutPercent}%${limited ? '（限定范围）' : ''}`;
  return limited ? '部分开放' : '全部开放';
}

const list = (items: readonly string[]) => items.join('、');

/** `branchName` turns a branch id into its name (the org tree's), so no id reaches the screen. */
export function targetingText(toggle: ToggleSettings, branchName: (id: string) => string): string {
  const { branches, categories, roles, excludedBranches, excludedCategories } = toggle.targeting;
  const parts = [
    categories.length > 0 ? `类别：${list(categories.map((c) => CATEGORY_LABELS[c]))}` : '',
    roles.length > 0 ? `角色：${list(roles.map((r) => ROLE_LABELS[r]))}` : '',
    branches.length > 0 ? `支部：${list(branches.map(branchName))}` : '',
    excludedCategories.length > 0 ? `排除类别：${list(excludedCategories.map((c) => CATEGORY_LABELS[c]))}` : '',
    excludedBranches.length > 0 ? `排除支部：${list(excludedBranches.map(branchName))}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('；') : '面向全体党员';
}

export function actorText(actor: Actor): string {
  return actor.kind === 'admin' ? `管理员 ${actor.name}` : `规则「${actor.ruleName}」`;
}

export function groupText(group: Group): string {
  if (group.kind === 'all') return '全体';
  if (group.kind === 'category') return CATEGORY_LABELS[group.value as MemberCategory] ?? String(group.value);
  return `支部 ${String(group.value)}`;
}

const windowText = (window: { unit: 'hour' | 'day'; size: number }) => `近 ${window.size} ${window.unit === 'hour' ? '小时' : '天'}`;

export function actionText(action: RuleAction): string {
  switch (action.type) {
    case 'pause':
      return '自动暂停并通知管理员';
    case 'disable':
      return '建议对该群体关闭';
    case 'step-up':
      return `建议开放比例提高到 ${action.percent}%`;
    case 'hide-from-home':
      return '建议移出该类别首页';
  }
}

export function ruleText(rule: Rule): string {
  const grouping = rule.groupBy === 'all' ? '' : `，按${rule.groupBy === 'category' ? '党员类别' : '支部'}分别统计`;
  return `${featureName(rule.feature)}：${METRICS[rule.metric].label} ${rule.comparator} ${rule.threshold}（${windowText(rule.window)}，${METRICS[rule.metric].sample}至少 ${rule.minSample}${grouping}）→ ${actionText(rule.action)}`;
}

const BASIS_LABELS: Record<GuardrailBasis, string> = {
  'server-errors': '服务器也记录到错误，已自动暂停',
  'many-members': '大量党员报告错误，已自动暂停',
  members: '达到最少党员人数，已自动暂停',
  unconfirmed: '仅有党员报告、服务器未证实，未自动暂停',
};

/** The figures behind an error-rate finding: members (each counted once) and the server's own errors. */
function memberLines(evidence: Evidence): Array<{ label: string; value: string }> {
  const lines: Array<{ label: string; value: string }> = [];
  if (evidence.members !== undefined && evidence.errorMembers !== undefined) {
    const period = evidence.window.unit === 'hour' ? '小时' : '天';
    lines.push({ label: '涉及党员', value: `${evidence.members} 人打开，${evidence.errorMembers} 人遇到错误（每人每${period}只计一次）` });
  }
  if (evidence.serverErrors !== undefined) lines.push({ label: '服务器错误', value: `${evidence.serverErrors} 次` });
  if (evidence.basis) lines.push({ label: '判断依据', value: BASIS_LABELS[evidence.basis] });
  return lines;
}

/** The evidence of a proposal or a rule's change, one line per fact: why it fired first, then the figures. */
export function evidenceLines(evidence: Evidence): Array<{ label: string; value: string }> {
  return [
    ...(evidence.reason ? [{ label: '原因', value: evidence.reason }] : []),
    { label: '指标', value: `${METRICS[evidence.metric].label} ${evidence.value}（阈值 ${evidence.comparator} ${evidence.threshold}）` },
    { label: '样本', value: `${evidence.sample}（${METRICS[evidence.metric].sample}，至少 ${evidence.minSample}）` },
    ...memberLines(evidence),
    { label: '统计窗口', value: `${windowText(evidence.window)}：${evidence.window.from} 至 ${evidence.window.to}` },
    { label: '群体', value: groupText(evidence.group) },
    { label: '当时开放比例', value: `${evidence.rolloutPercent}%` },
    { label: '评估时间', value: shanghaiTime(evidence.evaluatedAt) },
  ];
}

/** What changed between two toggle settings, in words. */
export function changeText(before: ToggleSettings, after: ToggleSettings, branchName: (id: string) => string): string {
  const changes: string[] = [];
  if (before.enabled !== after.enabled) changes.push(after.enabled ? '开启' : '关闭');
  if (before.killSwitch !== after.killSwitch) changes.push(after.killSwitch ? '紧急暂停' : '解除暂停');
  if (before.rolloutPercent !== after.rolloutPercent) changes.push(`开放比例 ${before.rolloutPercent}% → ${after.rolloutPercent}%`);
  const beforeTargets = targetingText(before, branchName);
  const afterTargets = targetingText(after, branchName);
  if (beforeTargets !== afterTargets) changes.push(`范围：${beforeTargets} → ${afterTargets}`);
  return changes.length > 0 ? changes.join('；') : '未改变设置';
}
