import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SuggestionStatus } from '../../shared/api/suggestions';
import { db, tableName } from '../../shared/runtime/db';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, transactWrite, type Item } from '../../shared/runtime/db-helpers';
import { decodeCursor, encodeCursor } from '../../shared/runtime/page-cursor';
import { keys } from '../../shared/runtime/table';
import { rateCounterExpiry } from './anonymous-time';
import { suggestionKeys } from './keys';
import type { StoredEvent, StoredSuggestion } from './model';
import { eventItem, suggestionItem, toSuggestion } from './suggestion-items';

export { getSuggestion, orgUnitNames, saveTransition } from './suggestion-items';

/** The only module of the suggestion box that knows DynamoDB (item layout: keys.ts). */

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 86_400;
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);



// ── submitting ──────────────────────────────────────────────────────────────────────────────────

export async function findRequest(authorTag: string, clientRequestId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: suggestionKeys.request(authorTag, clientRequestId), ConsistentRead: true }));
  return typeof Item?.suggestionId === 'string' ? Item.suggestionId : undefined;
}

/** The anonymous suggestion a secret's hash stands for, if any. */
export async function findOwned(ownerHash: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: suggestionKeys.owner(ownerHash), ConsistentRead: true }));
  return typeof Item?.suggestionId === 'string' ? Item.suggestionId : undefined;
}

/** How a submission is recognised when it arrives again: by the member's request id, or by the anonymous secret. */
export type SubmissionClaim = { kind: 'named'; authorTag: string; clientRequestId: string } | { kind: 'anonymous'; ownerHash: string };

export interface NewSuggestion {
  suggestion: StoredSuggestion;
  events: StoredEvent[];
  claim: SubmissionClaim;
  /** The member's counter of this hour (author.ts rateTag), and its limit. */
  rateTag: string;
  limit: number;
  now: Date;
}

function rateUpdate(rateTag: string, limit: number, now: Date) {
  return {
    TableName: tableName(),
    Key: suggestionKeys.rateCounter(rateTag),
    UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': rateCounterExpiry(now) },
  };
}

function claimItem(claim: SubmissionClaim, suggestionId: string, now: Date): Item {
  return claim.kind === 'named'
    ? { ...suggestionKeys.request(claim.authorTag, claim.clientRequestId), type: 'suggestion-request', suggestionId, ttl: epoch(now) + 7 * DAY_SECONDS }
    : { ...suggestionKeys.owner(claim.ownerHash), type: 'suggestion-owner', suggestionId };
}

/**
 * Stores a new suggestion with everything that belongs to it, or nothing: the outcome says whether it was
 * created, the submission had been seen (a repeat), or the member is over the hourly limit. Only a named
 * suggestion gets an entry under its author's tag.
 */
export async function createSuggestion(input: NewSuggestion): Promise<'created' | 'duplicate' | 'rate-limited'> {
  const { suggestion, claim, now } = input;
  try {
    await transactWrite([
      { Put: { TableName: tableName(), Item: claimItem(claim, suggestion.id, now), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Update: rateUpdate(input.rateTag, input.limit, now) },
      { Put: { TableName: tableName(), Item: suggestionItem(suggestion), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(claim.kind === 'named'
        ? [{ Put: { TableName: tableName(), Item: { ...suggestionKeys.authorPointer(claim.authorTag, suggestion.createdAt, suggestion.id), type: 'suggestion-pointer', suggestionId: suggestion.id } } }]
        : []),
      ...input.events.map((event, n) => ({ Put: { TableName: tableName(), Item: eventItem(suggestion.id, event, n) } })),
    ]);
    return 'created';
  } catch (error) {
    const codes = cancellationReasons(error);
    if (codes?.[0] === 'ConditionalCheckFailed') return 'duplicate';
    if (codes?.[1] === 'ConditionalCheckFailed') return 'rate-limited';
    throw error;
  }
}

/** Counts an attempt that stored nothing (blocked text) against the hourly limit; false when over it. */
export async function countAttempt(rateTag: string, limit: number, now: Date): Promise<boolean> {
  try {
    await db().send(new UpdateCommand(rateUpdate(rateTag, limit, now)));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────

async function getSuggestions(ids: string[]): Promise<Map<string, StoredSuggestion>> {
  const items = await batchGet(ids.map((id) => suggestionKeys.suggestion(id)));
  return new Map(items.map((item) => [String(item.id), toSuggestion(item)]));
}

export async function suggestionsOfAuthor(authorTag: string, limit: number, cursor?: string): Promise<Page<StoredSuggestion>> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': suggestionKeys.authorPartition(authorTag) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  const ids = (reply.Items ?? []).map((item) => String(item.suggestionId));
  const byId = await getSuggestions(ids);
  const items = ids.map((id) => byId.get(id)).filter((s): s is StoredSuggestion => s !== undefined);
  return { items, nextCursor: encodeCursor(reply.LastEvaluatedKey) };
}

/** The anonymous suggestions the given secret hashes stand for, by hash (unknown hashes are left out). */
export async function suggestionsOwnedBy(ownerHashes: string[]): Promise<Map<string, StoredSuggestion>> {
  const entries = await batchGet(ownerHashes.map((hash) => suggestionKeys.owner(hash)));
  const byId = await getSuggestions(entries.map((entry) => String(entry.suggestionId)));
  const owned = new Map<string, StoredSuggestion>();
  for (const entry of entries) {
    const suggestion = byId.get(String(entry.suggestionId));
    if (suggestion) owned.set(String(entry.pk).slice('SUGG-OWNER#'.length), suggestion);
  }
  return owned;
}

export interface ListOptions {
  limit: number;
  cursor?: string;
  category?: string;
  oldestFirst?: boolean;
}

async function queryIndex(index: 'gsi1' | 'gsi2', keyCondition: string, values: Item, options: ListOptions): Promise<Page<StoredSuggestion>> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: keyCondition,
      ExpressionAttributeValues: { ...values, ...(options.category ? { ':category': options.category } : {}) },
      ...(options.category ? { FilterExpression: 'category = :category' } : {}),
      ScanIndexForward: options.oldestFirst ?? false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  );
  return { items: (reply.Items ?? []).map(toSuggestion), nextCursor: encodeCursor(reply.LastEvaluatedKey) };
}

export function suggestionsByStatus(status: SuggestionStatus, options: ListOptions): Promise<Page<StoredSuggestion>> {
  return queryIndex('gsi2', 'gsi2pk = :pk', { ':pk': suggestionKeys.statusPartition(status) }, options);
}

export function suggestionsOfBranch(branchId: string, status: SuggestionStatus, options: ListOptions): Promise<Page<StoredSuggestion>> {
  return queryIndex('gsi1', 'gsi1pk = :pk AND begins_with(gsi1sk, :status)', { ':pk': suggestionKeys.branchPartition(branchId), ':status': `${status}#` }, options);
}

export async function suggestionWithHistory(id: string): Promise<{ suggestion: StoredSuggestion; events: StoredEvent[] } | undefined> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': suggestionKeys.partition(id) }, ConsistentRead: true });
  const main = items.find((item) => item.sk === 'SUGGESTION');
  if (!main) return undefined;
  const events = items
    .filter((item) => String(item.sk).startsWith('EVENT#'))
    .map(({ at, action, actorId, actorName, note }) => ({ at, action, actorId, actorName, note }) as StoredEvent);
  return { suggestion: toSuggestion(main), events };
}

// ── changing ────────────────────────────────────────────────────────────────────────────────────


// ── migration (a job: Scan is fine off the request path) ────────────────────────────────────────

/** Every item of the suggestion box (pk SUGG…), for the one-off migration of the old anonymity design. */
export async function scanSuggestionItems(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const reply = await db().send(
      new ScanCommand({ TableName: tableName(), FilterExpression: 'begins_with(pk, :sugg)', ExpressionAttributeValues: { ':sugg': 'SUGG' }, ExclusiveStartKey: start }),
    );
    items.push(...(reply.Items ?? []));
    start = reply.LastEvaluatedKey;
  } while (start);
  return items;
}

export const storedSuggestionOf = (item: Item): StoredSuggestion => toSuggestion(item);
export const storedEventOf = ({ at, action, actorId, actorName, note }: Item): StoredEvent => ({ at, action, actorId, actorName, note }) as StoredEvent;
const keyOf = (item: Item) => ({ pk: item.pk, sk: item.sk });

export interface AnonymousRewrite {
  previous: StoredSuggestion;
  next: StoredSuggestion;
  /** Event items whose sort keys carry old times (deleted), and the same events to write under their new times. */
  oldEvents: Item[];
  newEvents: Array<{ event: StoredEvent; n: string }>;
  /** Items of the old design that point at the suggestion under its author's tag. */
  links: Item[];
}

/**
 * Rewrites one anonymous suggestion and removes its links in one transaction, only if nobody changed it since
 * the scan (false then: the next run picks it up).
 */
export async function rewriteAnonymous(rewrite: AnonymousRewrite): Promise<boolean> {
  const { previous, next } = rewrite;
  const rewritten = new Set(rewrite.newEvents.map(({ event, n }) => suggestionKeys.event(next.id, event.at, n).sk));
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: suggestionItem(next),
          ConditionExpression: '#status = :status AND updatedAt = :updatedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': previous.status, ':updatedAt': previous.updatedAt },
        },
      },
      ...rewrite.oldEvents.filter((item) => !rewritten.has(String(item.sk))).map((item) => ({ Delete: { TableName: tableName(), Key: keyOf(item) } })),
      ...rewrite.newEvents.map(({ event, n }) => ({
        Put: { TableName: tableName(), Item: { ...suggestionKeys.event(next.id, event.at, n), type: 'suggestion-event', ...event } },
      })),
      ...rewrite.links.map((item) => ({ Delete: { TableName: tableName(), Key: keyOf(item) } })),
    ]);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** Drops the old per-suggestion owner tag of a named suggestion (it names its author anyway; the tag is unused). */
export async function dropOwnerTag(id: string): Promise<void> {
  await db().send(
    new UpdateCommand({ TableName: tableName(), Key: suggestionKeys.suggestion(id), UpdateExpression: 'REMOVE ownerTag', ConditionExpression: 'attribute_exists(pk)' }),
  ).catch((error: unknown) => {
    if (!isConditionFailure(error)) throw error;
  });
}

export async function deleteItem(item: Item): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keyOf(item) }));
}

// ── organisation (read-only, owned by identity) ─────────────────────────────────────────────────

/** A member's WeChat openid, where a WeChat sign-in recorded one on the profile (msgSecCheck needs it). */
export async function wechatOpenIdOf(userId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.member(userId), ProjectionExpression: 'wechatOpenId' }));
  return typeof Item?.wechatOpenId === 'string' ? Item.wechatOpenId : undefined;
}

// ── early warning ───────────────────────────────────────────────────────────────────────────────

export interface WarningCounts {
  blocked: number;
  held: number;
}

export interface WarningCounterKeys {
  bucketStart: string;
  day: string;
  branchId: string;
  category: string;
}

/** Adds hits to the 10-minute bucket and the day counter of a branch and category. */
export async function addWarningHits(target: WarningCounterKeys, counts: WarningCounts): Promise<void> {
  const add = (key: Item, ttl: number) =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'ADD blocked :blocked, held :held SET #ttl = :ttl, branchId = :branch, category = :category',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':blocked': counts.blocked, ':held': counts.held, ':ttl': ttl, ':branch': target.branchId, ':category': target.category },
      }),
    );
  // Expiries count from the bucket's start and the day, not from now: the moment of a held anonymous
  // suggestion is not written here either (anonymous-time.ts).
  const bucketEpoch = epoch(new Date(target.bucketStart));
  await Promise.all([
    add(suggestionKeys.warningBucket(target.bucketStart, target.branchId, target.category), bucketEpoch + 2 * DAY_SECONDS),
    add(suggestionKeys.warningDay(target.day, target.branchId, target.category), bucketEpoch + 60 * DAY_SECONDS),
  ]);
}

/** Counts of a branch and category in the given buckets and days (missing ones count zero). */
export async function warningCounts(branchId: string, category: string, bucketStarts: string[], days: string[]): Promise<{ buckets: WarningCounts[]; days: WarningCounts[] }> {
  const wanted = [
    ...bucketStarts.map((start) => suggestionKeys.warningBucket(start, branchId, category)),
    ...days.map((day) => suggestionKeys.warningDay(day, branchId, category)),
  ];
  const found = new Map<string, WarningCounts>();
  for (const item of await batchGet(wanted)) found.set(String(item.pk), { blocked: Number(item.blocked ?? 0), held: Number(item.held ?? 0) });
  const countsOf = (key: { pk: string }) => found.get(key.pk) ?? { blocked: 0, held: 0 };
  return {
    buckets: bucketStarts.map((start) => countsOf(suggestionKeys.warningBucket(start, branchId, category))),
    days: days.map((day) => countsOf(suggestionKeys.warningDay(day, branchId, category))),
  };
}

export interface StoredAlert {
  id: string;
  branchId: string;
  category: string;
  reason: 'threshold' | 'surge';
  windowMinutes: number;
  blocked: number;
  held: number;
  baseline: number;
  createdAt: string;
  acknowledged?: { byId: string; byName: string; at: string };
}

/** Records an alert once per id; false when it was already raised (another hit in the same window). */
export async function putAlertIfAbsent(alert: StoredAlert): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...suggestionKeys.alert(alert.id), ...suggestionKeys.alertsIndex(alert.createdAt, alert.id), type: 'warning-alert', ...alert },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const toAlert = (item: Item): StoredAlert => {
  const { id, branchId, category, reason, windowMinutes, blocked, held, baseline, createdAt, acknowledged } = item as unknown as StoredAlert;
  return { id, branchId, category, reason, windowMinutes, blocked, held, baseline, createdAt, ...(acknowledged ? { acknowledged } : {}) };
};

export async function listAlerts(limit: number, cursor?: string): Promise<Page<StoredAlert>> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': suggestionKeys.alertsPartition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return { items: (reply.Items ?? []).map(toAlert), nextCursor: encodeCursor(reply.LastEvaluatedKey) };
}

/** Marks an alert as seen; the first acknowledgement stands. Undefined when there is no such alert. */
export async function acknowledgeAlert(id: string, by: { byId: string; byName: string; at: string }): Promise<StoredAlert | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: suggestionKeys.alert(id),
        UpdateExpression: 'SET acknowledged = if_not_exists(acknowledged, :by)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? toAlert(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
