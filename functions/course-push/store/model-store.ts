import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../../shared/runtime/db';
import type { CoCompletionModel } from '../recommender/types';
import { courseKeys } from '../keys';
import { batchPut, queryAll, type Item } from './dynamo';

/** Old model versions expire on their own once a newer one is current. */
const MODEL_KEEP_SECONDS = 7 * 86_400;

export interface StoredModel {
  model: CoCompletionModel;
  builtAt: string;
}

/**
 * Stores a model as one item per course (its neighbours) and one per branch (its trends) under a new
 * version, then points CURRENT at it: readers see the old model or the new one, never half of each.
 */
export async function saveModel(model: CoCompletionModel, builtAt: Date): Promise<string> {
  const version = builtAt.toISOString();
  const ttl = Math.floor(builtAt.getTime() / 1000) + MODEL_KEEP_SECONDS;
  const pk = courseKeys.modelPartition(version);
  const items: Item[] = [
    ...[...model.neighbours].map(([courseId, neighbours]) => ({ pk, sk: `COURSE#${courseId}`, type: 'course-model', neighbours: neighbours.map((n) => [n.courseId, n.similarity]), ttl })),
    ...[...model.branchTrends].map(([branchId, trends]) => ({ pk, sk: `BRANCH#${branchId}`, type: 'course-model', trends: Object.fromEntries(trends), ttl })),
  ];
  await batchPut(items);
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...courseKeys.modelPointer(), type: 'course-model', version, builtAt: version } }));
  return version;
}

export async function loadModel(): Promise<StoredModel | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: courseKeys.modelPointer() }));
  if (!Item) return undefined;
  const parts = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': courseKeys.modelPartition(String(Item.version)) } });
  const model: CoCompletionModel = { neighbours: new Map(), branchTrends: new Map() };
  for (const part of parts) {
    const sk = String(part.sk);
    if (sk.startsWith('COURSE#')) {
      const list = (part.neighbours as Array<[string, number]>).map(([courseId, similarity]) => ({ courseId, similarity }));
      model.neighbours.set(sk.slice('COURSE#'.length), list);
    } else if (sk.startsWith('BRANCH#')) {
      model.branchTrends.set(sk.slice('BRANCH#'.length), new Map(Object.entries(part.trends as Record<string, number>)));
    }
  }
  return { model, builtAt: String(Item.builtAt) };
}
