import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../../shared/api/errors';
import {
  CATEGORY_LABELS,
  MEMBER_CATEGORIES,
  ROLES,
  ROLE_LABELS,
  memberCategorySchema,
  memberNameSchema,
  monthSchema,
  orgIdSchema,
  postTagSchema,
  roleSchema,
  userIdSchema,
  type MemberCategory,
  type Role,
} from '../../shared/api/identity-model';

/** One roster row after validation; `roles` is absent when the cell was empty (keep what the member has). */
export interface RosterRow {
  row: number;
  userId: string;
  name: string;
  branchId: string;
  category: MemberCategory;
  postTags: string[];
  roles?: Role[];
  admittedMonth?: string;
}

/** Column names accepted in the header row: English keys or the Chinese headings finance staff use. */
const HEADER_ALIASES: Record<string, keyof Omit<RosterRow, 'row'>> = {
  userid: 'userId', 账号: 'userId', 企业微信账号: 'userId',
  name: 'name', 姓名: 'name',
  branchid: 'branchId', 支部编号: 'branchId',
  category: 'category', 类别: 'category', 人员类别: 'category',
  posttags: 'postTags', 岗位标签: 'postTags', 岗位: 'postTags',
  roles: 'roles', 角色: 'roles',
  admittedmonth: 'admittedMonth', 入党月份: 'admittedMonth',
};
const REQUIRED_COLUMNS = ['userId', 'name', 'branchId', 'category'] as const;
export const MAX_ROSTER_ROWS = 5000;

const byLabel = <T extends string>(labels: Record<T, string>) =>
  new Map(Object.entries(labels).map(([key, label]) => [label as string, key as T]));
const CATEGORY_BY_LABEL = byLabel(CATEGORY_LABELS);
const ROLE_BY_LABEL = byLabel(ROLE_LABELS);

const splitList = (cell: string) =>
  cell
    .split(/[;；、|]/)
    .map((part) => part.trim())
    .filter(Boolean);

export type RosterParse = { rows: RosterRow[]; errors: [] } | { rows: []; errors: ErrorDetail[] };

/**
 * Parses and validates a roster CSV completely before anything is written; every bad row is reported
 * with its line number, so a secretary can fix the file in one pass.
 */
export function parseRoster(csvText: string, knownBranches: Set<string>): RosterParse {
  let records: string[][];
  try {
    records = parse(csvText, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], errors: [{ row: line, message: `文件不是有效的 CSV（第 ${line ?? '?'} 行附近格式错误）` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ message: '文件是空的' }] };
  const columns = header.map((cell) => HEADER_ALIASES[cell.replace(/\s/g, '').toLowerCase()] ?? HEADER_ALIASES[cell.trim()]);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) return { rows: [], errors: [{ row: 1, message: `缺少必填列：${missing.join('、')}` }] };
  if (body.length === 0) return { rows: [], errors: [{ message: '文件里没有党员数据' }] };
  if (body.length > MAX_ROSTER_ROWS) return { rows: [], errors: [{ message: `一次最多导入 ${MAX_ROSTER_ROWS} 行，请分批上传` }] };

  const rows: RosterRow[] = [];
  const errors: ErrorDetail[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((cells, index) => {
    const rowNumber = index + 2;
    const cell = (name: keyof Omit<RosterRow, 'row'>) => cells[columns.indexOf(name)] ?? '';
    const problems: string[] = [];
    const check = <T>(result: { success: true; data: T } | { success: false }, problem: string): T | undefined => {
      if (result.success) return result.data;
      problems.push(problem);
      return undefined;
    };
    const userId = check(userIdSchema.safeParse(cell('userId')), '账号格式不正确');
    const name = check(memberNameSchema.safeParse(cell('name')), '姓名不能为空且不超过 32 字');
    const branchId = check(orgIdSchema.safeParse(cell('branchId')), '支部编号格式不正确');
    if (branchId && !knownBranches.has(branchId)) problems.push(`支部编号 ${branchId} 不存在`);
    const rawCategory = cell('category');
    const category = check(memberCategorySchema.safeParse(CATEGORY_BY_LABEL.get(rawCategory) ?? rawCategory), `人员类别应为：${MEMBER_CATEGORIES.map((c) => CATEGORY_LABELS[c]).join('、')}`);
    const postTags = splitList(cell('postTags'));
    if (postTags.length > 10 || postTags.some((tag) => !postTagSchema.safeParse(tag).success)) problems.push('岗位标签最多 10 个，每个不超过 16 字');
    const roleCells = splitList(cell('roles'));
    const roles = roleCells.map((r) => check(roleSchema.safeParse(ROLE_BY_LABEL.get(r) ?? r), `角色应为：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}`));
    const admitted = cell('admittedMonth');
    const admittedMonth = admitted ? check(monthSchema.safeParse(admitted), '入党月份格式应为 YYYY-MM') : undefined;
    if (userId) {
      const first = firstRowOf.get(userId);
      if (first !== undefined) problems.push(`账号与第 ${first} 行重复`);
      else firstRowOf.set(userId, rowNumber);
    }
    if (problems.length > 0 || !userId || !name || !branchId || !category) {
      errors.push({ row: rowNumber, message: `第 ${rowNumber} 行：${[...new Set(problems)].join('；')}` });
      return;
    }
    rows.push({
      row: rowNumber,
      userId,
      name,
      branchId,
      category,
      postTags,
      roles: roleCells.length > 0 ? [...new Set(roles.filter((r): r is Role => r !== undefined))] : undefined,
      admittedMonth,
    });
  });
  return errors.length > 0 ? { rows: [], errors } : { rows, errors: [] };
}
