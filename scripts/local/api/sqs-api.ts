/**
 * The part of the SQS API (JSON protocol, as @aws-sdk/client-sqs speaks it) that functions use to hand out work:
 * SendMessage, SendMessageBatch and GetQueueAttributes, answered for the local queues by their URL's name.
 */
import type { LocalQueue } from './queue';

export interface SqsAnswer {
  status: number;
  body: string;
}

const error = (type: string, message: string, status = 400): SqsAnswer => ({ status, body: JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }) });
const ok = (value: unknown): SqsAnswer => ({ status: 200, body: JSON.stringify(value) });

/** The queue URL the local stage gives a function (serverless.ts): `http://127.0.0.1:<LAMBDA_PORT>/000000000000/<name>`. */
export const localQueueUrl = (port: number, name: string) => `http://127.0.0.1:${port}/000000000000/${name}`;

export function isSqsRequest(target: string | undefined): boolean {
  return typeof target === 'string' && target.startsWith('AmazonSQS.');
}

export function answerSqs(target: string, rawBody: string, queues: ReadonlyMap<string, LocalQueue>): SqsAnswer {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    return error('InvalidParameterValue', 'the request body is not JSON');
  }
  const name = String(input.QueueUrl ?? '').split('/').pop() ?? '';
  const queue = queues.get(name);
  if (!queue) return error('QueueDoesNotExist', `The specified queue ${name} does not exist.`);
  const action = target.slice('AmazonSQS.'.length);
  if (action === 'SendMessage') {
    const body = String(input.MessageBody ?? '');
    if (!body) return error('MissingParameter', 'MessageBody is required');
    const sent = queue.send(body);
    return ok({ MessageId: sent.id, MD5OfMessageBody: sent.md5 });
  }
  if (action === 'SendMessageBatch') {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Array<{ Id?: unknown; MessageBody?: unknown }>) : [];
    if (entries.length === 0) return error('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
    if (entries.length > 10) return error('TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
    const successful = [];
    const failed = [];
    for (const entry of entries) {
      const body = String(entry.MessageBody ?? '');
      if (!body) {
        failed.push({ Id: String(entry.Id), SenderFault: true, Code: 'MissingParameter', Message: 'MessageBody is required' });
        continue;
      }
      const sent = queue.send(body);
      successful.push({ Id: String(entry.Id), MessageId: sent.id, MD5OfMessageBody: sent.md5 });
    }
    return ok({ Successful: successful, Failed: failed });
  }
  if (action === 'GetQueueAttributes') {
    return ok({ Attributes: { ApproximateNumberOfMessages: String(queue.depth), QueueArn: queue.arn } });
  }
  return error('UnsupportedOperation', `${action} is not supported by the local queue`);
}
