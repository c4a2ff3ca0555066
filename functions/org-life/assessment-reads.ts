import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { queryAll } from '../../shared/runtime/db-helpers';
import { meetingsIndex, orgLifeKeys } from './keys';
import type { Rhythm } from '../../shared/api/org-life';
import { DEFAULT_RHYTHM, dueAgainstHeld, periodBounds, type HeldMeeting } from './rhythm';

/**
 * Organisation life's read for the party-building assessment (functions/assessment): of the meetings a branch's
 * rhythm made due in periods lying wholly within the range, how many were held (at most as many as were due, so
 * extra meetings do not make up for missing ones). A period still running at the range's end is not counted yet.
 * Read-only: the branch's settings item and its meetings index.
 */
export async function meetingsHeldAsDue(branchId: string, range: { from: string; to: string }): Promise<{ due: number; held: number }> {
  const [settings, items] = await Promise.all([
    db().send(new GetCommand({ TableName: tableName(), Key: orgLifeKeys.settings(branchId) })),
    queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': meetingsIndex(branchId), ':from': range.from, ':to': `${range.to}~` } }),
  ]);
  const rhythm = (settings.Item?.rhythm as Rhythm | undefined) ?? DEFAULT_RHYTHM;
  const meetings: HeldMeeting[] = items.map((item) => ({ type: item.meetingType as HeldMeeting['type'], startAt: String(item.startAt), status: item.status as HeldMeeting['status'] }));
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const years = new Set([new Date(from).getUTCFullYear(), new Date(to).getUTCFullYear()]);
  let due = 0;
  let held = 0;
  for (const year of years) {
    for (const row of dueAgainstHeld(year, rhythm, meetings, new Date(to), 0)) {
      const { start, end } = periodBounds(row.period);
      if (start.getTime() < from || end.getTime() > to) continue;
      due += row.due;
      held += Math.min(row.held, row.due);
    }
  }
  return { due, held };
}
