import { randomUUID } from 'node:crypto';
import { assessmentPeriodSchema, businessRowSchema, indicatorCodeSchema, type BusinessRow, type ImportResult, type Indicator } from '../../shared/api/assessment';
import type { ErrorDetail } from '../../shared/api/errors';
import { orgIdSchema, type OrgUnit } from '../../shared/api/identity-model';
import { AppError } from '../../shared/runtime/app-error';
import { readCsvTable, validateRows } from '../../shared/runtime/csv-table';
import { organisationUnits } from '../../shared/runtime/member-directory';
import type { Caller } from '../../shared/runtime/session';
import { auditOf } from './audit';
import { periodBegun, yearOfPeriod } from './periods';
import { requestRescore } from './snapshot-run';
import { markSnapshotsStale } from './snapshot-store';
import { periodResults, schemeHead, writeResults, type StoredResult } from './store';

/**
 * Business results from the group's systems (docs/assessment-import.md): rows of unit code, period, indicator code
 * and value, as CSV or JSON. The whole file is checked first — every bad row is reported in Chinese with its
 * number, and nothing is written while one is bad; then only values that changed are written, each with its audit
 * entry (before and after), and the units they belong to are re-scored in the committee's view (snapshot-run.ts).
 */

type Column = 'unitCode' | 'period' | 'indicatorCode' | 'value';
const CSV_SHAPE = {
  aliases: {
    unitcode: 'unitCode', unit_code: 'unitCode', 单位编码: 'unitCode',
    period: 'period', 考核期: 'period',
    indicatorcode: 'indicatorCode', indicator_code: 'indicatorCode', 指标编码: 'indicatorCode',
    value: 'value', 数值: 'value',
  } as Record<string, Column>,
  required: ['unitCode', 'period', 'indicatorCode', 'value'] as const,
  labels: { unitCode: '单位编码', period: '考核期', indicatorCode: '指标编码', value: '数值' },
  maxRows: 5000,
  noun: '经营数据',
};

interface Context {
  units: Map<string, OrgUnit>;
  indicators: Map<string, Map<string, Indicator> | undefined>;
  now: Date;
  seen: Map<string, number>;
  /** What a row is called in messages: a CSV line (行) or a JSON entry (条). */
  noun: '行' | '条';
}

type Raw = { [K in Column]: unknown };

/** Problems of one row in plain words, or its value. */
function checkRow(raw: Raw, where: number, context: Context): { value: BusinessRow } | { problems: string[] } {
  const problems: string[] = [];
  const unitCode = orgIdSchema.safeParse(raw.unitCode);
  if (!unitCode.success) problems.push('单位编码格式不正确');
  else if (!context.units.has(unitCode.data)) problems.push(`单位编码 ${unitCode.data} 不存在`);
  const period = assessmentPeriodSchema.safeParse(raw.period);
  if (!period.success) problems.push('考核期格式应为 YYYY-Qn，如 2026-Q3');
  else if (!periodBegun(period.data, context.now)) problems.push(`考核期 ${period.data} 还没有开始`);
  const code = indicatorCodeSchema.safeParse(raw.indicatorCode);
  if (!code.success) problems.push('指标编码格式不正确');
  if (period.success && code.success) {
    const scheme = context.indicators.get(yearOfPeriod(period.data));
    const indicator = scheme?.get(code.data);
    if (!scheme) problems.push(`${yearOfPeriod(period.data)} 年度还没有考核指标方案`);
    else if (!indicator) problems.push(`指标编码 ${code.data} 不在 ${yearOfPeriod(period.data)} 年度指标方案中`);
    else if (indicator.source !== 'import') problems.push(`指标「${indicator.name}」不是从经营系统导入的指标`);
  }
  const text = typeof raw.value === 'string' ? raw.value.replace(/,/g, '').trim() : raw.value;
  const number = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : Number.NaN;
  const row = businessRowSchema.safeParse({ unitCode: raw.unitCode, period: raw.period, indicatorCode: raw.indicatorCode, value: number });
  if (!Number.isFinite(number)) problems.push('数值应为数字');
  else if (!row.success && Math.abs(number) > 1e12) problems.push('数值超出范围');
  if (problems.length > 0 || !row.success) return { problems: problems.length > 0 ? problems : ['内容不正确'] };
  const key = `${row.data.unitCode}#${row.data.period}#${row.data.indicatorCode}`;
  const earlier = context.seen.get(key);
  if (earlier !== undefined) return { problems: [`与第 ${earlier} ${context.noun}重复：同一单位、考核期和指标只能有一个数值`] };
  context.seen.set(key, where);
  return { value: row.data };
}

async function contextFor(periods: unknown[], noun: Context['noun'], now: Date): Promise<Context> {
  const years = new Set(periods.flatMap((period) => (assessmentPeriodSchema.safeParse(period).success ? [yearOfPeriod(period as string)] : [])));
  const indicators = new Map<string, Map<string, Indicator> | undefined>();
  for (const year of years) {
    const scheme = await schemeHead(year);
    indicators.set(year, scheme ? new Map(scheme.indicators.map((indicator) => [indicator.code, indicator])) : undefined);
  }
  return { units: new Map((await organisationUnits()).map((unit) => [unit.id, unit])), indicators, now, seen: new Map(), noun };
}

const invalid = (errors: ErrorDetail[]) => new AppError(400, 'ASSESSMENT_IMPORT_INVALID', undefined, errors);

export async function importCsv(caller: Caller, text: string, now = new Date()): Promise<ImportResult> {
  const table = readCsvTable(text, CSV_SHAPE);
  if (table.errors.length > 0) throw invalid(table.errors);
  const context = await contextFor(table.rows.map((row) => row.cell('period')), '行', now);
  const checked = validateRows(table.rows, (row) =>
    checkRow({ unitCode: row.cell('unitCode'), period: row.cell('period'), indicatorCode: row.cell('indicatorCode'), value: row.cell('value') }, row.row, context),
  );
  if (checked.errors.length > 0) throw invalid(checked.errors);
  return apply(caller, checked.rows, now);
}

export async function importJson(caller: Caller, rows: unknown[], now = new Date()): Promise<ImportResult> {
  const objects = rows.map((row) => (row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : undefined));
  const context = await contextFor(objects.map((row) => row?.period), '条', now);
  const values: BusinessRow[] = [];
  const errors: ErrorDetail[] = [];
  objects.forEach((row, index) => {
    const number = index + 1;
    const unknownFields = row ? Object.keys(row).filter((field) => !CSV_SHAPE.required.includes(field as Column)) : [];
    const outcome: { value: BusinessRow } | { problems: string[] } = !row
      ? { problems: ['每一条应为包含 unitCode、period、indicatorCode、value 的对象'] }
      : unknownFields.length > 0
        ? { problems: [`不认识的字段：${unknownFields.join('、')}`] }
        : checkRow({ unitCode: row.unitCode, period: row.period, indicatorCode: row.indicatorCode, value: row.value }, number, context);
    if ('value' in outcome) values.push(outcome.value);
    else errors.push({ row: number, path: `body.rows.${index}`, message: `第 ${number} 条：${outcome.problems.join('；')}` });
  });
  if (errors.length > 0) throw invalid(errors);
  return apply(caller, values, now);
}

/** Writes what changed (with its audit entries); unchanged values are left as they are. */
async function apply(caller: Caller, rows: BusinessRow[], now: Date): Promise<ImportResult> {
  const importId = randomUUID();
  const existing = new Map<string, StoredResult>();
  for (const period of new Set(rows.map((row) => row.period))) {
    for (const result of await periodResults(period)) existing.set(`${result.unitCode}#${result.period}#${result.indicatorCode}`, result);
  }
  const changes = rows.flatMap((row) => {
    const before = existing.get(`${row.unitCode}#${row.period}#${row.indicatorCode}`);
    if (before?.value === row.value) return [];
    const result: StoredResult = { ...row, importId, by: caller.userId, at: now.toISOString() };
    const target = `经营数据 ${row.unitCode} ${row.period} ${row.indicatorCode}`;
    return [{ result, audit: auditOf(caller, 'results-imported', target, before === undefined ? undefined : String(before.value), String(row.value), now) }];
  });
  // The snapshots of the units changed are marked stale first (a failure after it only leaves a mark too many),
  // then re-scored in the background from the results written.
  const touched = new Map<string, Set<string>>();
  for (const { result } of changes) touched.set(yearOfPeriod(result.period), (touched.get(yearOfPeriod(result.period)) ?? new Set()).add(result.unitCode));
  for (const [year, unitCodes] of touched) await markSnapshotsStale(year, [...unitCodes], now.toISOString());
  await writeResults(changes);
  for (const [year, unitCodes] of touched) await requestRescore(year, [...unitCodes], importId, now);
  return { imported: rows.length, changed: changes.length, unchanged: rows.length - changes.length, importId };
}
