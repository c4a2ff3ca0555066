import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../api/errors';

/**
 * Reading an uploaded CSV the way finance staff make them (Excel, a byte-order mark, Chinese or English
 * headings) and validating it completely before anything is written: every bad row is reported with its line
 * number and no row at all is returned when one is bad, so an upload is never half-imported.
 */

export interface CsvRow<Column extends string> {
  /** Line number in the file (the heading is line 1). */
  row: number;
  cell(column: Column): string;
}

export type CsvRead<T> = { rows: T[]; errors: [] } | { rows: []; errors: ErrorDetail[] };

export interface CsvShape<Column extends string> {
  /** Heading (lower-cased, spaces removed, or as written) → column. */
  aliases: Record<string, Column>;
  required: readonly Column[];
  /** Column → the heading people know it by, for messages ("缺少必填列：课程名称"). */
  labels?: Partial<Record<Column, string>>;
  maxRows: number;
  /** What the file is a list of, for messages: "党员数据". */
  noun: string;
}

/** Splits a file into rows by its headings; the file-level problems (format, headings, size) come back as errors. */
export function readCsvTable<Column extends string>(text: string, shape: CsvShape<Column>): CsvRead<CsvRow<Column>> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], errors: [{ row: line, message: `文件不是有效的 CSV（第 ${line ?? '?'} 行附近格式错误）` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ message: '文件是空的' }] };
  const columns = header.map((heading) => shape.aliases[heading.replace(/\s/g, '').toLowerCase()] ?? shape.aliases[heading.trim()]);
  const missing = shape.required.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return { rows: [], errors: [{ row: 1, message: `缺少必填列：${missing.map((column) => shape.labels?.[column] ?? column).join('、')}` }] };
  }
  if (body.length === 0) return { rows: [], errors: [{ message: `文件里没有${shape.noun}` }] };
  if (body.length > shape.maxRows) return { rows: [], errors: [{ message: `一次最多导入 ${shape.maxRows} 行，请分批上传` }] };
  return {
    rows: body.map((cells, index) => ({ row: index + 2, cell: (column: Column) => cells[columns.indexOf(column)] ?? '' })),
    errors: [],
  };
}

/**
 * Validates every row: `check` answers the row's value or its problems in plain words. One bad row means
 * no rows, and all the bad rows listed.
 */
export function validateRows<Column extends string, T>(rows: CsvRow<Column>[], check: (row: CsvRow<Column>) => { value: T } | { problems: string[] }): CsvRead<T> {
  const values: T[] = [];
  const errors: ErrorDetail[] = [];
  for (const row of rows) {
    const outcome = check(row);
    if ('value' in outcome) values.push(outcome.value);
    else errors.push({ row: row.row, message: `第 ${row.row} 行：${[...new Set(outcome.problems)].join('；')}` });
  }
  return errors.length > 0 ? { rows: [], errors } : { rows: values, errors: [] };
}

/** A cell holding a list: "护林;防火瞭望", "党员、党费管理员". */
export const splitCsvList = (cell: string): string[] =>
  cell
    .split(/[;；、|]/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Label → key, for cells that may hold a Chinese label ("护林员") or the key itself. */
export const byLabel = <T extends string>(labels: Record<T, string>) => new Map(Object.entries(labels).map(([key, label]) => [label as string, key as T]));

/** Collects a row's problems while checking its cells against contract schemas. */
export function rowChecks(): { problems: string[]; check: <T>(result: { success: true; data: T } | { success: false }, problem: string) => T | undefined } {
  const problems: string[] = [];
  return {
    problems,
    check: (result, problem) => {
      if (result.success) return result.data;
      problems.push(problem);
      return undefined;
    },
  };
}
