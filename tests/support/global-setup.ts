import { startDynamoDb, type RunningDynamoDb } from '../../scripts/local/dynamodb';
import { freePort } from './ports';

declare global {
  // eslint-disable-next-line no-var
  var __dynamoDbLocal: RunningDynamoDb | undefined;
}

/** One in-memory DynamoDB Local for the whole run; each test file makes its own table in it. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDb({ port: await freePort() });
  globalThis.__dynamoDbLocal = dynamo;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
}
