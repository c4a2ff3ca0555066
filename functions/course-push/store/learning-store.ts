import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LearningRecord, ProgressResult } from '../../../shared/api/courses';
import type { MemberCategory } from '../../../shared/api/identity-model';
import { db, tableName } from '../../../shared/runtime/db';
import { shanghaiMonth } from '../calendar';
import type { Interaction } from '../recommender/co-completion';
import { courseKeys } from '../keys';
import { batchPut, cancellationReasons, queryAll, transactWrite, type Item } from './dynamo';

/** A learning record as stored: the member's own view plus who and where, and a version for conditional writes. */
export interface StoredRecord extends LearningRecord {
  userId: string;
  branchId: string;
  category: MemberCategory;
  version: number;
}

/** Progress requests are remembered long enough for the slowest offline queue. */
const REQUEST_MEMORY_SECONDS = 400 * 86_400;

export function recordItem(record: StoredRecord): Item {
  return {
    ...courseKeys.learning(record.userId, record.courseId),
    ...courseKeys.learningLog(shanghaiMonth(new Date(record.updatedAt)), record.updatedAt, record.userId, record.courseId),
    type: 'learning',
    ...record,
  };
}

function toRecord(item: Item): StoredRecord {
  const { userId, branchId, category, courseId, progress, completed, creditedHours, studiedSeconds, chapters, completedAt, quizScore, rating, startedAt, updatedAt, version } =
    item as unknown as StoredRecord;
  return {
    userId, branchId, category, courseId, progress, completed, creditedHours: creditedHours ?? 0, studiedSeconds: studiedSeconds ?? 0, chapters: chapters ?? {},
    startedAt, updatedAt, version: version ?? 0,
    ...(completedAt ? { completedAt } : {}),
    ...(quizScore !== undefined ? { quizScore } : {}),
    ...(rating !== undefined ? { rating } : {}),
  };
}

/** The member's own view of a record, without the bookkeeping. */
export function publicRecord(record: StoredRecord): LearningRecord {
  const { userId: _u, branchId: _b, category: _c, version: _v, ...view } = record;
  return view;
}

export async function memberRecords(userId: string): Promise<StoredRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :course)',
    ExpressionAttributeValues: { ':pk': courseKeys.learningPartition(userId), ':course': 'COURSE#' },
  });
  return items.map(toRecord);
}

export async function getRecord(userId: string, courseId: string): Promise<StoredRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.learning(userId, courseId), ConsistentRead: true }));
  return Item ? toRecord(Item) : undefined;
}

/** What an earlier report with the same clientRequestId answered, if there was one. */
export async function rememberedResult(userId: string, requestId: string): Promise<ProgressResult | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.progressRequest(userId, requestId), ConsistentRead: true }));
  return Item ? (Item.result as ProgressResult) : undefined;
}

export type CommitOutcome = 'committed' | 'record-changed' | 'request-seen';

/**
 * Writes the new record and remembers the request in one transaction: the record only if it still has the
 * version that was read (progress and completion are decided against it), the request only once.
 */
export async function commitProgress(record: StoredRecord, expectedVersion: number | undefined, requestId: string, result: ProgressResult, now: Date): Promise<CommitOutcome> {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: recordItem(record),
          ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(expectedVersion === undefined ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...courseKeys.progressRequest(record.userId, requestId),
            type: 'progress-request',
            result,
            ttl: Math.floor(now.getTime() / 1000) + REQUEST_MEMORY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return 'committed';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.[1] === 'ConditionalCheckFailed') return 'request-seen';
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'record-changed';
    throw error;
  }
}

/** Everyone's records changed in one month, for the model job: the month's log shards gathered, in log order. */
export async function interactionsIn(month: string): Promise<Interaction[]> {
  const shards = await Promise.all(
    courseKeys.learningLogPartitions(month).map((partition) =>
      queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } }),
    ),
  );
  const inLogOrder = shards.flat().sort((a, b) => (String(a.gsi1sk) < String(b.gsi1sk) ? -1 : String(a.gsi1sk) > String(b.gsi1sk) ? 1 : 0));
  return inLogOrder.map((item) => {
    const record = toRecord(item);
    return { userId: record.userId, branchId: record.branchId, courseId: record.courseId, progress: record.progress, completed: record.completed, updatedAt: record.updatedAt };
  });
}

/** Demo history written directly (the seeder); records are built by the same item function as live ones. */
export async function putRecords(records: StoredRecord[]): Promise<void> {
  await batchPut(records.map(recordItem));
}
