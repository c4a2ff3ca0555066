/** Pieces of npm run bench:scale: a DynamoDB call counter in front of DynamoDB Local, and the bare-write floor. */
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer, request as httpRequest, type Server } from 'node:http';

/** Counts DynamoDB API calls by operation (X-Amz-Target) on their way to DynamoDB Local. */
export interface CallCounter {
  endpoint: string;
  total(): number;
  close(): Promise<void>;
}

export async function startCallCounter(target: string, port: number): Promise<CallCounter> {
  const upstream = new URL(target);
  let total = 0;
  const server: Server = createServer((incoming, outgoing) => {
    total += 1;
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    total: () => total,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The floor: the same number of items, of a bill's size, batch-written bare (BatchWriteItem of 25, `parallel`
 * requests in flight, unprocessed items retried) — what DynamoDB Local on this machine can take at all.
 */
export async function bareWriteMs(endpoint: string, table: string, count: number, parallel: number): Promise<number> {
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const item = (index: number) => ({
    pk: { S: `BENCHFLOOR#${index}` },
    sk: { S: 'MONTH#2026-12' },
    gsi1pk: { S: `BENCHFLOOR#BILLS#${index % 5000}` },
    gsi1sk: { S: `2026-12#${index}` },
    name: { S: `党员${index}` },
    amountFen: { N: String(2600 + (index % 900)) },
    status: { S: 'unpaid' },
    computation: { S: JSON.stringify({ baseFen: 420000, rateBp: 100, ruleAmountFen: 4200 }) },
    createdAt: { S: new Date().toISOString() },
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const start = next;
        next += 25;
        let requests = Array.from({ length: Math.min(25, count - start) }, (_, offset) => ({ PutRequest: { Item: item(start + offset) } }));
        while (requests.length > 0) {
          const reply = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
          requests = (reply.UnprocessedItems?.[table] ?? []) as typeof requests;
        }
      }
    }),
  );
  const ms = performance.now() - started;
  client.destroy();
  return ms;
}
