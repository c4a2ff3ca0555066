import { createServer } from 'node:http';
import type { Context } from 'aws-lambda';
import { LocalQueue, type QueueSettings } from '../../scripts/local/api/queue';
import { answerSqs, localQueueUrl } from '../../scripts/local/api/sqs-api';
import { resetConfigForTests } from '../../shared/runtime/config';
import { resetQueueClientForTests } from '../../shared/runtime/fanout/dispatch';
import { freePort } from './ports';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A Lambda context whose clock is the function's timeout (what a unit reads to stay inside it). */
export function lambdaContext(timeoutMs = 300_000): Context {
  const deadline = Date.now() + timeoutMs;
  return { getRemainingTimeInMillis: () => deadline - Date.now(), awsRequestId: 'test', functionName: 'test' } as unknown as Context;
}

export interface WorkQueueWorld {
  queue: LocalQueue;
  /** Waits until every unit sent so far was consumed or dead-lettered. */
  drained(): Promise<void>;
}

/** The SQS API for these queues on a loopback port; `url` is a queue's URL there. */
export async function startQueueServer(queues: readonly LocalQueue[]): Promise<{ url: (queue: LocalQueue) => string; close: () => Promise<void> }> {
  const byName = new Map(queues.map((queue) => [queue.settings.name, queue]));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = answerSqs(String(request.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString('utf8'), byName);
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(answer.body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: (queue) => localQueueUrl(port, queue.settings.name),
    close: async () => {
      for (const queue of queues) queue.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For a test file whose function fans jobs out: the function's work queue as the local runtime runs it (the SQS
 * API on loopback, batches delivered to the handler as SQS events, failed units retried, dead letters kept), and
 * WORK_QUEUE_URL pointing at it. The function's own code sends and consumes, exactly as deployed.
 */
export function useWorkQueue(handler: () => Handler, settings: Partial<QueueSettings> = {}): () => WorkQueueWorld {
  let server: Awaited<ReturnType<typeof startQueueServer>> | undefined;
  let world: WorkQueueWorld | undefined;
  beforeAll(async () => {
    const queue = new LocalQueue(
      { name: 'test-work', region: 'cn-north-1', batchSize: 1, concurrency: 2, maxReceives: 3, retryDelayMs: 50, ...settings },
      async (event) => ({ kind: 'returned', value: await handler()(event, lambdaContext()) }),
    );
    server = await startQueueServer([queue]);
    process.env.WORK_QUEUE_URL = server.url(queue);
    process.env.WORK_QUEUE_MAX_RECEIVES = String(queue.settings.maxReceives);
    resetConfigForTests();
    resetQueueClientForTests();
    world = { queue, drained: () => queue.drained() };
  });
  afterAll(async () => {
    delete process.env.WORK_QUEUE_URL;
    delete process.env.WORK_QUEUE_MAX_RECEIVES;
    resetQueueClientForTests();
    await server?.close();
  });
  return () => {
    if (!world) throw new Error('the work queue is not started (useWorkQueue in a test file, outside tests)');
    return world;
  };
}
