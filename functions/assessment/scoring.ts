import type { Dimension, Indicator } from '../../shared/api/assessment';

/**
 * Scoring, pure: each leaf's raw value is normalised to 0–100 between the value that scores 0 (`worst`) and the
 * one that scores 100 (`best`), clamped, in the indicator's direction; a group scores the weighted mean of those of
 * its children that have a score, and says how much of its weight that covers. Missing data is never a zero: a
 * leaf without a value has no score and carries its reason, a group none of whose children has a score has none,
 * and every index reports its coverage so that a score from half the data reads as such.
 */

export interface Reading {
  value?: number;
  /** Why there is no value (stated to the committee, never scored as zero). */
  missingReason?: string;
}

export interface ScoredIndicator {
  indicator: Indicator;
  value?: number;
  score?: number;
  missingReason?: string;
  /** Share (0–1) of this indicator's own weight below it that had data (1 for a leaf with a value). */
  coverage: number;
}

export interface SchemeScore {
  indicators: ScoredIndicator[];
  index: Record<Dimension, { score?: number; coverage: number }>;
}

/** 0–100 for a raw value between `worst` (0) and `best` (100), clamped; works for either direction. */
export function normalise(value: number, worst: number, best: number): number {
  const share = (value - worst) / (best - worst);
  return Math.min(100, Math.max(0, share * 100));
}

/** Weighted mean of the parts that have a score, with the share of weight they cover. */
export function weightedMean(parts: ReadonlyArray<{ weight: number; score?: number; coverage: number }>): { score?: number; coverage: number } {
  const total = parts.reduce((sum, part) => sum + part.weight, 0);
  const present = parts.filter((part) => part.score !== undefined);
  const presentWeight = present.reduce((sum, part) => sum + part.weight, 0);
  if (total === 0 || presentWeight === 0) return { coverage: 0 };
  const score = present.reduce((sum, part) => sum + part.weight * part.score!, 0) / presentWeight;
  const coverage = present.reduce((sum, part) => sum + part.weight * part.coverage, 0) / total;
  return { score: round1(score), coverage: Math.round(coverage * 1000) / 1000 };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Scores a scheme for one unit and period from the readings of its leaves (by indicator code). */
export function scoreScheme(indicators: readonly Indicator[], readings: ReadonlyMap<string, Reading>): SchemeScore {
  const memo = new Map<string, ScoredIndicator>();
  const childrenOf = (code: string | undefined) => indicators.filter((indicator) => indicator.parent === code);

  const score = (indicator: Indicator): ScoredIndicator => {
    const known = memo.get(indicator.code);
    if (known) return known;
    let scored: ScoredIndicator;
    if (indicator.source === 'group') {
      const children = childrenOf(indicator.code).map(score);
      const mean = weightedMean(children.map((child) => ({ weight: child.indicator.weight, score: child.score, coverage: child.coverage })));
      scored = { indicator, ...mean, ...(mean.score === undefined ? { missingReason: '下级指标均无数据' } : {}) };
    } else {
      const reading = readings.get(indicator.code);
      if (reading?.value === undefined || indicator.worst === undefined || indicator.best === undefined) {
        scored = { indicator, coverage: 0, missingReason: reading?.missingReason ?? '暂无数据' };
      } else {
        scored = { indicator, value: reading.value, score: round1(normalise(reading.value, indicator.worst, indicator.best)), coverage: 1 };
      }
    }
    memo.set(indicator.code, scored);
    return scored;
  };

  const all = indicators.map(score);
  const indexOf = (dimension: Dimension) => {
    const top = childrenOf(undefined).filter((indicator) => indicator.dimension === dimension).map(score);
    return weightedMean(top.map((scored) => ({ weight: scored.indicator.weight, score: scored.score, coverage: scored.coverage })));
  };
  return { indicators: all, index: { party: indexOf('party'), business: indexOf('business') } };
}
