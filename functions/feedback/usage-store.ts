import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FeatureKey } from '../../shared/api/features';
import type { MemberCategory } from '../../shared/api/identity-model';
import { db, tableName } from '../../shared/runtime/db';
import { rollupIndexPartitions, type CounterUpdate, type Counters } from '../../shared/runtime/feedback-signals';
import { feedbackKeys } from './keys';
import { epoch, queryAll, type Item } from './store-support';
import { cancellationCodes, transactWithRetry, type TransactItems } from './transact';

/** The store of what members send: usage event batches, ratings with their comments, and the aggregates. */

// ── usage events ────────────────────────────────────────────────────────────────────────────────

/** One transaction of a batch: its raw record (the duplicate guard), the member's allowance and the counters it adds. */
export interface EventBatchPart {
  hash: string;
  part: number;
  record: { memberId: string; raw: string; events: number; receivedAt: Date };
  /** The member's hourly allowance, charged with the batch's events (the first part of a batch only). */
  allowance?: { hour: string; limit: number };
  updates: CounterUpdate[];
}

/** Largest number of counter updates beside the raw record and the allowance in one transaction (DynamoDB allows 100 actions). */
export const MAX_UPDATES_PER_PART = 98;
const RAW_EVENT_TTL_SECONDS = 30 * 86_400;
const ALLOWANCE_TTL_SECONDS = 2 * 3_600;

export type PartOutcome = 'applied' | 'duplicate' | 'over-allowance';

/** Applies one part once: 'duplicate' when it had been applied before (a re-sent batch), 'over-allowance' when the member used up the hour's events. */
export async function applyEventBatchPart(part: EventBatchPart): Promise<PartOutcome> {
  const { record, allowance } = part;
  const items: TransactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...feedbackKeys.eventBatch(part.hash, part.part),
          type: 'event-batch',
          memberId: record.memberId,
          raw: record.raw,
          events: record.events,
          receivedAt: record.receivedAt.toISOString(),
          ttl: epoch(record.receivedAt) + RAW_EVENT_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  if (allowance) {
    items.push({
      Update: {
        TableName: tableName(),
        Key: feedbackKeys.eventAllowance(record.memberId, allowance.hour),
        UpdateExpression: 'SET #type = :type, #ttl = :ttl ADD #events :events',
        ConditionExpression: 'attribute_not_exists(#events) OR #events <= :room',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': 'ttl', '#events': 'events' },
        ExpressionAttributeValues: { ':type': 'event-allowance', ':ttl': epoch(record.receivedAt) + ALLOWANCE_TTL_SECONDS, ':events': record.events, ':room': allowance.limit - record.events },
      },
    });
  }
  items.push(...part.updates.map((update) => ({ Update: update })));
  try {
    await transactWithRetry(items);
    return 'applied';
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') return 'duplicate';
    if (allowance && codes?.[1] === 'ConditionalCheckFailed') return 'over-allowance';
    throw error;
  }
}

const MEMBER_SEEN_TTL_SECONDS = 31 * 86_400;

/**
 * Counts a member once for a feature, period and action: writes the marker if absent and, in the same
 * transaction, adds 1 to the period's `members.<action>` rollups. Answers false when the member had been counted.
 */
export async function countMemberOnce(marker: { pk: string; sk: string }, updates: CounterUpdate[], at: Date): Promise<boolean> {
  try {
    await transactWithRetry([
      { Put: { TableName: tableName(), Item: { ...marker, type: 'member-seen', ttl: epoch(at) + MEMBER_SEEN_TTL_SECONDS }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...updates.map((update) => ({ Update: update })),
    ]);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

// ── ratings ─────────────────────────────────────────────────────────────────────────────────────

export interface RatingMarker {
  rating: number;
  requestId: string;
}

export async function getRatingMarker(userId: string, feature: FeatureKey, day: string): Promise<RatingMarker | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: feedbackKeys.ratingMarker(userId, feature, day), ConsistentRead: true }));
  return Item && typeof Item.rating === 'number' && typeof Item.requestId === 'string' ? { rating: Item.rating, requestId: Item.requestId } : undefined;
}

export interface RatingWrite {
  userId: string;
  feature: FeatureKey;
  day: string;
  at: Date;
  rating: number;
  requestId: string;
  previous?: RatingMarker;
  updates: CounterUpdate[];
  comment?: { id: string; text: string; status: 'published' | 'held'; category: MemberCategory };
}

const RATING_MARKER_TTL_SECONDS = 8 * 86_400;
const COMMENT_TTL_SECONDS = 400 * 86_400;

/**
 * Records a rating, its counters and its comment at once. The marker holds the member's rating of the day:
 * written only if absent, or replaced only if it still holds the rating the caller read (no lost update).
 * Answers false when the marker changed in between (the caller reads again).
 */
export async function writeRating(write: RatingWrite): Promise<boolean> {
  const markerKey = feedbackKeys.ratingMarker(write.userId, write.feature, write.day);
  const items: TransactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...markerKey, type: 'rating-marker', rating: write.rating, requestId: write.requestId, ttl: epoch(write.at) + RATING_MARKER_TTL_SECONDS },
        ConditionExpression: write.previous ? 'requestId = :previous' : 'attribute_not_exists(pk)',
        ...(write.previous ? { ExpressionAttributeValues: { ':previous': write.previous.requestId } } : {}),
      },
    },
    ...write.updates.map((update) => ({ Update: update })),
  ];
  if (write.comment) {
    const at = write.at.toISOString();
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...feedbackKeys.comment(write.feature, at, write.comment.id),
          type: 'rating-comment',
          at,
          rating: write.rating,
          category: write.comment.category,
          text: write.comment.text,
          status: write.comment.status,
          ttl: epoch(write.at) + COMMENT_TTL_SECONDS,
        },
      },
    });
  }
  try {
    await transactWithRetry(items);
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

export interface StoredComment {
  at: string;
  rating: number;
  category: MemberCategory;
  text: string;
  status: 'published' | 'held';
}

export async function recentComments(feature: FeatureKey, limit: number): Promise<StoredComment[]> {
  const reply = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': feedbackKeys.comments(feature) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (reply.Items ?? []).map((item) => ({
    at: String(item.at),
    rating: Number(item.rating),
    category: item.category as MemberCategory,
    text: String(item.text),
    status: item.status === 'published' ? 'published' : 'held',
  }));
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────────

export interface MetricRow {
  feature: FeatureKey;
  /** `YYYY-MM-DD` (Shanghai) for daily rows, `YYYY-MM-DDTHH` (UTC) for hourly ones. */
  period: string;
  branchId?: string;
  /** Absent on the server's own row (server errors), which belongs to no category. */
  category?: MemberCategory;
  counters: Counters;
}

export type MetricGrain = 'day-category' | 'day-branch' | 'hour-category';
const GRAIN_INDEX: Record<MetricGrain, string> = { 'day-category': 'METRICS-BY-CATEGORY#', 'day-branch': 'METRICS#', 'hour-category': 'METRICS-BY-HOUR#' };

function metricRow(item: Item, grain: MetricGrain): MetricRow {
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) if (name.includes('.') && typeof value === 'number') counters[name] = value;
  return {
    feature: item.feature as FeatureKey,
    period: String(grain === 'hour-category' ? item.hour : item.day),
    ...(typeof item.branchId === 'string' && grain === 'day-branch' ? { branchId: item.branchId } : {}),
    ...(typeof item.category === 'string' ? { category: item.category as MemberCategory } : {}),
    counters,
  };
}

/** The row a stored part adds to: the same period, branch (day-branch grain) and category, in index order. */
const rowKey = (item: Item) => String(item.gsi1sk);

/**
 * Every aggregate of a feature at one grain with a period in [from, to] (inclusive), one row per period, branch
 * and category as before sharding: the parts of a row in the index's shards (and in the unsharded partition of
 * rows written before) are read at once and their counters summed, rows in index order.
 */
export async function metricRows(feature: FeatureKey, grain: MetricGrain, from: string, to: string): Promise<MetricRow[]> {
  const parts = await Promise.all(
    rollupIndexPartitions(`${GRAIN_INDEX[grain]}${feature}`).map((partition) =>
      queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        // `~` sorts after every character used in the keys, so the whole of the last period is included.
        ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': `${to}~` },
      }),
    ),
  );
  const rows = new Map<string, MetricRow>();
  for (const item of parts.flat()) {
    const row = metricRow(item, grain);
    const earlier = rows.get(rowKey(item));
    if (earlier) for (const [name, value] of Object.entries(row.counters)) earlier.counters[name] = (earlier.counters[name] ?? 0) + value;
    else rows.set(rowKey(item), row);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
