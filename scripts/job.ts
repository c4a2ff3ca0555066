/**
 * `npm run job -- <name>`: runs one scheduled job now on the platform `npm start` is running, through its Lambda
 * invoke endpoint (the same event EventBridge sends), and for a fanned-out job waits until its work queue has
 * consumed every unit. `npm run job` alone lists the jobs.
 */
import { localService } from './local/api/functions';
import { localQueueUrl } from './local/api/sqs-api';

const apiPort = Number(process.env.API_PORT ?? 3000);
const lambdaPort = Number(process.env.LAMBDA_PORT ?? apiPort + 2);
const endpoint = `http://127.0.0.1:${lambdaPort}`;

async function queueDepth(queueName: string): Promise<number> {
  const reply = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueAttributes' },
    body: JSON.stringify({ QueueUrl: localQueueUrl(lambdaPort, queueName), AttributeNames: ['ApproximateNumberOfMessages'] }),
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await reply.json()) as { Attributes?: { ApproximateNumberOfMessages?: string } };
  return Number(answer.Attributes?.ApproximateNumberOfMessages ?? 0);
}

async function main(): Promise<number> {
  const name = process.argv[2];
  const jobs = localService().functions.flatMap((fn) => fn.schedules.map((schedule) => ({ fn, ...schedule })));
  const found = jobs.find((job) => job.job === name);
  if (!found) {
    console.error(name ? `no scheduled job "${name}".` : 'usage: npm run job -- <name>');
    console.error(`jobs: ${jobs.map((job) => `${job.job} (${job.fn.key}, ${job.expression})`).join(', ')}`);
    return 1;
  }
  const started = Date.now();
  let reply: Response;
  try {
    reply = await fetch(`${endpoint}/2015-03-31/functions/${found.fn.key}/invocations`, { method: 'POST', body: JSON.stringify({ job: found.job }), signal: AbortSignal.timeout(found.fn.timeoutMs + 30_000) });
  } catch {
    console.error(`nothing answers on ${endpoint}: start the platform first (npm start, same API_PORT/LAMBDA_PORT)`);
    return 1;
  }
  const text = await reply.text();
  if (reply.headers.get('x-amz-function-error') || !reply.ok) {
    console.error(`${found.job} failed: ${text}`);
    return 1;
  }
  console.log(`${found.job} (${found.fn.key}): ${text}`);
  const queue = found.fn.workQueue;
  const run = JSON.parse(text) as { runId?: string; total?: number } | null;
  if (queue && run?.runId) {
    for (let depth = await queueDepth(queue.name); depth > 0; depth = await queueDepth(queue.name)) {
      process.stdout.write(`\r  ${run.runId}: ${depth} of ${run.total ?? '?'} units still in the work queue…   `);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    console.log(`\r  ${run.runId}: every unit consumed (see the npm start window for failures)          `);
  }
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then((code) => process.exit(code));
