import fc from 'fast-check';
import { DEFAULT_DUES_RULES, computeMonthlyDues, explainComputation, formatYuan, parseYuan, roundHalfUp, duesRulesSchema } from '../../shared/api/dues';

const wage = (baseFen: number) => computeMonthlyDues({ kind: 'wage', baseFen }, DEFAULT_DUES_RULES).ruleAmountFen;
const pension = (baseFen: number) => computeMonthlyDues({ kind: 'pension', baseFen }, DEFAULT_DUES_RULES).ruleAmountFen;
/** The rule in exact rational arithmetic: base × rate, rounded half up to the fen. */
const exact = (baseFen: number, rateBp: number) => {
  const scaled = BigInt(baseFen) * BigInt(rateBp);
  const whole = scaled / 10_000n;
  return Number(scaled % 10_000n >= 5_000n ? whole + 1n : whole);
};

describe('monthly dues of employed members (whole base at its bracket\'s rate)', () => {
  it('charges 0.5 % up to 3,000 yuan inclusive', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300_000 }), (base) => wage(base) === exact(base, 50)));
    expect(wage(300_000)).toBe(1500);
  });

  it('charges 1 % above 3,000 up to 5,000 yuan inclusive', () => {
    fc.assert(fc.property(fc.integer({ min: 300_001, max: 500_000 }), (base) => wage(base) === exact(base, 100)));
    expect(wage(300_001)).toBe(3000);
    expect(wage(500_000)).toBe(5000);
  });

  it('charges 1.5 % above 5,000 up to 10,000 yuan inclusive', () => {
    fc.assert(fc.property(fc.integer({ min: 500_001, max: 1_000_000 }), (base) => wage(base) === exact(base, 150)));
    expect(wage(500_001)).toBe(7500);
    expect(wage(1_000_000)).toBe(15_000);
  });

  it('charges 2 % above 10,000 yuan', () => {
    fc.assert(fc.property(fc.integer({ min: 1_000_001, max: 1_000_000_000 }), (base) => wage(base) === exact(base, 200)));
    expect(wage(1_000_001)).toBe(20_000);
  });

  it('never charges less when the base rises within a bracket', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 5000 }), (base, raise) => {
      const higher = base + raise;
      const sameBracket = [300_000, 500_000, 1_000_000].every((edge) => (base <= edge) === (higher <= edge));
      return !sameBracket || wage(higher) >= wage(base);
    }));
  });
});

describe('retirees and fixed amounts', () => {
  it('charges pensions 0.5 % up to 5,000 yuan inclusive and 1 % above', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500_000 }), (base) => pension(base) === exact(base, 50)));
    fc.assert(fc.property(fc.integer({ min: 500_001, max: 100_000_000 }), (base) => pension(base) === exact(base, 100)));
    expect(pension(500_000)).toBe(2500);
    expect(pension(500_001)).toBe(5000);
  });

  it('takes fixed small amounts from configuration', () => {
    expect(computeMonthlyDues({ kind: 'fixed', fixedClass: 'low-income' }, DEFAULT_DUES_RULES).ruleAmountFen).toBe(20);
    const local = { ...DEFAULT_DUES_RULES, fixedAmountsFen: { 'low-income': 50, farmer: 100 } };
    expect(computeMonthlyDues({ kind: 'fixed', fixedClass: 'farmer' }, local).ruleAmountFen).toBe(100);
  });
});

describe('money in fen', () => {
  it('rounds half up, in one place', () => {
    expect(roundHalfUp(5_000, 10_000)).toBe(1);
    expect(roundHalfUp(4_999, 10_000)).toBe(0);
    expect(roundHalfUp(15_000, 10_000)).toBe(2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        const remainder = BigInt(n) % BigInt(d);
        const quotient = Number(BigInt(n) / BigInt(d));
        return roundHalfUp(n, d) === (2n * remainder >= BigInt(d) ? quotient + 1 : quotient);
      }),
    );
  });

  it('reads yuan with at most two decimals and writes them back', () => {
    expect(parseYuan('4500')).toBe(450_000);
    expect(parseYuan('4,500.5')).toBe(450_050);
    expect(parseYuan('0.07')).toBe(7);
    for (const bad of ['-1', '4500.123', 'abc', '', '1e5']) expect(parseYuan(bad)).toBeUndefined();
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (fen) => parseYuan(formatYuan(fen)) === fen));
    expect(formatYuan(-1205)).toBe('-12.05');
  });

  it('explains a computation in words a member reads', () => {
    expect(explainComputation(computeMonthlyDues({ kind: 'wage', baseFen: 420_000 }, DEFAULT_DUES_RULES))).toBe('月工资收入 4200.00 元 × 1% = 42.00 元（四舍五入到分）');
    expect(explainComputation(computeMonthlyDues({ kind: 'fixed', fixedClass: 'low-income' }, DEFAULT_DUES_RULES))).toBe('按学生、下岗、领取救济或低保定额，每月 0.20 元');
  });
});

describe('the rules schema', () => {
  it('accepts the national defaults and refuses brackets out of order or fractional rates', () => {
    expect(duesRulesSchema.safeParse(DEFAULT_DUES_RULES).success).toBe(true);
    const open = { ...DEFAULT_DUES_RULES, wageBrackets: [{ upToFen: 300_000, rateBp: 50 }] };
    expect(duesRulesSchema.safeParse(open).success).toBe(false);
    const fraction = { ...DEFAULT_DUES_RULES, pensionBrackets: [{ upToFen: null, rateBp: 0.5 }] };
    expect(duesRulesSchema.safeParse(fraction).success).toBe(false);
  });
});
