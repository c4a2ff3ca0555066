'use strict';
/**
 * One Lambda copy, as the Node.js runtime runs it: in a fresh process whose only outside modules are the AWS SDK
 * (NODE_PATH, like /var/runtime/node_modules), it loads the handler module from the unpacked zip (the copy's init),
 * measures the CPU that took, then invokes the handler with each event read from a JSON file, one after another.
 * Plain CommonJS so the bare Node 22 binary runs it without any loader. Writes its answer as JSON to a file
 * (stdout belongs to the function's logger).
 *
 *   node lambda-copy.cjs <answer.json> handler <taskRoot> <functions/x/handler.handler> [events.json]
 *   node lambda-copy.cjs <answer.json> sdk        (the DynamoDB document client alone: the baseline)
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const [answerFile, mode, taskRoot, handlerSpec, eventsFile] = process.argv.slice(2);

function cpuMicros(run) {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return { value, initCpuMicros: used.user + used.system };
}

function sdkClient() {
  const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
  return DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));
}

function context(functionName) {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `artifact-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'artifact',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function main() {
  if (mode === 'sdk') {
    const { initCpuMicros } = cpuMicros(sdkClient);
    return { initCpuMicros, results: [] };
  }
  // Lambda's handler setting: "<file without extension>.<export>", relative to the task root.
  const dot = handlerSpec.lastIndexOf('.');
  const file = join(taskRoot, `${handlerSpec.slice(0, dot)}.js`);
  const exportName = handlerSpec.slice(dot + 1);
  const { value: module, initCpuMicros } = cpuMicros(() => require(file));
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);
  const events = eventsFile ? JSON.parse(readFileSync(eventsFile, 'utf8')) : [];
  const results = [];
  for (const event of events) {
    try {
      results.push({ ok: true, value: await handler(event, context(handlerSpec)) });
    } catch (error) {
      results.push({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return { initCpuMicros, results };
}

main().then(
  (answer) => {
    writeFileSync(answerFile, JSON.stringify(answer));
    process.exit(0);
  },
  (error) => {
    writeFileSync(answerFile, JSON.stringify({ initError: error instanceof Error ? error.stack : String(error) }));
    process.exit(1);
  },
);
