import { CAPABILITIES } from '../../shared/api/capabilities';
import { FEATURES, FEATURE_KEYS, type FeatureKey } from '../../shared/api/features';
import { METRICS, type EvaluationResult, type Proposal, type Rule, type ToggleSettings } from '../../shared/api/feedback';
import { MEMBER_CATEGORIES } from '../../shared/api/identity-model';
import { forgetFeatureConfig, loadFeatureConfig, type FeatureConfig } from '../../shared/runtime/feature-gate';
import { shanghaiDay } from '../../shared/runtime/feedback-signals';
import { logger } from '../../shared/runtime/logger';
import { NOTICE_LIMITS, sendNotice, type NoticeSender } from '../../shared/runtime/outbound';
import { AppError } from '../../shared/runtime/app-error';
import { HOME_USAGE_DAYS, usageByCategory } from './home-layout';
import { describeAction } from './rule-actions';
import { evaluateRule, featuresOf, outcomeOf, proposalId, windowBounds, type Finding, type WindowBounds } from './rule-engine';
import * as store from './store';
import { metricRows, type MetricRow } from './usage-store';
import { changeToggle, toggleOrDefault } from './toggles';

/** A decided proposal comes back (if the condition still holds) only after this long. */
const REOPEN_AFTER_MS = 7 * 86_400_000;

/** Reads each feature's rows once per evaluation, however many rules look at them. */
function rowReader() {
  const cache = new Map<string, Promise<MetricRow[]>>();
  return (feature: FeatureKey, bounds: WindowBounds) => {
    const key = `${feature}|${bounds.grain}|${bounds.from}|${bounds.to}`;
    let rows = cache.get(key);
    if (!rows) {
      rows = metricRows(feature, bounds.grain, bounds.from, bounds.to);
      cache.set(key, rows);
    }
    return rows;
  };
}

function guardrailNotice(rule: Rule, finding: Finding, admins: string[], version: number) {
  const name = FEATURES[finding.feature];
  const description = `「${name}」已自动暂停`;
  const { evidence } = finding;
  return {
    key: `guardrail#${finding.feature}#v${version}`,
    toUsers: admins,
    title: '功能自动暂停',
    description: [...description].length <= NOTICE_LIMITS.maxText ? description : '请查看调整记录',
    page: 'feedback/pages/audit/index',
    contentItems: [
      { key: '功能', value: name },
      { key: '规则', value: rule.name.slice(0, NOTICE_LIMITS.maxItemValue) },
      { key: '指标', value: `${METRICS[evidence.metric].label} ${evidence.value}` },
      { key: '样本', value: `${METRICS[evidence.metric].sample} ${evidence.sample}（至少 ${evidence.minSample}）`.slice(0, NOTICE_LIMITS.maxItemValue) },
      ...(evidence.serverErrors !== undefined ? [{ key: '服务器错误', value: `${evidence.serverErrors} 次` }] : []),
    ],
  };
}

interface Context {
  now: Date;
  config: FeatureConfig;
  sender: () => NoticeSender;
  rows: ReturnType<typeof rowReader>;
  admins?: Promise<string[]>;
  result: EvaluationResult;
}

async function pause(rule: Rule, finding: Finding, context: Context, next: ToggleSettings): Promise<void> {
  const current = toggleOrDefault(finding.feature, context.config.toggles[finding.feature]);
  try {
    const state = await changeToggle({
      feature: finding.feature,
      current,
      next,
      actor: { kind: 'rule', ruleId: rule.id, ruleName: rule.name },
      at: context.now,
      killReason: `规则「${rule.name}」自动暂停`,
      note: describeAction(rule.action, finding.feature, finding.group),
      evidence: finding.evidence,
    });
    context.config.toggles[finding.feature] = state;
    context.result.paused.push(finding.feature);
    context.admins ??= store.adminUserIds();
    const admins = await context.admins;
    if (admins.length > 0) await sendNotice(guardrailNotice(rule, finding, admins, state.version), context.sender(), context.now);
  } catch (error) {
    // Someone changed the toggle in between (an admin, or another copy of this job): the next run judges again.
    if (error instanceof AppError && error.code === 'TOGGLE_VERSION_CONFLICT') return;
    throw error;
  }
}

async function propose(rule: Rule, finding: Finding, context: Context): Promise<void> {
  const at = context.now.toISOString();
  const proposal: Proposal = {
    id: proposalId(rule.id, finding.feature, finding.group),
    ruleId: rule.id,
    ruleName: rule.name,
    feature: finding.feature,
    action: rule.action,
    summary: describeAction(rule.action, finding.feature, finding.group),
    evidence: finding.evidence,
    status: 'open',
    createdAt: at,
    updatedAt: at,
  };
  if (await store.upsertProposal(proposal, new Date(context.now.getTime() - REOPEN_AFTER_MS).toISOString())) context.result.proposed += 1;
}

async function evaluateOne(rule: Rule, context: Context): Promise<void> {
  const bounds = windowBounds(rule.window, rule.groupBy, context.now);
  const activity = rule.metric === 'opens' || rule.groupBy === 'branch' ? (await Promise.all(FEATURE_KEYS.map((f) => context.rows(f, bounds)))).flat() : [];
  for (const feature of featuresOf(rule)) {
    const toggle = toggleOrDefault(feature, context.config.toggles[feature]);
    const rows = await context.rows(feature, bounds);
    const findings = evaluateRule(rule, feature, { rows, activity, rolloutPercent: toggle.rolloutPercent, bounds }, context.now);
    for (const finding of findings) {
      const category = finding.group.kind === 'category' ? (finding.group.value as (typeof MEMBER_CATEGORIES)[number]) : undefined;
      const hidden = category ? (context.config.homes[category]?.hidden ?? []) : [];
      const outcome = outcomeOf(rule, finding, toggleOrDefault(feature, context.config.toggles[feature]), hidden, context.now);
      if (outcome.kind === 'pause') await pause(rule, finding, context, outcome.next);
      else if (outcome.kind === 'propose') await propose(rule, finding, context);
    }
  }
  await store.markRuleEvaluated(rule.id, context.now.toISOString());
}

/**
 * The scheduled evaluation: every enabled rule over its window. Guardrails pause at once (audited, admins
 * notified); everything else becomes a proposal with its evidence. Safe when two copies run at once: toggle
 * changes are conditional on the version, proposals are keyed by rule, feature and group, notices by version.
 */
export async function evaluateRules(sender: () => NoticeSender, now = new Date()): Promise<EvaluationResult> {
  forgetFeatureConfig();
  const config = await loadFeatureConfig();
  const context: Context = { now, config, sender, rows: rowReader(), result: { rules: 0, paused: [], proposed: 0, homeLayoutsUpdated: 0 } };
  for (const rule of await store.listRules()) {
    if (!rule.enabled) continue;
    context.result.rules += 1;
    try {
      await evaluateOne(rule, context);
    } catch (error) {
      // One broken rule must not stop the others (guardrails above all).
      logger.error('rule evaluation failed', { ruleId: rule.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return context.result;
}

/** Recomputes each category's usage of the home entries over the last 30 days (the home page's order). */
export async function refreshHomeUsage(now = new Date()): Promise<number> {
  const from = shanghaiDay(new Date(now.getTime() - (HOME_USAGE_DAYS - 1) * 86_400_000));
  const to = shanghaiDay(now);
  const rows = (await Promise.all(CAPABILITIES.map((capability) => metricRows(capability.key, 'day-category', from, to)))).flat();
  const usage = usageByCategory(rows);
  const at = now.toISOString();
  await Promise.all(MEMBER_CATEGORIES.map((category) => store.saveHomeUsage(category, usage[category], at)));
  forgetFeatureConfig();
  return MEMBER_CATEGORIES.length;
}

export async function evaluateAll(sender: () => NoticeSender, now = new Date()): Promise<EvaluationResult> {
  const result = await evaluateRules(sender, now);
  return { ...result, homeLayoutsUpdated: await refreshHomeUsage(now) };
}
