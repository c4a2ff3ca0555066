import type { AppraisalGrade } from '../../shared/api/org-life';

/**
 * The 民主评议 ballot's rules, pure: a voter grades every appraised member of the branch except themself, each
 * exactly once. (Each voter votes once: the store's voted marker.)
 */
export function ballotProblems(subjectIds: string[], voterId: string, grades: Array<{ userId: string; grade: AppraisalGrade }>): string[] {
  const expected = new Set(subjectIds.filter((id) => id !== voterId));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { userId } of grades) {
    if (userId === voterId) problems.push('不能评议自己（个人自评另行进行）');
    else if (!expected.has(userId)) problems.push(`${userId} 不在本次评议名单中`);
    else if (seen.has(userId)) problems.push(`${userId} 被重复评议`);
    seen.add(userId);
  }
  const missing = [...expected].filter((id) => !seen.has(id));
  if (missing.length > 0) problems.push(`还有 ${missing.length} 名党员没有评议`);
  return problems;
}
