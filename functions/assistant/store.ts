import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ManagedPassage } from '../../shared/api/assistant';
import { cancellationReasons, queryAll, type Item } from '../../shared/runtime/db-helpers';
import { db, tableName } from '../../shared/runtime/db';
import { assistantKeys } from './keys';

/** The admins' changes to the corpus: the only module that knows DynamoDB. */

export interface PassageChange {
  action: 'add' | 'retire';
  passage: ManagedPassage;
  at: string;
  by: string;
}

export async function corpusVersion(): Promise<number> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: assistantKeys.version(), ConsistentRead: true }));
  return typeof reply.Item?.version === 'number' ? reply.Item.version : 0;
}

const asPassage = (item: Item): ManagedPassage => ({
  id: String(item.id),
  title: String(item.title),
  text: String(item.text),
  source: String(item.source),
  status: item.status === 'retired' ? 'retired' : 'active',
  origin: item.origin === 'added' ? 'added' : 'shipped',
  version: Number(item.version),
  ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
  ...(typeof item.updatedBy === 'string' ? { updatedBy: item.updatedBy } : {}),
});

/** Every passage an admin added or retired, as stored (the latest state of each). */
export async function changedPassages(): Promise<ManagedPassage[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': assistantKeys.corpusPartition, ':prefix': assistantKeys.passagePrefix },
    ConsistentRead: true,
  });
  return items.map(asPassage);
}

export async function storedPassage(id: string): Promise<ManagedPassage | undefined> {
  const reply = await db().send(new GetCommand({ TableName: tableName(), Key: assistantKeys.passage(id), ConsistentRead: true }));
  return reply.Item ? asPassage(reply.Item) : undefined;
}

export type ChangeOutcome = 'written' | 'version-moved' | 'passage-exists';

/**
 * Writes one change as the next version, in one transaction: the version goes from `expected` to `expected + 1`
 * only if no one else changed it meanwhile, the passage item is written (an added passage only if its id is
 * new), and the history entry records it.
 */
export async function writeChange(expected: number, change: PassageChange): Promise<ChangeOutcome> {
  const version = expected + 1;
  const passageItem = { ...assistantKeys.passage(change.passage.id), type: 'assistant-passage', ...change.passage, version };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: assistantKeys.version(),
              UpdateExpression: 'SET version = :next, updatedAt = :at',
              ConditionExpression: expected === 0 ? 'attribute_not_exists(version) OR version = :expected' : 'version = :expected',
              ExpressionAttributeValues: { ':next': version, ':expected': expected, ':at': change.at },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: passageItem,
              ...(change.action === 'add' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...assistantKeys.change(version), type: 'assistant-change', version, action: change.action, passageId: change.passage.id, at: change.at, by: change.by },
            },
          },
        ],
      }),
    );
    return 'written';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (reasons[1] === 'ConditionalCheckFailed') return 'passage-exists';
    if (reasons[0] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict')) return 'version-moved';
    throw error;
  }
}
