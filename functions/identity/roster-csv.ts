import { byLabel, readCsvTable, rowChecks, splitCsvList, validateRows, type CsvRead } from '../../shared/runtime/csv-table';
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

const CATEGORY_BY_LABEL = byLabel(CATEGORY_LABELS);
const ROLE_BY_LABEL = byLabel(ROLE_LABELS);

export type RosterParse = CsvRead<RosterRow>;

/**
 * Parses and validates a roster CSV completely before anything is written; every bad row is reported
 * with its line number, so a secretary can fix the file in one pass.
 */
export function parseRoster(csvText: string, knownBranches: Set<string>): RosterParse {
  const table = readCsvTable(csvText, { aliases: HEADER_ALIASES, required: REQUIRED_COLUMNS, maxRows: MAX_ROSTER_ROWS, noun: '党员数据' });
  if (table.errors.length > 0) return { rows: [], errors: table.errors };
  const firstRowOf = new Map<string, number>();
  return validateRows(table.rows, ({ row: rowNumber, cell }): { value: RosterRow } | { problems: string[] } => {
    const { problems, check } = rowChecks();
    const userId = check(userIdSchema.safeParse(cell('userId')), '账号格式不正确');
    const name = check(memberNameSchema.safeParse(cell('name')), '姓名不能为空且不超过 32 字');
    const branchId = check(orgIdSchema.safeParse(cell('branchId')), '支部编号格式不正确');
    if (branchId && !knownBranches.has(branchId)) problems.push(`支部编号 ${branchId} 不存在`);
    const rawCategory = cell('category');
    const category = check(memberCategorySchema.safeParse(CATEGORY_BY_LABEL.get(rawCategory) ?? rawCategory), `人员类别应为：${MEMBER_CATEGORIES.map((c) => CATEGORY_LABELS[c]).join('、')}`);
    const postTags = splitCsvList(cell('postTags'));
    if (postTags.length > 10 || postTags.some((tag) => !postTagSchema.safeParse(tag).success)) problems.push('岗位标签最多 10 个，每个不超过 16 字');
    const roleCells = splitCsvList(cell('roles'));
    const roles = roleCells.map((r) => check(roleSchema.safeParse(ROLE_BY_LABEL.get(r) ?? r), `角色应为：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}`));
    const admitted = cell('admittedMonth');
    const admittedMonth = admitted ? check(monthSchema.safeParse(admitted), '入党月份格式应为 YYYY-MM') : undefined;
    if (userId) {
      const first = firstRowOf.get(userId);
      if (first !== undefined) problems.push(`账号与第 ${first} 行重复`);
      else firstRowOf.set(userId, rowNumber);
    }
    if (problems.length > 0 || !userId || !name || !branchId || !category) return { problems };
    return {
      value: {
        row: rowNumber,
        userId,
        name,
        branchId,
        category,
        postTags,
        roles: roleCells.length > 0 ? [...new Set(roles.filter((r): r is Role => r !== undefined))] : undefined,
        admittedMonth,
      },
    };
  });
}
