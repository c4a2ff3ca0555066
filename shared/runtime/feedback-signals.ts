import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeatureKey } from '../api/features';
import type { MemberCategory } from '../api/identity-model';
import { db, tableName } from './db';
import type { TableGrant } from './deployment';
import { shardedPartitions, shardKey } from './write-shards';

/**
 * Signals every capability sends to the feedback loop (issue 6), which turns them into metrics and rules.
 * Aggregates are atomic counters per feature, Shanghai day, branch and member category — never per person —
 * plus per-category rollups (by day, and by UTC hour for guardrails over the last hour).
 */
export interface UsageSignal {
  feature: FeatureKey;
  /** e.g. 'opened', 'action', 'error', 'push-sent', 'push-click', 'completed'. */
  action: string;
  branchId: string;
  category: MemberCategory;
  count?: number;
  at?: Date;
}

export interface FeedbackSignal {
  feature: FeatureKey;
  source: 'rating' | 'suggestion' | 'handling-rating';
  /** 1–5 where the source carries a rating; a 'platform feature' suggestion carries none. */
  rating?: number;
  branchId: string;
  category: MemberCategory;
  at?: Date;
}

/** Table access a function needs to send signals: counter ADDs on the metric items (keys below). */
export const FEEDBACK_SIGNAL_ACCESS: TableGrant = { actions: ['dynamodb:UpdateItem'], table: ['METRIC#*', 'METRICHOUR#*'] };
/** Reading a feature's daily usage totals over all branches (gsi1 `METRICS#<feature>`), for other capabilities. */
export const USAGE_TOTALS_READ_ACCESS: TableGrant = { actions: ['dynamodb:Query'], table: [], indexes: { gsi1: ['METRICS#*'] } };

const shanghai = tz('Asia/Shanghai');
export const shanghaiDay = (at: Date) => format(at, 'yyyy-MM-dd', { in: shanghai });
/** UTC hour `YYYY-MM-DDTHH`; each one lies within one Shanghai day (UTC+8 has whole hours). */
export const utcHour = (at: Date) => at.toISOString().slice(0, 13);

const DAY_SECONDS = 86_400;
/** Daily aggregates are kept 400 days (dashboards and rules look back at most 90); hourly ones 8 days. */
const DAILY_TTL_SECONDS = 400 * DAY_SECONDS;
const HOURLY_TTL_SECONDS = 8 * DAY_SECONDS;

/**
 * Every counter write of a feature would otherwise land on one partition (its day, its index) and its category
 * rollups on one item each: they are spread over this many shards, chosen by a hash of the member's branch
 * (shared/runtime/write-shards.ts). Readers sum the shards (and the unsharded keys of rows written before).
 */
export const ROLLUP_SHARDS = 8;

/** The shard suffix of a writer: its branch (the server's own rows, written rarely and batched, use one). */
const sharded = (base: string, writer: string) => shardKey(base, writer, ROLLUP_SHARDS);

/** Every gsi1 partition holding one index of a feature's rows (`METRICS#<feature>`…): unsharded first, then each shard. */
export const rollupIndexPartitions = (indexBase: string) => shardedPartitions(indexBase, ROLLUP_SHARDS);

/**
 * Key of the per-branch aggregate: `METRIC#<feature>#<day>#<shard>` / `<branchId>#<category>`; gsi1 groups a
 * feature's days (`METRICS#<feature>#<shard>` / `<day>#<branchId>#<category>`) for dashboards and rules by branch.
 * A branch always writes to the same shard, so a branch's row is one item.
 */
export function metricKey(feature: FeatureKey, day: string, branchId: string, category: MemberCategory) {
  return {
    pk: sharded(`METRIC#${feature}#${day}`, branchId),
    sk: `${branchId}#${category}`,
    gsi1pk: sharded(`METRICS#${feature}`, branchId),
    gsi1sk: `${day}#${branchId}#${category}`,
  };
}

/**
 * The server's own row beside the categories' rollups: what the HTTP stack saw go wrong on routes that name the
 * feature (no member, no category). Readers grouping by category never match it; "everyone" includes it.
 */
export const SERVER_ROW = 'server';
export type RollupRow = MemberCategory | typeof SERVER_ROW;

/** Server-side failures (5xx) of a feature's routes, counted by the HTTP stack (shared/runtime/http/server-errors.ts). */
export const SERVER_ERROR_COUNTER = 'server.error';
/** Distinct members who sent an action for a feature in a period (hour or day): each member adds 1 at most. */
export const memberCounter = (action: string) => `members.${action}`;

/**
 * The per-category daily rollup, one part per shard: the writer's day partition, sort key `*#<category>`; gsi1
 * `METRICS-BY-CATEGORY#<feature>#<shard>` / `<day>#<category>`. The category's figure is the sum of its parts.
 */
export function categoryMetricKey(feature: FeatureKey, day: string, category: RollupRow, writer: string) {
  return { pk: sharded(`METRIC#${feature}#${day}`, writer), sk: `*#${category}`, gsi1pk: sharded(`METRICS-BY-CATEGORY#${feature}`, writer), gsi1sk: `${day}#${category}` };
}

/** The per-category hourly rollup, one part per shard: `METRICHOUR#<feature>#<hour>#<shard>` / `<category>`; gsi1 `METRICS-BY-HOUR#<feature>#<shard>` / `<hour>#<category>`. */
export function hourlyMetricKey(feature: FeatureKey, hour: string, category: RollupRow, writer: string) {
  return { pk: sharded(`METRICHOUR#${feature}#${hour}`, writer), sk: category, gsi1pk: sharded(`METRICS-BY-HOUR#${feature}`, writer), gsi1sk: `${hour}#${category}` };
}

/** Where one set of counters lands: a feature, a time and the member's branch and category. */
export interface CounterTarget {
  feature: FeatureKey;
  day: string;
  hour: string;
  branchId: string;
  category: MemberCategory;
}

export function counterTarget(feature: FeatureKey, at: Date, branchId: string, category: MemberCategory): CounterTarget {
  return { feature, day: shanghaiDay(at), hour: utcHour(at), branchId, category };
}

/** An UpdateItem description, usable alone or inside TransactWriteItems. */
export interface CounterUpdate {
  TableName: string;
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

export type Counters = Record<string, number>;

function counterUpdate(
  keys: { pk: string; sk: string; gsi1pk: string; gsi1sk: string },
  fields: Record<string, string | number>,
  counters: Counters,
): CounterUpdate {
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':type': 'metric', ':gpk': keys.gsi1pk, ':gsk': keys.gsi1sk };
  const sets = ['#type = :type', 'gsi1pk = :gpk', 'gsi1sk = :gsk'];
  Object.entries(fields).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  });
  const adds = Object.entries(counters).map(([counter, amount], index) => {
    names[`#c${index}`] = counter;
    values[`:c${index}`] = amount;
    return `#c${index} :c${index}`;
  });
  return {
    TableName: tableName(),
    Key: { pk: keys.pk, sk: keys.sk },
    UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

const epochSeconds = (isoHour: string) => Math.floor(Date.parse(`${isoHour}:00:00Z`) / 1000);

/** The per-day (branch and category) updates of one target. */
export function dailyCounterUpdates(target: CounterTarget, counters: Counters): CounterUpdate[] {
  const { feature, day, branchId, category } = target;
  const ttl = epochSeconds(target.hour) + DAILY_TTL_SECONDS;
  return [
    counterUpdate(metricKey(feature, day, branchId, category), { feature, day, branchId, category, ttl }, counters),
    counterUpdate(categoryMetricKey(feature, day, category, branchId), { feature, day, category, ttl }, counters),
  ];
}

/** The per-hour (category) update of one target. */
export function hourlyCounterUpdate(target: CounterTarget, counters: Counters): CounterUpdate {
  const { feature, hour, category, branchId } = target;
  return counterUpdate(hourlyMetricKey(feature, hour, category, branchId), { feature, hour, category, ttl: epochSeconds(hour) + HOURLY_TTL_SECONDS }, counters);
}

/** The server's errors of a feature at a time: its hourly and daily server rows (the same rollups as the members'). */
export function serverErrorUpdates(feature: FeatureKey, at: Date, count: number): CounterUpdate[] {
  const day = shanghaiDay(at);
  const hour = utcHour(at);
  const counters = { [SERVER_ERROR_COUNTER]: count };
  return [
    counterUpdate(categoryMetricKey(feature, day, SERVER_ROW, SERVER_ROW), { feature, day, ttl: epochSeconds(hour) + DAILY_TTL_SECONDS }, counters),
    counterUpdate(hourlyMetricKey(feature, hour, SERVER_ROW, SERVER_ROW), { feature, hour, ttl: epochSeconds(hour) + HOURLY_TTL_SECONDS }, counters),
  ];
}

export async function recordServerErrors(feature: FeatureKey, count: number, at = new Date()): Promise<void> {
  await Promise.all(serverErrorUpdates(feature, at, count).map((update) => db().send(new UpdateCommand(update))));
}

/** All three updates of one target. */
export function counterUpdates(target: CounterTarget, counters: Counters): CounterUpdate[] {
  return [...dailyCounterUpdates(target, counters), hourlyCounterUpdate(target, counters)];
}

async function addCounters(target: CounterTarget, counters: Counters): Promise<void> {
  await Promise.all(counterUpdates(target, counters).map((update) => db().send(new UpdateCommand(update))));
}

export async function recordUsage(signal: UsageSignal): Promise<void> {
  const target = counterTarget(signal.feature, signal.at ?? new Date(), signal.branchId, signal.category);
  await addCounters(target, { [`usage.${signal.action}`]: signal.count ?? 1 });
}

/** The counters a piece of feedback adds: one of its source, and the rating where it carries one. */
export function feedbackCounters(source: FeedbackSignal['source'], rating?: number): Counters {
  const counters: Counters = { [`feedback.${source}`]: 1 };
  if (rating !== undefined) {
    counters['ratings.count'] = 1;
    counters['ratings.sum'] = rating;
  }
  return counters;
}

export async function recordFeedbackSignal(signal: FeedbackSignal): Promise<void> {
  const target = counterTarget(signal.feature, signal.at ?? new Date(), signal.branchId, signal.category);
  await addCounters(target, feedbackCounters(signal.source, signal.rating));
}
