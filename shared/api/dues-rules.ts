import * as z from 'zod/mini';

/**
 * The party-dues rules (2008 Organization Department rules, docs/domain.md) as configuration:
 * brackets, rates and fixed amounts are data with the national defaults, never constants in the code.
 * Money is integer fen; rates are in basis points (万分之, 50 = 0.5 %).
 * Pure and free of Node APIs: the mini-program shows "how it was computed" with the same function.
 */

export const DUES_BASE_KINDS = ['wage', 'pension', 'fixed'] as const;
export type DuesBaseKind = (typeof DUES_BASE_KINDS)[number];
export const BASE_KIND_LABELS: Record<DuesBaseKind, string> = { wage: '工资收入', pension: '离退休费', fixed: '定额缴纳' };

export const FIXED_CLASSES = ['low-income', 'farmer'] as const;
export type FixedClass = (typeof FIXED_CLASSES)[number];
export const FIXED_CLASS_LABELS: Record<FixedClass, string> = { 'low-income': '学生、下岗、领取救济或低保', farmer: '农民' };

/** Largest monthly base or amount the platform accepts: 10 million yuan, far above any wage. */
export const MAX_FEN = 1_000_000_000;
export const fenSchema = z.number().check(
  z.int('金额必须是以“分”为单位的整数'),
  z.minimum(0, '金额不能为负数'),
  z.maximum(MAX_FEN, '金额过大'),
);

const bracketSchema = z.object({
  /** Upper bound of the bracket, inclusive; null for the open top bracket. */
  upToFen: z.nullable(fenSchema),
  rateBp: z.number().check(z.int('费率必须是整数（万分之）'), z.minimum(0), z.maximum(10_000)),
});
export type Bracket = z.infer<typeof bracketSchema>;

function bracketsInOrder(brackets: Bracket[]): boolean {
  return brackets.every((bracket, index) => {
    const last = index === brackets.length - 1;
    if (last) return bracket.upToFen === null;
    const previous = index === 0 ? 0 : brackets[index - 1]!.upToFen;
    return bracket.upToFen !== null && previous !== null && bracket.upToFen > previous;
  });
}
const bracketsSchema = z
  .array(bracketSchema)
  .check(z.minLength(1, '至少需要一个档次'), z.maxLength(10), z.refine(bracketsInOrder, '档次上限必须逐档递增，最后一档不设上限'));

export const duesRulesSchema = z.strictObject({
  wageBrackets: bracketsSchema,
  pensionBrackets: bracketsSchema,
  fixedAmountsFen: z.strictObject({ 'low-income': fenSchema, farmer: fenSchema }),
  /** How many months back a bill may still be paid (补缴). */
  backPayMonths: z.number().check(z.int(), z.minimum(0), z.maximum(36)),
  /** How many months ahead may be paid at once (按季度缴纳 needs 2). */
  advanceMonths: z.number().check(z.int(), z.minimum(0), z.maximum(12)),
  /** Consecutive unpaid months after which the branch secretary is told. */
  arrearsFlagMonths: z.number().check(z.int(), z.minimum(1), z.maximum(24)),
  /** A single voluntary payment above this goes wholly to the central committee. */
  voluntaryToCentreOverFen: fenSchema,
});
export type DuesRules = z.infer<typeof duesRulesSchema>;

/** The national defaults. */
export const DEFAULT_DUES_RULES: DuesRules = {
  wageBrackets: [
    { upToFen: 300_000, rateBp: 50 },
    { upToFen: 500_000, rateBp: 100 },
    { upToFen: 1_000_000, rateBp: 150 },
    { upToFen: null, rateBp: 200 },
  ],
  pensionBrackets: [
    { upToFen: 500_000, rateBp: 50 },
    { upToFen: null, rateBp: 100 },
  ],
  fixedAmountsFen: { 'low-income': 20, farmer: 20 },
  backPayMonths: 6,
  advanceMonths: 2,
  arrearsFlagMonths: 6,
  voluntaryToCentreOverFen: 100_000,
};

/**
 * The one rounding rule of the platform: numerator / denominator rounded half up to an integer.
 * Integer arithmetic only (no floating-point 0.5 surprises); both arguments are non-negative.
 */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export interface DuesBaseInput {
  kind: DuesBaseKind;
  baseFen?: number;
  fixedClass?: FixedClass;
}

export interface DuesComputation {
  kind: DuesBaseKind;
  baseFen?: number;
  rateBp?: number;
  fixedClass?: FixedClass;
  /** What the rules give before any hardship reduction. */
  ruleAmountFen: number;
}

/** The bracket a base falls into: the whole base is charged at that rate (not marginal). */
export function bracketFor(brackets: readonly Bracket[], baseFen: number): Bracket {
  return brackets.find((bracket) => bracket.upToFen === null || baseFen <= bracket.upToFen) ?? brackets[brackets.length - 1]!;
}

/** Monthly dues for a base under the rules. */
export function computeMonthlyDues(base: DuesBaseInput, rules: DuesRules): DuesComputation {
  if (base.kind === 'fixed') {
    const fixedClass = base.fixedClass ?? 'low-income';
    return { kind: 'fixed', fixedClass, ruleAmountFen: rules.fixedAmountsFen[fixedClass] };
  }
  const baseFen = base.baseFen ?? 0;
  const { rateBp } = bracketFor(base.kind === 'wage' ? rules.wageBrackets : rules.pensionBrackets, baseFen);
  return { kind: base.kind, baseFen, rateBp, ruleAmountFen: roundHalfUp(baseFen * rateBp, 10_000) };
}

/** `12345` → `"123.45"`; negative amounts keep their sign. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `"4500.5"` → 450050; refuses more than two decimals instead of rounding someone's wage. */
export function parseYuan(text: string): number | undefined {
  const match = /^\s*(\d{1,8})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * 自愿多缴: one payment's voluntary part. The same rule on the phone and on the server: never negative, and at
 * most 100,000 yuan at once — more than that is a donation the branch records with the 党委, not a tap in the app.
 */
export const MAX_VOLUNTARY_FEN = 10_000_000;
export const VOLUNTARY_MESSAGES = {
  negative: '自愿多缴金额不能为负数',
  format: '自愿多缴金额格式不正确，请填写数字，最多两位小数',
  tooLarge: `自愿多缴单次不能超过 ${MAX_VOLUNTARY_FEN / 100} 元`,
} as const;
export const voluntaryFenSchema = z.number().check(
  z.int('金额必须是以“分”为单位的整数'),
  z.minimum(0, VOLUNTARY_MESSAGES.negative),
  z.maximum(MAX_VOLUNTARY_FEN, VOLUNTARY_MESSAGES.tooLarge),
);

/** What a member typed as 自愿多缴 (元): the amount in fen, or the reason it is refused. Empty is none. */
export function parseVoluntaryYuan(text: string): { fen: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { fen: 0 };
  if (/^[-－−]/.test(trimmed)) return { error: VOLUNTARY_MESSAGES.negative };
  const fen = parseYuan(trimmed);
  // A well-formed number parseYuan still refuses has more digits than any amount it takes.
  if (fen === undefined) return { error: /^\d+(\.\d{1,2})?$/.test(trimmed.replace(/[,，]/g, '')) ? VOLUNTARY_MESSAGES.tooLarge : VOLUNTARY_MESSAGES.format };
  return fen > MAX_VOLUNTARY_FEN ? { error: VOLUNTARY_MESSAGES.tooLarge } : { fen };
}

/** `50` → `"0.5%"`. */
export function formatRate(rateBp: number): string {
  return `${rateBp / 100}%`;
}

/** A sentence a member reads: how their monthly dues follow from their base. */
export function explainComputation(computation: DuesComputation): string {
  if (computation.kind === 'fixed') {
    return `按${FIXED_CLASS_LABELS[computation.fixedClass ?? 'low-income']}定额，每月 ${formatYuan(computation.ruleAmountFen)} 元`;
  }
  return `月${BASE_KIND_LABELS[computation.kind]} ${formatYuan(computation.baseFen ?? 0)} 元 × ${formatRate(computation.rateBp ?? 0)} = ${formatYuan(computation.ruleAmountFen)} 元（四舍五入到分）`;
}

/** `addMonths('2026-01', -2)` → `'2025-11'` (dues months are `YYYY-MM`). */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}
