import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CollectionFigures } from '../../shared/api/dues';
import { db, tableName } from '../../shared/runtime/db';
import { queryAll } from '../../shared/runtime/db-helpers';
import { duesKeys } from './keys';

export interface CountedFigures extends CollectionFigures {
  branchId: string;
  countedAt: string;
}

/** One branch's figures of a year as last counted (the group report's rows). */
export async function putFigures(year: number, figures: CountedFigures): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...duesKeys.figures(year, figures.branchId), type: 'dues-figures', year, ...figures } }));
}

/** Every branch's counted figures of a year: one partition of one small item per branch (~1 MB at 5,000 branches). */
export async function countedFigures(year: number): Promise<CountedFigures[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duesKeys.figures(year, '').pk } });
  return items.map((item) => {
    const { branchId, countedAt, members, dueFen, paidFen, outstandingFen, voluntaryFen, collectionRateBp } = item as unknown as CountedFigures;
    return { branchId, countedAt, members, dueFen, paidFen, outstandingFen, voluntaryFen, collectionRateBp };
  });
}
