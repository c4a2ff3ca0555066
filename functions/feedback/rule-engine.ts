import { createHash } from 'node:crypto';
import { FEATURE_KEYS, type FeatureKey } from '../../shared/api/features';
import type { Comparator, Evidence, Group, Rule, RuleInput, RuleWindow, ToggleSettings, ToggleState } from '../../shared/api/feedback';
import type { ErrorDetail } from '../../shared/api/errors';
import { MEMBER_CATEGORIES } from '../../shared/api/identity-model';
import { shanghaiDay, utcHour, type Counters } from '../../shared/runtime/feedback-signals';
import type { CapabilityKey } from '../../shared/api/capabilities';
import { GUARDRAIL_MIN_MEMBERS, guardrailBasis, reasonText } from './guardrail';
import { metricValue, sumRows } from './metrics';
import { hiddenAfter, isCapability, toggleAfter } from './rule-actions';

/** The rule engine: pure functions from rules, aggregate rows and current toggles to findings and outcomes. */

export const MAX_HOUR_WINDOW = 48;

/** Problems of a rule beyond its schema (combinations that cannot be evaluated), as error details. */
export function ruleProblems(rule: RuleInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
  if (rule.window.unit === 'hour' && rule.window.size > MAX_HOUR_WINDOW) add('window.size', `按小时统计的窗口最长 ${MAX_HOUR_WINDOW} 小时`);
  if (rule.window.unit === 'hour' && rule.groupBy === 'branch') add('groupBy', '按小时统计时只能按全体或党员类别分组');
  if ((rule.action.type === 'pause' || rule.action.type === 'step-up') && rule.groupBy !== 'all') add('groupBy', '暂停和提高开放比例作用于全体，分组方式应为“全体”');
  if (rule.action.type === 'pause' && rule.minSample < GUARDRAIL_MIN_MEMBERS) add('minSample', `自动暂停至少要依据 ${GUARDRAIL_MIN_MEMBERS} 名党员的数据，最小样本量不能小于 ${GUARDRAIL_MIN_MEMBERS}`);
  if (rule.action.type === 'hide-from-home') {
    if (rule.groupBy !== 'category') add('groupBy', '移出首页按党员类别进行，分组方式应为“党员类别”');
    if (rule.feature !== '*' && !isCapability(rule.feature)) add('feature', '只有首页上的功能才能移出首页');
  }
  if (rule.metric === 'error-rate' && rule.threshold > 100) add('threshold', '错误率的阈值应在 0–100（%）之间');
  if (rule.metric === 'avg-rating' && rule.threshold > 5) add('threshold', '平均评分的阈值应在 0–5 之间');
  return problems;
}

/** The features a rule looks at: one, or every feature (every home entry for home-page rules). */
export function featuresOf(rule: Pick<Rule, 'feature' | 'action'>): FeatureKey[] {
  if (rule.feature !== '*') return [rule.feature];
  return rule.action.type === 'hide-from-home' ? FEATURE_KEYS.filter(isCapability) : [...FEATURE_KEYS];
}

export interface WindowBounds {
  grain: 'hour-category' | 'day-category' | 'day-branch';
  /** First and last period keys (inclusive): UTC hours or Shanghai days. */
  from: string;
  to: string;
}

/**
 * The periods a window covers. "The last N hours" takes the current hour and the N before it (whole hours
 * are what is counted), "the last N days" today and the N-1 days before it.
 */
export function windowBounds(window: RuleWindow, groupBy: Rule['groupBy'], now: Date): WindowBounds {
  if (window.unit === 'hour') return { grain: 'hour-category', from: utcHour(new Date(now.getTime() - window.size * 3_600_000)), to: utcHour(now) };
  return {
    grain: groupBy === 'branch' ? 'day-branch' : 'day-category',
    from: shanghaiDay(new Date(now.getTime() - (window.size - 1) * 86_400_000)),
    to: shanghaiDay(now),
  };
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

export interface Row {
  branchId?: string;
  /** Absent on the server's row (server errors): part of "everyone", of no category or branch. */
  category?: string;
  counters: Counters;
}

const inGroup = (group: Group) => (row: Row) =>
  group.kind === 'all' || (group.kind === 'category' ? row.category === group.value : row.branchId === group.value);

function groupsOf(groupBy: Rule['groupBy'], rows: readonly Row[]): Group[] {
  if (groupBy === 'all') return [{ kind: 'all' }];
  if (groupBy === 'category') return MEMBER_CATEGORIES.map((value) => ({ kind: 'category', value }));
  const branches = new Set(rows.map((row) => row.branchId).filter((id): id is string => id !== undefined));
  return [...branches].sort().map((value) => ({ kind: 'branch', value }));
}

export interface Finding {
  feature: FeatureKey;
  group: Group;
  evidence: Evidence;
}

/**
 * Where a rule holds for one feature: one finding per group whose metric crosses the threshold on a
 * sample of at least `minSample`. `rows` are the feature's aggregates in the window; `activity` every
 * feature's (used as the sample of "opens", and to know which branches exist).
 */
export function evaluateRule(
  rule: Rule,
  feature: FeatureKey,
  input: { rows: readonly Row[]; activity: readonly Row[]; rolloutPercent: number; bounds: WindowBounds },
  now: Date,
): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupsOf(rule.groupBy, [...input.rows, ...input.activity])) {
    const member = inGroup(group);
    const sums = sumRows(input.rows.filter(member));
    const activity = sumRows(input.activity.filter(member)).opens;
    const { value, sample } = metricValue(rule.metric, sums, activity);
    // A pause acts for everyone: also rules saved before the floor existed need that many members.
    const minimum = rule.action.type === 'pause' ? Math.max(rule.minSample, GUARDRAIL_MIN_MEMBERS) : rule.minSample;
    if (value === null || sample < minimum || !compare(value, rule.comparator, rule.threshold)) continue;
    const basis = guardrailBasis(rule, sums);
    findings.push({
      feature,
      group,
      evidence: {
        metric: rule.metric,
        value,
        comparator: rule.comparator,
        threshold: rule.threshold,
        sample,
        minSample: rule.minSample,
        window: { unit: rule.window.unit, size: rule.window.size, from: input.bounds.from, to: input.bounds.to },
        group,
        rolloutPercent: input.rolloutPercent,
        evaluatedAt: now.toISOString(),
        ...(rule.metric === 'error-rate' ? { members: sums.openedMembers, errorMembers: sums.errorMembers, serverErrors: sums.serverErrors } : {}),
        ...(basis ? { basis } : {}),
        reason: reasonText(rule, feature, { sums, value, sample, ...(basis ? { basis } : {}) }),
      },
    });
  }
  return findings;
}

export type Outcome =
  | { kind: 'pause'; next: ToggleSettings }
  | { kind: 'propose' }
  | { kind: 'none'; reason: 'no-change' | 'admin-recently-resumed' };

/**
 * What to do with a finding. A guardrail pauses at once — unless an admin lifted a pause within the rule's
 * window (the errors that caused it are still in the window; their decision stands until it has passed), or
 * what it rests on is unconfirmed (members' error reports only, from too few members): then it is proposed.
 * Other actions become proposals when applying them would change something.
 */
export function outcomeOf(
  rule: Rule,
  finding: Finding,
  toggle: ToggleState,
  hidden: readonly CapabilityKey[],
  now: Date,
): Outcome {
  if (rule.action.type === 'pause' && finding.evidence.basis !== 'unconfirmed') {
    const windowMs = rule.window.size * (rule.window.unit === 'hour' ? 3_600_000 : 86_400_000);
    if (toggle.resumedAt && Date.parse(toggle.resumedAt) > now.getTime() - windowMs) return { kind: 'none', reason: 'admin-recently-resumed' };
    const next = toggleAfter(rule.action, finding.group, toggle);
    return next ? { kind: 'pause', next } : { kind: 'none', reason: 'no-change' };
  }
  const changes = rule.action.type === 'hide-from-home' ? hiddenAfter(rule.action, finding.feature, hidden) : toggleAfter(rule.action, finding.group, toggle);
  return changes ? { kind: 'propose' } : { kind: 'none', reason: 'no-change' };
}

/** One proposal per rule, feature and group: the same condition refreshes it instead of piling up copies. */
export function proposalId(ruleId: string, feature: FeatureKey, group: Group): string {
  return createHash('sha256').update(`${ruleId}|${feature}|${group.kind}|${group.value ?? ''}`).digest('hex').slice(0, 24);
}
