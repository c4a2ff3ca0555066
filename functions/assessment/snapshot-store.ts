import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IndexPoint } from '../../shared/api/assessment';
import { db, tableName } from '../../shared/runtime/db';
import { isConditionFailure, queryAll, type Item } from '../../shared/runtime/db-helpers';
import { eachLimited } from '../../shared/runtime/each-limited';
import { assessmentKeys } from './keys';
import type { BranchFigures } from './platform-sources';

/** The snapshots' items (keys.ts): the only module that knows how they are kept in DynamoDB. */

export interface UnitSnapshot {
  unitCode: string;
  /** One point per period that had begun when the figures were counted. */
  points: IndexPoint[];
  /** When the platform's figures behind the points were counted (a bureau: its branches' oldest count). */
  countedAt: string;
  /** When the points were last scored (the count, or a re-score after an import or an evaluator's score). */
  scoredAt: string;
  /** Set by an import or a score that changed this unit's inputs, until a re-score that read them after it. */
  staleSince?: string;
}

/** A branch's platform figures of each period as counted, kept so that re-scoring and its bureau need no recount. */
export interface BranchCount {
  branchId: string;
  bureauId: string;
  figures: Record<string, BranchFigures>;
  countedAt: string;
}

const snapshotOf = (item: Item): UnitSnapshot => ({
  unitCode: String(item.unitCode),
  points: item.points as IndexPoint[],
  countedAt: String(item.countedAt),
  scoredAt: String(item.scoredAt),
  ...(typeof item.staleSince === 'string' ? { staleSince: item.staleSince } : {}),
});

const countOf = (item: Item): BranchCount => ({
  branchId: String(item.branchId),
  bureauId: String(item.bureauId),
  figures: item.figures as Record<string, BranchFigures>,
  countedAt: String(item.countedAt),
});

/**
 * Writes a unit's snapshot unless a change to its inputs was marked after `readFrom` (when this scoring began to
 * read them): that change has its own re-score coming, and this one must not clear its mark with older inputs.
 * True when written. Writing the same unit twice with the same inputs leaves the same item.
 */
export async function putUnitSnapshot(year: string, snapshot: Omit<UnitSnapshot, 'staleSince'>, readFrom: string): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...assessmentKeys.unitSnapshot(year, snapshot.unitCode), ...snapshot },
        ConditionExpression: 'attribute_not_exists(staleSince) OR staleSince <= :readFrom',
        ExpressionAttributeValues: { ':readFrom': readFrom },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function unitSnapshot(year: string, unitCode: string): Promise<UnitSnapshot | undefined> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: assessmentKeys.unitSnapshot(year, unitCode), ConsistentRead: true }));
  return reply.Item ? snapshotOf(reply.Item) : undefined;
}

/** Every unit's snapshot of a year, by unit code (the committee's view: one query of small items). */
export async function unitSnapshots(year: string): Promise<Map<string, UnitSnapshot>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
    ExpressionAttributeValues: { ':pk': assessmentKeys.snapshotPartition(year), ':unit': 'UNIT#' },
  });
  return new Map(items.map((item) => [String(item.unitCode), snapshotOf(item)]));
}

/**
 * Marks these units' snapshots stale (those that have one), before the change is written: the view says so until a
 * re-score that began after this mark has written the unit again.
 */
export async function markSnapshotsStale(year: string, unitCodes: readonly string[], at: string): Promise<void> {
  await eachLimited(unitCodes, 8, async (unitCode) => {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: assessmentKeys.unitSnapshot(year, unitCode),
          UpdateExpression: 'SET staleSince = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  });
}

export async function putBranchCount(year: string, count: BranchCount): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...assessmentKeys.branchCount(year, count.bureauId, count.branchId), ...count } }));
}

export async function branchCount(year: string, bureauId: string, branchId: string): Promise<BranchCount | undefined> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: assessmentKeys.branchCount(year, bureauId, branchId), ConsistentRead: true }));
  return reply.Item ? countOf(reply.Item) : undefined;
}

/** Every counted branch of a bureau (read consistently: the other batches of a run wrote theirs just before). */
export async function bureauCounts(year: string, bureauId: string): Promise<BranchCount[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :bureau)',
    ExpressionAttributeValues: { ':pk': assessmentKeys.snapshotPartition(year), ':bureau': `FIG#${bureauId}#` },
    ConsistentRead: true,
  });
  return items.map(countOf);
}

/** Every branch's kept counts of a year (the exports: one query of the snapshot partition, whatever the group's size). */
export async function allBranchCounts(year: string): Promise<BranchCount[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :figures)',
    ExpressionAttributeValues: { ':pk': assessmentKeys.snapshotPartition(year), ':figures': 'FIG#' },
  });
  return items.map(countOf);
}

/** How long a run's progress items are kept: the run's units are retried for minutes, not days. */
const PROGRESS_RETENTION_SECONDS = 7 * 86_400;

/**
 * Records that a batch of a bureau's branches was counted in this run; returns how many distinct batches are done.
 * A string set, so a batch delivered twice counts once.
 */
export async function recordBatchCounted(runId: string, bureauId: string, batch: number, now = new Date()): Promise<number> {
  const reply = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: assessmentKeys.bureauProgress(runId, bureauId),
      UpdateExpression: 'ADD batches :batch SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':batch': new Set([String(batch)]), ':ttl': Math.floor(now.getTime() / 1000) + PROGRESS_RETENTION_SECONDS },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const batches = reply.Attributes?.batches;
  return batches instanceof Set ? batches.size : 0;
}
