/**
 * One local copy of a function (a worker thread): loads the handler bundle once, as Lambda's init phase
 * does, then runs one invocation at a time for the pool (pool.ts), which stops the thread when it overruns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import type { FromCopy, ToCopy, CopySettings } from './copy-protocol';

const settings = workerData as CopySettings;
const port = parentPort!;
const post = (message: FromCopy) => port.postMessage(message);
process.setSourceMapsEnabled(true);

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function describe(error: unknown): { errorType: string; errorMessage: string; stack?: string } {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, stack: error.stack };
  return { errorType: 'Error', errorMessage: String(error) };
}

function lambdaContext(deadline: number) {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: settings.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${settings.region}:000000000000:function:${settings.functionName}`,
    memoryLimitInMB: String(settings.memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${settings.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

let handler: Handler;
try {
  const loaded = require(settings.bundle) as Record<string, unknown>;
  const exported = loaded[settings.exportName];
  if (typeof exported !== 'function') throw new Error(`${settings.bundle} exports no function "${settings.exportName}"`);
  handler = exported as Handler;
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-error', error: describe(error) });
}

port.on('message', (message: ToCopy) => {
  handler(message.event, lambdaContext(message.deadline)).then(
    (value) => post({ type: 'result', value }),
    (error: unknown) => post({ type: 'error', error: describe(error) }),
  );
});
