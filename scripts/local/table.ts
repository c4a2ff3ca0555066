import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE, tableShape } from '../../shared/runtime/table';
import { localClient } from './dynamodb';

/** Creates the platform's table on DynamoDB Local if it is missing, with the same shape as in serverless.ts. */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = localClient(endpoint);
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return 'existing';
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    }
    await client.send(new CreateTableCommand({ TableName: tableName, ...(tableShape as unknown as Omit<CreateTableCommandInput, 'TableName'>) }));
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}
