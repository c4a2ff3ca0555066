import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { configReady } from './config';
import { JOB_FAILED_MESSAGE } from './log-messages';
import { logger } from './logger';

/** What EventBridge sends for a scheduled job: the `input` set in the function's deployment.ts. */
export interface JobEvent {
  job: string;
  [key: string]: unknown;
}

export type Job = (event: JobEvent) => Promise<unknown>;

/** An SQS event (from the function's work queue), told apart without importing the consumer. */
function isQueueEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: Array<{ eventSource?: unknown }> } | null)?.Records;
  return Array.isArray(records) && records.length > 0 && records[0]?.eventSource === 'aws:sqs';
}

function isJobEvent(event: unknown): event is JobEvent {
  return typeof event === 'object' && event !== null && typeof (event as { job?: unknown }).job === 'string';
}

/**
 * One Lambda serves its HTTP routes, its scheduled jobs and the units of its fanned-out jobs (SQS messages from
 * its own work queue, see fanout/). Jobs must be safe when two copies run them at once (conditional writes),
 * since EventBridge and SQS deliver at least once.
 */
export function withJobs<E, R>(
  http: (event: E, context: Context) => Promise<R>,
  jobs: Record<string, Job>,
  /** The work-queue consumer of a function with fanned-out jobs (`unitConsumer(...)`, fanout/consumer.ts). */
  consume?: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>,
): ((event: E, context: Context) => Promise<R>) & ((event: JobEvent, context: Context) => Promise<unknown>) & ((event: SQSEvent, context: Context) => Promise<SQSBatchResponse>) {
  const dispatch = async (event: E | JobEvent | SQSEvent, context: Context): Promise<unknown> => {
    if (isQueueEvent(event)) {
      if (!consume) throw new Error('this function has no work queue consumer');
      await configReady();
      return consume(event, context);
    }
    if (!isJobEvent(event)) return http(event as E, context);
    const job = jobs[event.job];
    const started = Date.now();
    try {
      if (!job) throw new Error(`unknown job ${event.job}`);
      // A deployed copy reads its secrets first; a missing one fails the job by name (and so alarms).
      await configReady();
      const result = await job(event);
      logger.info('job done', { job: event.job, ms: Date.now() - started });
      return result;
    } catch (error) {
      // Counted per job by a metric filter and alarmed on; Lambda then retries, then the failure queue keeps it.
      logger.error(JOB_FAILED_MESSAGE, { job: event.job, ms: Date.now() - started, error });
      throw error;
    }
  };
  // An HTTP event always gets the HTTP handler's answer; the union return type is only for jobs and units.
  return dispatch as ((event: E, context: Context) => Promise<R>) & ((event: JobEvent, context: Context) => Promise<unknown>) & ((event: SQSEvent, context: Context) => Promise<SQSBatchResponse>);
}
