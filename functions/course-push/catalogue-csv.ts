import {
  COURSE_STATUS_LABELS,
  COURSE_TYPE_LABELS,
  courseIdSchema,
  courseInputSchema,
  type CourseInput,
} from '../../shared/api/courses';
import type { ErrorDetail } from '../../shared/api/errors';
import { CATEGORY_LABELS } from '../../shared/api/identity-model';
import { byLabel, readCsvTable, splitCsvList, type CsvRow } from '../../shared/runtime/csv-table';

type Column = 'courseId' | 'title' | 'summary' | 'type' | 'hours' | 'tags' | 'targetCategories' | 'targetPosts' | 'required' | 'dueDate' | 'status' | 'chapters' | 'quiz';

const LABELS: Record<Column, string> = {
  courseId: '课程编号', title: '课程名称', summary: '简介', type: '类型', hours: '学时', tags: '标签',
  targetCategories: '适用类别', targetPosts: '适用岗位', required: '必修', dueDate: '截止日期', status: '状态',
  chapters: '章节', quiz: '测验',
};
const ALIASES: Record<string, Column> = {
  ...Object.fromEntries(Object.entries(LABELS).map(([column, label]) => [label, column as Column])),
  ...Object.fromEntries(Object.keys(LABELS).map((column) => [column.toLowerCase(), column as Column])),
  编号: 'courseId', 标题: 'title', 名称: 'title', 课程简介: 'summary', 课程类型: 'type', 必修选修: 'required', 必修或选修: 'required', 状态: 'status',
  课程内容: 'chapters', 内容: 'chapters', 题库: 'quiz', 课程测验: 'quiz',
};
export const MAX_COURSE_ROWS = 1000;

const TYPE_BY_LABEL = byLabel(COURSE_TYPE_LABELS);
const CATEGORY_BY_LABEL = byLabel(CATEGORY_LABELS);
const STATUS_BY_LABEL = new Map([...byLabel(COURSE_STATUS_LABELS), ['上架', 'published'], ['下架', 'archived']]);
const YES = new Set(['必修', '是', 'true', '1', 'y', 'yes']);
const NO = new Set(['选修', '否', 'false', '0', 'n', 'no', '']);

export interface CourseRow {
  row: number;
  courseId: string;
  input: CourseInput;
  /** The row's content cells were empty: an existing course keeps its chapters and quiz. */
  keepsContent: boolean;
}

/** Content cells hold JSON (the chapters array, the quiz's questions), as the catalogue export writes them. */
function jsonCell(row: CsvRow<Column>, column: 'chapters' | 'quiz', problems: string[]): unknown {
  const cell = row.cell(column);
  if (cell === '') return undefined;
  try {
    return JSON.parse(cell);
  } catch {
    problems.push(`${LABELS[column]}一栏应为 JSON 数组`);
    return undefined;
  }
}

export type CourseCsvParse = { rows: CourseRow[]; errors: [] } | { rows: []; errors: ErrorDetail[] };

function candidate(row: CsvRow<Column>): { value: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  const required = row.cell('required').toLowerCase();
  if (!YES.has(required) && !NO.has(required)) problems.push('必修一栏应填「必修」或「选修」');
  const hours = Number(row.cell('hours'));
  const status = row.cell('status');
  const chapters = jsonCell(row, 'chapters', problems);
  const quiz = jsonCell(row, 'quiz', problems);
  return {
    problems,
    value: {
      title: row.cell('title'),
      summary: row.cell('summary'),
      type: TYPE_BY_LABEL.get(row.cell('type')) ?? row.cell('type'),
      hours: row.cell('hours') === '' || Number.isNaN(hours) ? row.cell('hours') : hours,
      tags: splitCsvList(row.cell('tags')),
      targetCategories: splitCsvList(row.cell('targetCategories')).map((cell) => CATEGORY_BY_LABEL.get(cell) ?? cell),
      targetPosts: splitCsvList(row.cell('targetPosts')),
      required: YES.has(required),
      ...(row.cell('dueDate') ? { dueDate: row.cell('dueDate') } : {}),
      ...(status ? { status: STATUS_BY_LABEL.get(status) ?? status } : {}),
      ...(chapters !== undefined ? { chapters } : {}),
      ...(quiz !== undefined ? { quiz } : {}),
    },
  };
}

/** Where inside a content cell an issue is: 「第 2 节」, 「第 1 题」. */
function issueWhere(path: readonly PropertyKey[]): string {
  const [column, index] = path;
  if (typeof index !== 'number') return '';
  return column === 'quiz' ? `第 ${index + 1} 题` : `第 ${index + 1} 节`;
}

/**
 * Parses and validates a catalogue CSV completely before anything is written (same contract as the
 * roster import): every bad row is reported with its line number and the field in Chinese.
 */
export function parseCourseCsv(csvText: string): CourseCsvParse {
  const table = readCsvTable(csvText, { aliases: ALIASES, required: ['courseId', 'title', 'type', 'hours', 'tags'], labels: LABELS, maxRows: MAX_COURSE_ROWS, noun: '课程' });
  if (table.errors.length > 0) return { rows: [], errors: table.errors };
  const rows: CourseRow[] = [];
  const errors: ErrorDetail[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of table.rows) {
    const problems: string[] = [];
    const id = courseIdSchema.safeParse(row.cell('courseId'));
    if (!id.success) problems.push(id.error.issues[0]?.message ?? '课程编号不正确');
    else if (firstRowOf.has(id.data)) problems.push(`课程编号与第 ${firstRowOf.get(id.data)} 行重复`);
    else firstRowOf.set(id.data, row.row);
    const { value, problems: cellProblems } = candidate(row);
    problems.push(...cellProblems);
    const input = courseInputSchema.safeParse(value);
    if (!input.success) {
      for (const issue of input.error.issues) problems.push(`${LABELS[issue.path[0] as Column] ?? '内容'}${issueWhere(issue.path)}：${issue.message}`);
    }
    if (problems.length > 0 || !id.success || !input.success) {
      errors.push({ row: row.row, message: `第 ${row.row} 行：${[...new Set(problems)].join('；')}` });
      continue;
    }
    rows.push({ row: row.row, courseId: id.data, input: input.data, keepsContent: row.cell('chapters') === '' && row.cell('quiz') === '' });
  }
  return errors.length > 0 ? { rows: [], errors } : { rows, errors: [] };
}
