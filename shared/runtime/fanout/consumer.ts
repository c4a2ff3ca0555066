import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { config } from '../config';
import { UNIT_FAILED_MESSAGE } from '../log-messages';
import { logger } from '../logger';
import { recordUnitDone, recordUnitFailed, unitRecord } from './runs';
import { workUnitSchema, type UnitHandler } from './work-unit';

function parseUnit(record: SQSRecord) {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new Error(`message ${record.messageId} is not JSON`);
  }
  const parsed = workUnitSchema.safeParse(body);
  if (!parsed.success) throw new Error(`message ${record.messageId} is not a work unit: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * The function's work-queue consumer: each message is one unit, run by the job's unit handler and recorded on
 * its run once. A unit that throws is reported back alone (a partial batch response), so SQS retries only it;
 * after its last delivery its failure is recorded on the run and SQS moves it to the dead-letter queue (alarmed).
 */
export function unitConsumer(handlers: Record<string, UnitHandler>) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const runRecord = async (record: SQSRecord): Promise<void> => {
      const unit = parseUnit(record);
      const handler = handlers[unit.job];
      if (!handler) throw new Error(`no unit handler for job ${unit.job}`);
      if ((await unitRecord(unit.runId, unit.unit))?.outcome === 'done') return;
      const started = Date.now();
      try {
        const outcome = (await handler(unit, () => context.getRemainingTimeInMillis())) ?? {};
        await recordUnitDone(unit.runId, unit.unit, outcome);
        logger.info('unit done', { job: unit.job, runId: unit.runId, unit: unit.unit, ms: Date.now() - started });
      } catch (error) {
        const attempts = Number(record.attributes.ApproximateReceiveCount ?? 1);
        const last = attempts >= config().WORK_QUEUE_MAX_RECEIVES;
        logger.error(UNIT_FAILED_MESSAGE, { job: unit.job, runId: unit.runId, unit: unit.unit, attempts, last, error });
        if (last) await recordUnitFailed(unit.runId, unit.unit, error instanceof Error ? error.message : String(error));
        throw error;
      }
    };
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, runRecord, processor, { context, throwOnFullBatchFailure: false });
  };
}
