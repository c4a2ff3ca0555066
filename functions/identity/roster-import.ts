import type { Member } from '../../shared/api/identity-model';
import type { RosterImportResult } from '../../shared/api/identity';
import { AppError } from '../../shared/runtime/app-error';
import { branchIds } from './org-tree';
import { parseRoster } from './roster-csv';
import { getMembers, listOrgUnits, putMembers } from './store';

/**
 * Imports an admin's roster CSV: every row is validated (against the real branch list too) before
 * anything is written; one bad row means nothing is imported and every bad row is reported.
 * Rows are upserts keyed by WeCom userid, so uploading the same file again is harmless.
 */
export async function importRoster(csvText: string, now = new Date()): Promise<RosterImportResult> {
  const parsed = parseRoster(csvText, branchIds(await listOrgUnits()));
  if (parsed.errors.length > 0) throw new AppError(400, 'CSV_INVALID', undefined, parsed.errors);
  const existing = await getMembers(parsed.rows.map((row) => row.userId));
  const updatedAt = now.toISOString();
  const members: Member[] = parsed.rows.map(({ row: _row, roles, ...fields }) => ({
    ...fields,
    roles: roles ?? existing.get(fields.userId)?.roles ?? ['member'],
    updatedAt,
  }));
  await putMembers(members);
  const updated = members.filter((member) => existing.has(member.userId)).length;
  return { imported: members.length, created: members.length - updated, updated };
}
