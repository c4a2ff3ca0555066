import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../shared/runtime/db';
import { cancellationReasons, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { suggestionKeys } from './keys';
import type { StoredEvent, StoredSuggestion } from './model';

/**
 * A suggestion's own item and its history events: reading one and moving it to its next state. Apart from the
 * rest of the store so that a module answering suggestions (meeting-loop.ts, used by organisation life) reaches
 * these items only, and its function's role is granted nothing more (SUGG#…).
 */

export function suggestionItem(s: StoredSuggestion): Item {
  return {
    ...suggestionKeys.suggestion(s.id),
    ...suggestionKeys.byBranch(s.branchId, s.status, s.createdAt, s.id),
    ...suggestionKeys.byStatus(s.status, s.createdAt, s.id),
    type: 'suggestion',
    ...s,
  };
}

export function toSuggestion(item: Item): StoredSuggestion {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, type: _type, ...rest } = item;
  return rest as unknown as StoredSuggestion;
}

export function eventItem(suggestionId: string, event: StoredEvent, n: number): Item {
  return { ...suggestionKeys.event(suggestionId, event.at, String(n).padStart(2, '0')), type: 'suggestion-event', ...event };
}

export async function getSuggestion(id: string): Promise<StoredSuggestion | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: suggestionKeys.suggestion(id), ConsistentRead: true }));
  return Item ? toSuggestion(Item) : undefined;
}

/**
 * Replaces a suggestion with its next state and records the event, only if nobody changed it since it
 * was read (same status and updatedAt). Returns false when someone did: the caller re-reads and explains.
 */
export async function saveTransition(previous: StoredSuggestion, next: StoredSuggestion, event: StoredEvent): Promise<boolean> {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: suggestionItem(next),
          // A rating is given once: two concurrent ratings of an anonymous suggestion may carry the same updatedAt.
          ConditionExpression: `#status = :status AND updatedAt = :updatedAt${previous.rating === undefined ? ' AND attribute_not_exists(rating)' : ''}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': previous.status, ':updatedAt': previous.updatedAt },
        },
      },
      { Put: { TableName: tableName(), Item: eventItem(next.id, event, 0), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

// ── organisation (read-only, owned by identity) ─────────────────────────────────────────────────

let branchNames: { names: Map<string, string>; at: number } | undefined;
const ORG_CACHE_MS = 5 * 60_000;

/** Names of organisation units, cached per Lambda copy for a few minutes (they rarely change). */
export async function orgUnitNames(): Promise<Map<string, string>> {
  if (branchNames && Date.now() - branchNames.at < ORG_CACHE_MS) return branchNames.names;
  const names = new Map((await organisationUnits()).map((unit) => [unit.id, unit.name]));
  branchNames = { names, at: Date.now() };
  return names;
}
