import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { queryAll } from '../../shared/runtime/db-helpers';
import { branchMembers } from '../../shared/runtime/member-directory';
import { shanghaiYear } from './calendar';
import { courseKeys } from './keys';
import { DEFAULT_SETTINGS } from './settings';

/**
 * The courses capability's read for the party-building assessment (functions/assessment): of a branch's members,
 * how many had completed their share of the yearly study requirement (32 学时 by default, the courses setting) by
 * the end of a period — the share grows with the quarters (a quarter of it by the end of Q1). A result against the
 * requirement, summed per branch: never a member's study time, never a ranking.
 */
export async function studyRequirementMet(
  branchId: string,
  year: number,
  cutoffs: ReadonlyArray<{ quarter: number; until: string }>,
): Promise<Array<{ quarter: number; members: number; met: number; requiredHours: number }>> {
  const [members, settings] = await Promise.all([
    branchMembers(branchId),
    db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.settings() })),
  ]);
  const annual = Number(settings.Item?.annualStudyHours ?? DEFAULT_SETTINGS.annualStudyHours);
  const completions: Array<Array<{ at: string; tenths: number }>> = [];
  for (const member of members) {
    const records = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :course)',
      ExpressionAttributeValues: { ':pk': courseKeys.learningPartition(member.userId), ':course': 'COURSE#' },
    });
    completions.push(
      records
        .filter((record) => record.completed === true && typeof record.completedAt === 'string' && shanghaiYear(new Date(record.completedAt)) === year)
        .map((record) => ({ at: String(record.completedAt), tenths: Math.round(Number(record.creditedHours ?? 0) * 10) })),
    );
  }
  return cutoffs.map(({ quarter, until }) => {
    const requiredHours = Math.round(((annual * quarter) / 4) * 10) / 10;
    const met = completions.filter((done) => done.filter((item) => item.at < until).reduce((sum, item) => sum + item.tenths, 0) >= requiredHours * 10).length;
    return { quarter, members: members.length, met, requiredHours };
  });
}
