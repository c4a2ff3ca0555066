import { batchGet, queryAll } from '../../shared/runtime/db-helpers';
import { audienceIndexKeys, signupKeys } from './keys';

/**
 * The sign-up capability's read for the party-building assessment (functions/assessment): of a branch's members
 * who were confirmed for an activity with check-in that started in a period, how many took part (checked in).
 * Participation of those who signed up — never a count of sign-ups or a ranking of people.
 */
export async function participationOfSignedUp(branchId: string, range: { from: string; to: string }): Promise<{ confirmed: number; attended: number }> {
  const ids = new Set<string>();
  for (const audience of [branchId, undefined]) {
    const entries = await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': audienceIndexKeys(audience, '', '').gsi1pk, ':from': range.from, ':to': `${range.to}` },
    });
    for (const entry of entries) ids.add(String(entry.activityId));
  }
  const activities = await batchGet([...ids].map((id) => signupKeys.activity(id)));
  let confirmed = 0;
  let attended = 0;
  for (const activity of activities.filter((item) => item.checkInRequired === true && item.status === 'open' && String(item.endAt) < range.to)) {
    const registrations = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
      ExpressionAttributeValues: { ':pk': signupKeys.activity(String(activity.id)).pk, ':reg': 'REG#' },
    });
    for (const registration of registrations.filter((item) => item.branchId === branchId && item.status === 'confirmed')) {
      confirmed += 1;
      if (typeof registration.checkedInAt === 'string') attended += 1;
    }
  }
  return { confirmed, attended };
}
