import {
  CreateTableCommand,
  DeleteTableCommand,
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
    // The deployed table keeps its stream (ARCHITECTURE.md); locally nothing reads it, and DynamoDB Local slows
    // with every stream record it holds (a test run's seeding went from 1 s to 14 s per file by the tenth table).
    const { StreamSpecification: _deployedOnly, ...localShape } = tableShape;
    await client.send(new CreateTableCommand({ TableName: tableName, ...(localShape as unknown as Omit<CreateTableCommandInput, 'TableName'>) }));
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
    return 'created';
  } finally {
    client.destroy();
  }
}

/** Drops a table from DynamoDB Local: a test run's tables are many, and DynamoDB Local slows with each one it holds. */
export async function dropTable(endpoint: string, tableName: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  } finally {
    client.destroy();
  }
}
