import { FEATURES, type FeatureKey } from '../../shared/api/features';
import { METRICS, type GuardrailBasis, type Rule } from '../../shared/api/feedback';
import type { MetricSums } from './metrics';

/**
 * When an automatic guardrail may pause a feature for everyone. Never on one member's reports: it needs a
 * minimum of distinct members, and for errors either errors the server saw on the feature too, or errors
 * reported by many distinct members. Short of that the pause is only proposed to an admin.
 */
export const GUARDRAIL_MIN_MEMBERS = 10;
export const GUARDRAIL_MIN_SERVER_ERRORS = 3;
export const GUARDRAIL_MANY_MEMBERS = 30;

export function guardrailBasis(rule: Pick<Rule, 'metric' | 'action'>, sums: MetricSums): GuardrailBasis | undefined {
  if (rule.action.type !== 'pause') return undefined;
  if (rule.metric !== 'error-rate') return 'members';
  if (sums.serverErrors >= GUARDRAIL_MIN_SERVER_ERRORS) return 'server-errors';
  if (sums.errorMembers >= GUARDRAIL_MANY_MEMBERS) return 'many-members';
  return 'unconfirmed';
}

const windowText = (window: Rule['window']) => `近 ${window.size} ${window.unit === 'hour' ? '小时' : '天'}`;

const BASIS_TEXT: Record<GuardrailBasis, (sums: MetricSums) => string> = {
  'server-errors': (sums) => `服务器同时记录到 ${sums.serverErrors} 次错误，已自动暂停`,
  'many-members': (sums) => `服务器记录到 ${sums.serverErrors} 次错误，但报告错误的党员达 ${sums.errorMembers} 名（至少 ${GUARDRAIL_MANY_MEMBERS} 名），已自动暂停`,
  members: () => '已自动暂停',
  unconfirmed: (sums) =>
    `服务器只记录到 ${sums.serverErrors} 次错误（自动暂停至少需要 ${GUARDRAIL_MIN_SERVER_ERRORS} 次，或 ${GUARDRAIL_MANY_MEMBERS} 名党员报告错误），未自动暂停，请管理员判断`,
};

/** Why a rule fired, with its figures, in the words an admin reads (audit, proposals, notices). */
export function reasonText(
  rule: Pick<Rule, 'metric' | 'comparator' | 'threshold' | 'window' | 'minSample'>,
  feature: FeatureKey,
  figures: { sums: MetricSums; value: number; sample: number; basis?: GuardrailBasis },
): string {
  const { sums, value, sample, basis } = figures;
  const measured =
    rule.metric === 'error-rate'
      ? `${windowText(rule.window)}有 ${sums.openedMembers} 名党员打开「${FEATURES[feature]}」，其中 ${sums.errorMembers} 名遇到错误（${value}%，阈值 ${rule.comparator} ${rule.threshold}%，至少 ${rule.minSample} 名党员）`
      : `${windowText(rule.window)}「${FEATURES[feature]}」的${METRICS[rule.metric].label}为 ${value}（阈值 ${rule.comparator} ${rule.threshold}；${METRICS[rule.metric].sample} ${sample}，至少 ${rule.minSample}）`;
  return basis ? `${measured}；${BASIS_TEXT[basis](sums)}。` : `${measured}。`;
}
