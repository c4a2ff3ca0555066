import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { config } from '../config';
import type { WorkUnit } from './work-unit';

let client: SQSClient | undefined;

/** The SQS client, once per Lambda copy; locally it talks to the local runtime's queue (its URL is the endpoint). */
function sqs(): SQSClient {
  if (!client) {
    const { AWS_REGION, DYNAMODB_ENDPOINT, SQS_TIMEOUT_MS, WORK_QUEUE_URL } = config();
    client = new SQSClient({
      region: AWS_REGION,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: SQS_TIMEOUT_MS, requestTimeout: SQS_TIMEOUT_MS },
      // The local stage (DynamoDB Local and the local queue) takes any credentials; AWS uses the role's.
      ...(DYNAMODB_ENDPOINT && WORK_QUEUE_URL ? { endpoint: new URL(WORK_QUEUE_URL).origin, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }
  return client;
}

export function resetQueueClientForTests(): void {
  client?.destroy();
  client = undefined;
}

/** SQS takes at most 10 messages a call. */
const SQS_BATCH = 10;
/** Calls in flight at once while handing out a run's units. */
const PARALLEL_SENDS = 8;

/**
 * Hands units to the function's work queue. Entries SQS refuses are sent again, twice at most; any still refused
 * fail the planner (which EventBridge then retries: units already sent are idempotent).
 */
export async function dispatchUnits(units: readonly WorkUnit[]): Promise<void> {
  const queueUrl = config().WORK_QUEUE_URL;
  if (!queueUrl) throw new Error('WORK_QUEUE_URL is not set: this function has no work queue (deployment.ts workQueue)');
  const batches: WorkUnit[][] = [];
  for (let start = 0; start < units.length; start += SQS_BATCH) batches.push(units.slice(start, start + SQS_BATCH));
  const sendBatch = async (batch: WorkUnit[]) => {
    let pending = batch.map((unit, i) => ({ Id: String(i), MessageBody: JSON.stringify(unit) }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const reply = await sqs().send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
      const failed = new Set((reply.Failed ?? []).map((entry) => entry.Id));
      pending = pending.filter((entry) => failed.has(entry.Id));
      if (pending.length > 0 && attempt >= 3) throw new Error(`the work queue refused ${pending.length} unit(s): ${reply.Failed?.[0]?.Message ?? 'no reason given'}`);
    }
  };
  for (let start = 0; start < batches.length; start += PARALLEL_SENDS) {
    await Promise.all(batches.slice(start, start + PARALLEL_SENDS).map(sendBatch));
  }
}
