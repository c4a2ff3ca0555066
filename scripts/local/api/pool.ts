import { Worker } from 'node:worker_threads';
import type { CopySettings, FromCopy, FunctionError, ToCopy } from './copy-protocol';
import type { LocalFunction } from './functions';

/** How an invocation ended, as the gateway or the invoke endpoint needs to know it. */
export type Invocation =
  | { kind: 'returned'; value: unknown }
  /** The handler threw or rejected: a function error (the copy stays, as Lambda keeps the sandbox). */
  | { kind: 'failed'; error: FunctionError }
  /** It overran the function's timeout (or its copy overran Lambda's init limit): the copy was stopped. */
  | { kind: 'timed-out' }
  /** The copy died (an uncaught exception, the bundle would not load): it was discarded. */
  | { kind: 'crashed'; error: FunctionError }
  /** Every copy stayed busy for as long as a request may wait: never run. */
  | { kind: 'throttled' };

/** Lambda's limit on a sandbox's init phase (loading the bundle and its top-level code). */
const LAMBDA_INIT_LIMIT_MS = 10_000;

export interface PoolOptions {
  /** Copies of the function that may run at once; further requests wait in order. */
  copies: number;
  /** How long a request may wait for a copy before it is turned away. */
  maxWaitMs: number;
  region: string;
  /** The bundled local runtime (runtime.ts) each copy starts with. */
  runtime: string;
}

interface Waiting {
  event: unknown;
  settle: (outcome: Invocation) => void;
  expiry: ReturnType<typeof setTimeout>;
}

/**
 * The local copies of one function: at most `copies` worker threads, each running one invocation at a time,
 * with a queue in front. A copy that overruns the timeout is terminated and forgotten, never handed the next
 * request (serverless-offline 13 kept such stopped copies in its pool, and the function then timed out on every
 * request until they idled out); the next request starts a fresh copy.
 */
export class FunctionPool {
  private readonly idle: Copy[] = [];
  private readonly queue: Waiting[] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly fn: Pick<LocalFunction, 'name' | 'exportName' | 'memorySize' | 'timeoutMs' | 'environment'>,
    private readonly bundle: string,
    private readonly options: PoolOptions,
  ) {}

  /** Copies alive now (busy or idle). */
  get size(): number {
    return this.running + this.idle.length;
  }

  invoke(event: unknown): Promise<Invocation> {
    return new Promise((settle) => {
      const waiting: Waiting = {
        event,
        settle,
        expiry: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiting), 1);
          settle({ kind: 'throttled' });
        }, this.options.maxWaitMs),
      };
      this.queue.push(waiting);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) {
      clearTimeout(waiting.expiry);
      waiting.settle({ kind: 'throttled' });
    }
    await Promise.all(this.idle.splice(0).map((copy) => copy.stop()));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0 && (this.idle.length > 0 || this.size < this.options.copies)) {
      const waiting = this.queue.shift()!;
      clearTimeout(waiting.expiry);
      const copy = this.takeIdle() ?? new Copy(this.options.runtime, this.settings(), this.fn.environment);
      this.running += 1;
      void copy.run(waiting.event, this.fn.timeoutMs).then((outcome) => {
        this.running -= 1;
        if (copy.alive && !this.closed) this.idle.push(copy);
        else void copy.stop();
        waiting.settle(outcome);
        this.dispatch();
      });
    }
  }

  /** An idle copy still alive (one may have died while it waited). */
  private takeIdle(): Copy | undefined {
    for (let copy = this.idle.pop(); copy; copy = this.idle.pop()) if (copy.alive) return copy;
    return undefined;
  }

  private settings(): CopySettings {
    return { bundle: this.bundle, exportName: this.fn.exportName, functionName: this.fn.name, memorySize: this.fn.memorySize, region: this.options.region };
  }
}

const copyEnvironment = (settings: CopySettings, functionEnvironment: Record<string, string>) => ({
  // Like Lambda (and serverless-offline): the AWS_* settings of the machine, the runtime's own variables, then the function's.
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AWS_'))),
  AWS_REGION: settings.region,
  AWS_DEFAULT_REGION: settings.region,
  AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySize),
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  ...functionEnvironment,
});

/** One worker thread running the function's bundle; `alive` is false once it was stopped or died. */
class Copy {
  alive = true;
  private readonly worker: Worker;
  private readonly ready: Promise<FunctionError | null>;
  private current: ((message: FromCopy | { type: 'exit'; error: FunctionError }) => void) | null = null;

  constructor(runtime: string, settings: CopySettings, environment: Record<string, string>) {
    this.worker = new Worker(runtime, {
      workerData: settings,
      env: copyEnvironment(settings, environment),
      // The function's memory size caps its heap, as Lambda's does: a copy that runs out dies (502) and is replaced.
      resourceLimits: { maxOldGenerationSizeMb: settings.memorySize },
    });
    this.ready = new Promise((resolve) => {
      this.current = (message) => {
        if (message.type === 'ready') resolve(null);
        else if (message.type === 'init-error' || message.type === 'exit') resolve(message.error);
      };
    });
    this.worker.on('message', (message: FromCopy) => this.current?.(message));
    this.worker.on('error', (error) => this.died({ errorType: error.name, errorMessage: error.message, stack: error.stack }));
    this.worker.on('exit', (code) => this.died({ errorType: 'Runtime.ExitError', errorMessage: `the function's runtime exited (code ${code})` }));
  }

  private died(error: FunctionError): void {
    if (!this.alive) return;
    this.alive = false;
    this.current?.({ type: 'exit', error });
  }

  /**
   * Starts the copy if it is new, then runs one invocation within the timeout. Lambda gives the init phase its own
   * 10-second limit apart from the function's timeout, so a slow cold start on a busy machine is not a timeout.
   */
  async run(event: unknown, timeoutMs: number): Promise<Invocation> {
    const initError = await this.within(this.ready, Math.max(timeoutMs, LAMBDA_INIT_LIMIT_MS));
    if (initError === 'timed-out') return this.overran();
    if (initError) {
      this.alive = false;
      return { kind: 'crashed', error: initError };
    }
    const answered = new Promise<Invocation>((resolve) => {
      this.current = (message) => {
        if (message.type === 'result') resolve({ kind: 'returned', value: message.value });
        else if (message.type === 'error') resolve({ kind: 'failed', error: message.error });
        else if (message.type === 'exit' || message.type === 'init-error') resolve({ kind: 'crashed', error: message.error });
      };
    });
    const invoke: ToCopy = { type: 'invoke', event, deadline: Date.now() + timeoutMs };
    this.worker.postMessage(invoke);
    const outcome = await this.within(answered, timeoutMs);
    this.current = null;
    return outcome === 'timed-out' ? this.overran() : outcome;
  }

  stop(): Promise<unknown> {
    this.alive = false;
    return this.worker.terminate();
  }

  private overran(): Invocation {
    void this.stop();
    return { kind: 'timed-out' };
  }

  private within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed-out'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timed-out'>((resolve) => (timer = setTimeout(() => resolve('timed-out'), ms)));
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
