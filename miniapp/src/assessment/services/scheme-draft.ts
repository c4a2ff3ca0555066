import { SOURCES, PLATFORM_METRIC_LABELS, type Indicator, type IndicatorSource, type PlatformMetric } from '@shared/api';

/** The admin's draft of a new indicator, as typed (numbers still text), and how it becomes an indicator. */
export interface IndicatorDraft {
  name: string;
  code: string;
  dimension: Indicator['dimension'];
  parent: string;
  source: IndicatorSource;
  unit: string;
  direction: Indicator['direction'];
  worst: string;
  best: string;
  weight: string;
  definition: string;
}

export const EMPTY_DRAFT: IndicatorDraft = {
  name: '', code: '', dimension: 'business', parent: '', source: 'import', unit: '', direction: 'higher', worst: '', best: '', weight: '10', definition: '',
};

export const SOURCE_LABELS: Record<IndicatorSource, string> = Object.fromEntries(
  SOURCES.map((source) => [
    source,
    source === 'group' ? '指标组' : source === 'import' ? '经营系统导入' : source === 'evaluation' ? '第三方评估' : `平台计算：${PLATFORM_METRIC_LABELS[source.slice('platform:'.length) as PlatformMetric]}`,
  ]),
) as Record<IndicatorSource, string>;

/** The indicator the draft describes, or what is missing in plain words. */
export function indicatorOf(draft: IndicatorDraft): { indicator: Indicator } | { problem: string } {
  if (!draft.name.trim()) return { problem: '请填写指标名称' };
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(draft.code)) return { problem: '指标编码只能用小写字母、数字和连字符，字母开头' };
  const weight = Number(draft.weight);
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) return { problem: '权重应为 1–100 的整数' };
  const leaf = draft.source !== 'group';
  if (leaf && !draft.unit.trim()) return { problem: '请填写计量单位' };
  const worst = Number(draft.worst);
  const best = Number(draft.best);
  if (leaf && (draft.worst.trim() === '' || draft.best.trim() === '' || !Number.isFinite(worst) || !Number.isFinite(best))) return { problem: '请填写 0 分值和满分值' };
  return {
    indicator: {
      code: draft.code,
      name: draft.name.trim(),
      dimension: draft.dimension,
      ...(draft.parent ? { parent: draft.parent } : {}),
      weight,
      definition: draft.definition.trim() || draft.name.trim(),
      unit: draft.unit.trim() || (leaf ? '' : '分'),
      direction: draft.direction,
      source: draft.source,
      ...(leaf ? { worst, best } : {}),
    },
  };
}
