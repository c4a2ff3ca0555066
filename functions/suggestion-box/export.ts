import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES, type SuggestionStatus } from '../../shared/api/suggestions';
import { AppError } from '../../shared/runtime/app-error';
import { shanghaiMinute } from '../../shared/runtime/shanghai-time';
import type { StoredSuggestion } from './model';
import { orgUnitNames, suggestionsByStatus } from './store';

/** The most rows one export carries; beyond it the admin narrows the export by status. */
export const EXPORT_MAX_ROWS = 5000;
const shanghai = tz('Asia/Shanghai');

/** A CSV cell: quoted, and a leading formula character neutralised so a spreadsheet shows text, never runs it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

const HEADER = ['编号', '提交时间', '类别', '状态', '支部', '提交人', '标题', '内容', '答复', '评价'];

export function exportRow(s: StoredSuggestion, branchName: string): string[] {
  return [
    s.id,
    shanghaiMinute(s.createdAt),
    SUGGESTION_CATEGORIES[s.category],
    SUGGESTION_STATUSES[s.status],
    branchName,
    // An anonymous suggestion has no author to export: nothing about them is stored.
    s.anonymous || !s.authorName ? '匿名' : s.authorName,
    s.title,
    s.content,
    s.reply?.text ?? '',
    s.rating !== undefined ? String(s.rating) : '',
  ];
}

/** All suggestions (or those of one status) as CSV with a BOM, so spreadsheet software reads the Chinese. */
export async function exportSuggestions(status: SuggestionStatus | undefined, now = new Date()): Promise<{ filename: string; csv: string; rows: number }> {
  const statuses = status ? [status] : (Object.keys(SUGGESTION_STATUSES) as SuggestionStatus[]);
  const names = await orgUnitNames();
  const rows: string[][] = [];
  for (const each of statuses) {
    let cursor: string | undefined;
    do {
      const page = await suggestionsByStatus(each, { limit: 100, cursor });
      for (const s of page.items) rows.push(exportRow(s, names.get(s.branchId) ?? s.branchId));
      if (rows.length > EXPORT_MAX_ROWS) throw new AppError(400, 'VALIDATION_FAILED', `意见超过 ${EXPORT_MAX_ROWS} 条，请按状态分别导出`);
      cursor = page.nextCursor;
    } while (cursor);
  }
  const csv = `\ufeff${[HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  return { filename: `suggestions-${format(now, 'yyyyMMdd-HHmm', { in: shanghai })}.csv`, csv, rows: rows.length };
}
