import { BASE_KIND_LABELS, DUES_BASE_KINDS, FIXED_CLASSES, FIXED_CLASS_LABELS, parseYuan, type DuesBaseKind, type FixedClass } from '../../shared/api/dues';
import { monthSchema, userIdSchema, type MemberCategory } from '../../shared/api/identity-model';
import { byLabel, readCsvTable, rowChecks, validateRows, type CsvRead } from '../../shared/runtime/csv-table';

/** One validated row of a bases file. */
export interface BaseRow {
  userId: string;
  effectiveMonth: string;
  kind: DuesBaseKind;
  baseFen?: number;
  fixedClass?: FixedClass;
  note?: string;
}

type Column = keyof BaseRow;

const ALIASES: Record<string, Column> = {
  userid: 'userId', 账号: 'userId', 企业微信账号: 'userId',
  effectivemonth: 'effectiveMonth', 起始月份: 'effectiveMonth', 执行月份: 'effectiveMonth',
  kind: 'kind', 基数类型: 'kind', 缴纳方式: 'kind',
  base: 'baseFen', 月基数: 'baseFen', '月基数（元）': 'baseFen', '月基数(元)': 'baseFen',
  fixedclass: 'fixedClass', 定额类别: 'fixedClass',
  note: 'note', 备注: 'note',
};
export const MAX_BASE_ROWS = 5000;

const KIND_BY_LABEL = byLabel(BASE_KIND_LABELS);
const FIXED_BY_LABEL = byLabel(FIXED_CLASS_LABELS);

/** Retirees pay on their pension, everyone else on their wage, unless the row says otherwise. */
const defaultKind = (category: MemberCategory): DuesBaseKind => (category === 'retiree' ? 'pension' : 'wage');

/**
 * Parses finance's yearly bases file completely before anything is written: amounts in yuan with at most two
 * decimals (never rounded), a member who is on the roster, one row per member and month.
 */
export function parseBases(csvText: string, categoryOf: (userId: string) => MemberCategory | undefined): CsvRead<BaseRow> {
  const table = readCsvTable(csvText, { aliases: ALIASES, required: ['userId', 'effectiveMonth', 'baseFen'], maxRows: MAX_BASE_ROWS, noun: '党费基数' });
  if (table.errors.length > 0) return { rows: [], errors: table.errors };
  const firstRowOf = new Map<string, number>();
  return validateRows(table.rows, ({ row, cell }): { value: BaseRow } | { problems: string[] } => {
    const { problems, check } = rowChecks();
    const userId = check(userIdSchema.safeParse(cell('userId')), '账号格式不正确');
    const category = userId ? categoryOf(userId) : undefined;
    if (userId && !category) problems.push(`账号 ${userId} 不在党员名册中`);
    const effectiveMonth = check(monthSchema.safeParse(cell('effectiveMonth')), '起始月份格式应为 YYYY-MM');
    const rawKind = cell('kind');
    const kind = rawKind ? (KIND_BY_LABEL.get(rawKind) ?? DUES_BASE_KINDS.find((k) => k === rawKind)) : category && defaultKind(category);
    if (rawKind && !kind) problems.push(`基数类型应为：${Object.values(BASE_KIND_LABELS).join('、')}`);
    let baseFen: number | undefined;
    let fixedClass: FixedClass | undefined;
    if (kind === 'fixed') {
      const rawClass = cell('fixedClass');
      fixedClass = FIXED_BY_LABEL.get(rawClass) ?? FIXED_CLASSES.find((c) => c === rawClass);
      if (!fixedClass) problems.push(`定额缴纳须填写定额类别：${Object.values(FIXED_CLASS_LABELS).join('、')}`);
    } else {
      const rawBase = cell('baseFen');
      baseFen = parseYuan(rawBase);
      if (baseFen === undefined) problems.push(/^\s*-/.test(rawBase) ? '月基数不能为负数' : '月基数应为金额（元），最多两位小数');
    }
    const key = `${userId}#${effectiveMonth}`;
    if (userId && effectiveMonth) {
      const first = firstRowOf.get(key);
      if (first !== undefined) problems.push(`与第 ${first} 行是同一党员同一起始月份`);
      else firstRowOf.set(key, row);
    }
    const note = cell('note');
    if ([...note].length > 100) problems.push('备注不能超过 100 字');
    if (problems.length > 0 || !userId || !effectiveMonth || !kind) return { problems };
    return { value: { userId, effectiveMonth, kind, ...(baseFen !== undefined ? { baseFen } : {}), ...(fixedClass ? { fixedClass } : {}), ...(note ? { note } : {}) } };
  });
}

/** The accounts a bases file names, to look up on the roster before the rows are validated. */
export function baseFileUserIds(csvText: string): string[] {
  const table = readCsvTable(csvText, { aliases: ALIASES, required: ['userId'], maxRows: MAX_BASE_ROWS, noun: '党费基数' });
  return table.rows.map((row) => row.cell('userId')).filter(Boolean);
}
