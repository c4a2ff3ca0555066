/**
 * A local SQS queue with its Lambda event source mapping: what a function's work queue (fanned-out jobs,
 * shared/runtime/fanout) is in AWS. Messages sent with the SQS API (sqs-api.ts) are delivered in batches to a
 * consumer (the function's local copies, or a handler in a test) as SQS events; records reported back as failed
 * (a partial batch response) or a failed invocation are delivered again after the retry delay, and after
 * `maxReceives` deliveries go to the dead-letter list. The function code is the deployed code path.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface QueueSettings {
  /** Queue name, the last part of its URL. */
  name: string;
  region: string;
  batchSize: number;
  /** The event source mapping's maximum concurrency: batches being consumed at once. */
  concurrency: number;
  /** maxReceiveCount of the redrive policy. */
  maxReceives: number;
  /** Visibility timeout after a failed delivery (shortened locally so retries are seen). */
  retryDelayMs: number;
}

/** What the consumer did with a batch: its answer (a partial batch response), or that the invocation failed. */
export type Consumed = { kind: 'returned'; value: unknown } | { kind: 'failed'; reason: string };

export interface LocalMessage {
  id: string;
  body: string;
  receives: number;
  sentAt: number;
  visibleAt: number;
  firstReceivedAt?: number;
}

export interface Delivery {
  records: number;
  failed: number;
  ms: number;
}

export const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export class LocalQueue {
  private readonly ready: LocalMessage[] = [];
  private readonly waiting = new Set<LocalMessage>();
  private inFlight = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  readonly deadLetters: LocalMessage[] = [];
  readonly deliveries: Delivery[] = [];

  constructor(
    readonly settings: QueueSettings,
    private readonly consume: (event: unknown) => Promise<Consumed>,
    private readonly onDeadLetter: (message: LocalMessage) => void = () => undefined,
  ) {}

  get arn(): string {
    return `arn:aws:sqs:${this.settings.region}:000000000000:${this.settings.name}`;
  }

  /** Messages not yet consumed (ready, waiting for a retry, or being consumed). */
  get depth(): number {
    return this.ready.length + this.waiting.size + this.inFlight;
  }

  send(body: string): { id: string; md5: string } {
    const message: LocalMessage = { id: randomUUID(), body, receives: 0, sentAt: Date.now(), visibleAt: Date.now() };
    this.ready.push(message);
    queueMicrotask(() => this.pump());
    return { id: message.id, md5: md5Hex(body) };
  }

  /** Resolves once every message was consumed or dead-lettered (tests, benchmarks, `npm run job`). */
  drained(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.settings.concurrency && this.ready.length > 0) {
      const batch = this.ready.splice(0, this.settings.batchSize);
      this.inFlight += 1;
      void this.deliver(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        this.notifyIfIdle();
      });
    }
  }

  private notifyIfIdle(): void {
    if (this.depth > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private event(batch: LocalMessage[]) {
    return {
      Records: batch.map((message) => ({
        messageId: message.id,
        receiptHandle: `${message.id}#${message.receives}`,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receives),
          SentTimestamp: String(message.sentAt),
          SenderId: 'LOCAL',
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        },
        messageAttributes: {},
        md5OfBody: md5Hex(message.body),
        eventSource: 'aws:sqs',
        eventSourceARN: this.arn,
        awsRegion: this.settings.region,
      })),
    };
  }

  private async deliver(batch: LocalMessage[]): Promise<void> {
    const now = Date.now();
    for (const message of batch) {
      message.receives += 1;
      message.firstReceivedAt ??= now;
    }
    const started = Date.now();
    const consumed = await this.consume(this.event(batch)).catch((error: unknown): Consumed => ({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }));
    const failedIds = consumed.kind === 'failed' ? new Set(batch.map((message) => message.id)) : failuresOf(consumed.value, batch);
    this.deliveries.push({ records: batch.length, failed: failedIds.size, ms: Date.now() - started });
    for (const message of batch) {
      if (!failedIds.has(message.id)) continue;
      if (message.receives >= this.settings.maxReceives) {
        this.deadLetters.push(message);
        this.onDeadLetter(message);
      } else {
        message.visibleAt = Date.now() + this.settings.retryDelayMs;
        this.waiting.add(message);
      }
    }
    this.scheduleRetries();
  }

  private scheduleRetries(): void {
    if (this.retryTimer || this.waiting.size === 0 || this.closed) return;
    const next = Math.min(...[...this.waiting].map((message) => message.visibleAt));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const now = Date.now();
      for (const message of [...this.waiting]) {
        if (message.visibleAt > now) continue;
        this.waiting.delete(message);
        this.ready.push(message);
      }
      this.pump();
      this.scheduleRetries();
    }, Math.max(0, next - Date.now()));
    this.retryTimer.unref?.();
  }
}

/**
 * The records a partial batch response names as failed. An answer that is not one (no batchItemFailures) means
 * all succeeded, as with Lambda; a failure naming an id not in the batch fails the whole batch, as Lambda does.
 */
function failuresOf(value: unknown, batch: LocalMessage[]): Set<string> {
  const failures = (value as { batchItemFailures?: Array<{ itemIdentifier?: unknown }> } | null)?.batchItemFailures;
  if (!Array.isArray(failures)) return new Set();
  const ids = new Set(batch.map((message) => message.id));
  const named = failures.map((failure) => String(failure.itemIdentifier ?? ''));
  if (named.some((id) => !ids.has(id))) return ids;
  return new Set(named);
}
