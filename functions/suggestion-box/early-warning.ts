import type { EarlyWarningAlert } from '../../shared/api/suggestions';
import { MODERATION_CATEGORIES, isModerationCategory, type ModerationVerdict } from '../../shared/moderation';
import { config } from '../../shared/runtime/config';
import { shanghaiDay } from '../../shared/runtime/feedback-signals';
import { logger } from '../../shared/runtime/logger';
import { alertId, baselineDays, bucketStart, evaluateWindow, windowBuckets, type WarningSettings } from './early-warning-rules';
import { notify } from './notices';
import { addWarningHits, orgUnitNames, putAlertIfAbsent, warningCounts, type StoredAlert } from './store';

/** 舆情预警: counts blocked and held texts per branch and category, and raises (and pushes) alerts. */

function settings(): WarningSettings {
  const c = config();
  return {
    windowMinutes: c.EARLY_WARNING_WINDOW_MINUTES,
    threshold: c.EARLY_WARNING_THRESHOLD,
    surgeMultiple: c.EARLY_WARNING_SURGE_MULTIPLE,
    minHits: c.EARLY_WARNING_MIN_HITS,
    baselineDays: c.EARLY_WARNING_BASELINE_DAYS,
  };
}

const categoryLabel = (category: string) => (isModerationCategory(category) ? MODERATION_CATEGORIES[category] : category);
const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

export function alertView(alert: StoredAlert, branchNames: Map<string, string>): EarlyWarningAlert {
  return {
    id: alert.id,
    branchId: alert.branchId,
    branchName: branchNames.get(alert.branchId) ?? alert.branchId,
    category: alert.category,
    reason: alert.reason,
    windowMinutes: alert.windowMinutes,
    blocked: alert.blocked,
    held: alert.held,
    baseline: Math.round(alert.baseline * 100) / 100,
    createdAt: alert.createdAt,
    ...(alert.acknowledged ? { acknowledged: { byName: alert.acknowledged.byName, at: alert.acknowledged.at } } : {}),
  };
}

async function pushAlert(alert: StoredAlert, rules: WarningSettings, now: Date): Promise<void> {
  const recipients = config().EARLY_WARNING_RECIPIENTS;
  if (recipients.length === 0) return;
  const branchName = (await orgUnitNames()).get(alert.branchId) ?? alert.branchId;
  const label = categoryLabel(alert.category);
  await notify(
    {
      key: `warn.${alert.id}`,
      toUsers: recipients,
      title: '舆情预警提醒',
      description: clip(`${label}增多`, 12),
      page: `suggestions/pages/alerts/index?id=${encodeURIComponent(alert.id)}`,
      contentItems: [
        { key: '支部', value: clip(branchName, 30) },
        { key: '类别', value: label },
        { key: `近${alert.windowMinutes}分钟`, value: `拦截${alert.blocked}条，待审${alert.held}条` },
        { key: '原因', value: alert.reason === 'threshold' ? `达到预警阈值${rules.threshold}条` : `超过近期均值${rules.surgeMultiple}倍` },
      ],
    },
    now,
  );
}

/**
 * Counts one moderated text (blocked or held) of a branch for each category that decided it, then checks
 * each category's window and raises an alert the first time a window crosses the rule.
 */
export async function recordModerationOutcome(branchId: string, verdict: ModerationVerdict, categories: string[], now = new Date()): Promise<void> {
  if (verdict === 'pass') return;
  const rules = settings();
  const counts = { blocked: verdict === 'block' ? 1 : 0, held: verdict === 'review' ? 1 : 0 };
  const buckets = windowBuckets(now, rules.windowMinutes);
  const days = baselineDays(now, rules.baselineDays);
  for (const category of new Set(categories.length > 0 ? categories : ['other'])) {
    await addWarningHits({ bucketStart: bucketStart(now), day: shanghaiDay(now), branchId, category }, counts);
    const observed = await warningCounts(branchId, category, buckets, days);
    const blocked = observed.buckets.reduce((sum, c) => sum + c.blocked, 0);
    const held = observed.buckets.reduce((sum, c) => sum + c.held, 0);
    const baselineHits = observed.days.reduce((sum, c) => sum + c.blocked + c.held, 0);
    const verdictOfWindow = evaluateWindow(blocked + held, baselineHits, rules);
    if (!verdictOfWindow.alert) continue;
    const alert: StoredAlert = {
      id: alertId(branchId, category, now, rules.windowMinutes),
      branchId,
      category,
      reason: verdictOfWindow.reason,
      windowMinutes: rules.windowMinutes,
      blocked,
      held,
      baseline: verdictOfWindow.baseline,
      createdAt: now.toISOString(),
    };
    if (await putAlertIfAbsent(alert)) {
      logger.warn('early warning raised', { alert: alert.id, reason: alert.reason, hits: blocked + held });
      await pushAlert(alert, rules, now);
    }
  }
}
