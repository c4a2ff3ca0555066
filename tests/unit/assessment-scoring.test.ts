import type { Indicator } from '../../shared/api/assessment';
import { normalise, scoreScheme, weightedMean, type Reading } from '../../functions/assessment/scoring';
import { schemeFrozen, periodRange, periodMonths } from '../../functions/assessment/periods';
import { branchSurveyResult, satisfactionPercent } from '../../functions/assessment/survey-results';
import { STARTER_INDICATORS } from '../../functions/assessment/starter-scheme';
import { processIndicatorProblems, schemeProblems } from '../../functions/assessment/scheme-rules';

const leaf = (code: string, fields: Partial<Indicator> = {}): Indicator => ({
  code,
  name: code,
  dimension: 'party',
  weight: 1,
  definition: '定义',
  unit: '%',
  direction: 'higher',
  source: 'platform:dues-on-time',
  worst: 0,
  best: 100,
  ...fields,
});
const group = (code: string, fields: Partial<Indicator> = {}): Indicator => ({ ...leaf(code), source: 'group', worst: undefined, best: undefined, unit: '分', ...fields });
const readings = (entries: Record<string, Reading>) => new Map(Object.entries(entries));

describe('normalising a raw value to 0–100', () => {
  it('scores linearly between the 0-point and the full-mark value, clamped at both ends', () => {
    expect(normalise(80, 60, 100)).toBe(50);
    expect(normalise(40, 60, 100)).toBe(0);
    expect(normalise(120, 60, 100)).toBe(100);
  });

  it('scores "lower is better" indicators the other way round (fire incidents: 4 scores 0, none scores 100)', () => {
    expect(normalise(0, 4, 0)).toBe(100);
    expect(normalise(1, 4, 0)).toBe(75);
    expect(normalise(9, 4, 0)).toBe(0);
  });
});

describe('weights', () => {
  it('combines children by their relative weights', () => {
    const scheme = [group('g'), leaf('a', { parent: 'g', weight: 3 }), leaf('b', { parent: 'g', weight: 1 })];
    const result = scoreScheme(scheme, readings({ a: { value: 100 }, b: { value: 0 } }));
    expect(result.indicators.find((s) => s.indicator.code === 'g')!.score).toBe(75);
    expect(result.index.party).toEqual({ score: 75, coverage: 1 });
  });

  it('weights the top-level indicators of each dimension into its index, keeping the two dimensions apart', () => {
    const scheme = [leaf('p1', { weight: 1 }), leaf('p2', { weight: 4 }), leaf('b1', { dimension: 'business', source: 'import' })];
    const result = scoreScheme(scheme, readings({ p1: { value: 0 }, p2: { value: 50 }, b1: { value: 90 } }));
    expect(result.index.party.score).toBe(40);
    expect(result.index.business.score).toBe(90);
  });
});

describe('missing data is stated, not silently zero', () => {
  const scheme = [group('g'), leaf('a', { parent: 'g', weight: 1 }), leaf('b', { parent: 'g', weight: 1 })];

  it('scores a group from the children that have data and reports how much weight they cover', () => {
    const result = scoreScheme(scheme, readings({ a: { value: 80 }, b: { missingReason: '本期没有应缴党费的账单' } }));
    const missing = result.indicators.find((s) => s.indicator.code === 'b')!;
    expect(missing.score).toBeUndefined();
    expect(missing.missingReason).toBe('本期没有应缴党费的账单');
    // Zero for the missing child would have made it 40.
    expect(result.indicators.find((s) => s.indicator.code === 'g')!.score).toBe(80);
    expect(result.index.party).toEqual({ score: 80, coverage: 0.5 });
  });

  it('has no index at all when nothing has data, with a reason instead of a zero', () => {
    const result = scoreScheme(scheme, readings({}));
    expect(result.index.party).toEqual({ coverage: 0 });
    expect(result.indicators.find((s) => s.indicator.code === 'a')!.missingReason).toBe('暂无数据');
    expect(result.indicators.find((s) => s.indicator.code === 'g')!.missingReason).toBe('下级指标均无数据');
  });

  it('propagates partial coverage through nested groups', () => {
    const nested = [group('top'), group('mid', { parent: 'top' }), leaf('x', { parent: 'mid' }), leaf('y', { parent: 'mid' }), leaf('z', { parent: 'top' })];
    const result = scoreScheme(nested, readings({ x: { value: 60 }, z: { value: 100 } }));
    // mid covers half its weight; top: (60·1 + 100·1)/2 = 80, coverage (0.5 + 1)/2 = 0.75.
    expect(result.index.party).toEqual({ score: 80, coverage: 0.75 });
  });

  it('a weighted mean of nothing is no score', () => {
    expect(weightedMean([])).toEqual({ coverage: 0 });
  });
});

describe('the scheme a year is assessed by', () => {
  it('refuses process traces as indicators, with the reason in Chinese', () => {
    for (const [name, trace] of [
      ['月均登录次数', '登录'],
      ['文章点赞数', '点赞'],
      ['转发分享次数', '转发分享'],
      ['人均在线时长', '在线时长'],
      ['学习时长', '学习时长'],
    ] as const) {
      const problems = processIndicatorProblems([leaf('x', { name })]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toContain(trace);
      expect(problems[0]!.message).toContain('不能作为考核指标');
    }
  });

  it('accepts result indicators, the starter scheme among them', () => {
    expect(processIndicatorProblems([leaf('study', { name: '学时达标率' }), leaf('fires', { name: '森林火灾发生起数' })])).toEqual([]);
    expect(processIndicatorProblems(STARTER_INDICATORS)).toEqual([]);
    expect(schemeProblems(STARTER_INDICATORS)).toEqual([]);
  });

  it('refuses a broken tree: unknown parent, a leaf as parent, a cycle, a direction its bounds contradict', () => {
    expect(schemeProblems([leaf('a', { parent: 'nope' })])[0]!.message).toContain('不存在');
    expect(schemeProblems([leaf('a'), leaf('b', { parent: 'a' })])[0]!.message).toContain('不是指标组');
    expect(schemeProblems([group('a', { parent: 'b' }), group('b', { parent: 'a' })]).some((p) => p.message.includes('循环'))).toBe(true);
    expect(schemeProblems([leaf('a', { direction: 'lower', worst: 0, best: 10 })])[0]!.message).toContain('越低越好');
    expect(schemeProblems([leaf('a'), leaf('a')])[0]!.message).toContain('重复');
  });

  it('is frozen from the first instant of its first quarter in Beijing time', () => {
    expect(periodRange('2027-Q1').from).toBe('2026-12-31T16:00:00.000Z');
    expect(schemeFrozen('2027', new Date('2026-12-31T15:59:59Z'))).toBe(false);
    expect(schemeFrozen('2027', new Date('2026-12-31T16:00:00Z'))).toBe(true);
    expect(periodMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});

describe('the anonymity threshold of the satisfaction survey', () => {
  const branch = { id: 'b1', name: '壮志林场党支部' };

  it('withholds a branch’s answers below the threshold, showing only the count and why', () => {
    const result = branchSurveyResult(branch, { branchId: 'b1', responses: 4, sums: { q1: 20, q2: 16 } }, ['q1', 'q2'], 5);
    expect(result).toEqual({ branchId: 'b1', branchName: '壮志林场党支部', responses: 4, shown: false, withheldReason: '回答不足 5 份，为保护匿名不显示结果' });
  });

  it('shows averages from the threshold on', () => {
    const result = branchSurveyResult(branch, { branchId: 'b1', responses: 5, sums: { q1: 20, q2: 17 } }, ['q1', 'q2'], 5);
    expect(result.shown).toBe(true);
    expect(result.averages).toEqual([{ questionId: 'q1', average: 4 }, { questionId: 'q2', average: 3.4 }]);
    expect(result.overall).toBe(3.7);
  });

  it('treats a branch nobody answered in as withheld, not as zero satisfaction', () => {
    expect(branchSurveyResult(branch, undefined, ['q1'], 5)).toMatchObject({ responses: 0, shown: false });
    expect(satisfactionPercent(1)).toBe(0);
    expect(satisfactionPercent(5)).toBe(100);
  });
});
