import type { ErrorDetail } from '../../shared/api/errors';
import type { Indicator } from '../../shared/api/assessment';

/**
 * What a scheme must be: a tree (each parent a group of the same dimension, no cycles), codes unique, every leaf
 * normalisable in its direction — and only result indicators. The anti-formalism rules (docs/domain.md) forbid
 * logins, likes, shares, online time and study time as such as an assessment basis: such an indicator is refused
 * with the reason, whatever its source.
 */

/** Process traces that may not be assessed, each with the word members read in the refusal. */
const PROCESS_TRACES: Array<{ pattern: RegExp; label: string }> = [
  { pattern: /登录|登陆|log-?in|sign-?in/i, label: '登录次数' },
  { pattern: /打卡|签到次数|check-?in/i, label: '打卡签到' },
  { pattern: /点赞|\blikes?\b/i, label: '点赞' },
  { pattern: /转发|分享|\bshares?\b/i, label: '转发分享' },
  { pattern: /浏览量|阅读量|访问量|page-?views?/i, label: '浏览量' },
  { pattern: /在线时长|在线时间|停留时长|online/i, label: '在线时长' },
  { pattern: /学习时长|学习时间|观看时长|study-?time/i, label: '学习时长' },
  { pattern: /积分/, label: '积分' },
];

/** The process trace an indicator measures, or undefined for a result indicator. */
export function processTraceOf(indicator: Pick<Indicator, 'code' | 'name' | 'definition'>): string | undefined {
  const text = `${indicator.code} ${indicator.name} ${indicator.definition}`;
  return PROCESS_TRACES.find(({ pattern }) => pattern.test(text))?.label;
}

export function processIndicatorProblems(indicators: readonly Indicator[]): ErrorDetail[] {
  return indicators.flatMap((indicator, index) => {
    const trace = processTraceOf(indicator);
    return trace
      ? [{ path: `body.indicators.${index}`, message: `指标「${indicator.name}」以${trace}为依据，这是过程痕迹而不是工作实效，按反形式主义规定不能作为考核指标` }]
      : [];
  });
}

/** Structural problems of a scheme, each with the indicator it concerns. */
export function schemeProblems(indicators: readonly Indicator[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const byCode = new Map<string, Indicator>();
  indicators.forEach((indicator, index) => {
    if (byCode.has(indicator.code)) problems.push({ path: `body.indicators.${index}.code`, message: `指标编码 ${indicator.code} 重复` });
    byCode.set(indicator.code, indicator);
  });
  indicators.forEach((indicator, index) => {
    const at = (field: string) => `body.indicators.${index}.${field}`;
    const name = `指标「${indicator.name}」`;
    if (indicator.parent !== undefined) {
      const parent = byCode.get(indicator.parent);
      if (!parent) problems.push({ path: at('parent'), message: `${name}的上级指标 ${indicator.parent} 不存在` });
      else if (parent.source !== 'group') problems.push({ path: at('parent'), message: `${name}的上级「${parent.name}」不是指标组` });
      else if (parent.dimension !== indicator.dimension) problems.push({ path: at('parent'), message: `${name}与上级「${parent.name}」不属于同一考核维度` });
    }
    if (indicator.source === 'group') {
      if (!indicators.some((child) => child.parent === indicator.code)) problems.push({ path: at('source'), message: `指标组「${indicator.name}」下没有指标` });
      return;
    }
    if (indicator.worst === undefined || indicator.best === undefined) {
      problems.push({ path: at('best'), message: `${name}需要填写 0 分值和满分值，用于折算得分` });
    } else if (indicator.direction === 'higher' ? indicator.best <= indicator.worst : indicator.best >= indicator.worst) {
      problems.push({ path: at('best'), message: `${name}${indicator.direction === 'higher' ? '越高越好，满分值应大于 0 分值' : '越低越好，满分值应小于 0 分值'}` });
    }
    if (indicator.source.startsWith('platform:') && indicator.dimension !== 'party') {
      problems.push({ path: at('dimension'), message: `${name}取自平台党建数据，应属于党建工作维度` });
    }
    if (indicator.source === 'import' && indicator.dimension !== 'business') {
      problems.push({ path: at('dimension'), message: `${name}从经营系统导入，应属于经营绩效维度` });
    }
  });
  // A parent chain that comes back to where it started is a cycle, not a tree.
  for (const indicator of indicators) {
    const seen = new Set<string>([indicator.code]);
    for (let parent = indicator.parent; parent !== undefined; parent = byCode.get(parent)?.parent) {
      if (seen.has(parent)) {
        problems.push({ message: `指标「${indicator.name}」的上级关系形成了循环` });
        break;
      }
      seen.add(parent);
    }
  }
  return problems;
}
