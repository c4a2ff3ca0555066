import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../shared/runtime/db';
import { queryAll } from '../../shared/runtime/db-helpers';
import type { TableGrant } from '../../shared/runtime/deployment';
import { courseKeys } from './keys';

/**
 * What the course capability lets an organisation transfer (functions/membership) do without knowing its keys:
 * the updates that move a member's study records to the receiving branch (branch summaries count them there
 * from then on), for the transfer's own transaction.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const STUDY_TRANSFER_ACCESS: TableGrant = { actions: ['dynamodb:Query', 'dynamodb:UpdateItem'], table: ['LEARN#*'] };

/**
 * One update per learning record still in the sending branch. The version moves on, so a progress report racing
 * the transfer fails its own condition and is retried over the moved record rather than writing the old branch back.
 */
export async function studyMoveActions(userId: string, fromBranchId: string, toBranchId: string): Promise<TransactItem[]> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': courseKeys.learningPartition(userId) } });
  return items
    .filter((item) => item.branchId === fromBranchId)
    .map((item) => ({
      Update: {
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET branchId = :to, version = if_not_exists(version, :zero) + :one',
        ConditionExpression: 'branchId = :from',
        ExpressionAttributeValues: { ':from': fromBranchId, ':to': toBranchId, ':zero': 0, ':one': 1 },
      },
    }));
}
