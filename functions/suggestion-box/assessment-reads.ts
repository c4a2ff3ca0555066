import type { SuggestionStatus } from '../../shared/api/suggestions';
import { queryAll } from '../../shared/runtime/db-helpers';
import { suggestionKeys } from './keys';

/**
 * The suggestion box's read for the party-building assessment (functions/assessment): of the suggestions a
 * branch received in a period (submitted between `from` and `to`, past review), how many were replied to within
 * `replyDays`, and the members' ratings of the handling. Counts and sums only: no suggestion, author or text
 * leaves this module.
 */
export async function suggestionHandling(
  branchId: string,
  range: { from: string; to: string },
  replyDays: number,
): Promise<{ received: number; repliedInTime: number; ratings: number; ratingSum: number }> {
  const handled: SuggestionStatus[] = ['open', 'in_progress', 'replied'];
  let received = 0;
  let repliedInTime = 0;
  let ratings = 0;
  let ratingSum = 0;
  for (const status of handled) {
    const items = await queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': suggestionKeys.branchPartition(branchId), ':from': `${status}#${range.from}`, ':to': `${status}#${range.to}` },
      ProjectionExpression: 'createdAt, reply, rating',
    });
    for (const item of items) {
      received += 1;
      const reply = item.reply as { at?: string } | undefined;
      if (reply?.at && Date.parse(reply.at) - Date.parse(String(item.createdAt)) <= replyDays * 86_400_000) repliedInTime += 1;
      if (typeof item.rating === 'number') {
        ratings += 1;
        ratingSum += item.rating;
      }
    }
  }
  return { received, repliedInTime, ratings, ratingSum };
}
