/**
 * Log lines that operations count: CloudWatch metric filters match these messages (scripts/deploy/operations.ts)
 * and alarm on them, so changing one here changes both sides together.
 */
/** A scheduled job threw (logged with `job`), before Lambda retries it or sends it to the failure queue. */
export const JOB_FAILED_MESSAGE = 'job failed';
/** A notice delivery attempt failed; `failed: true` when it was the last attempt and the notice is kept as failed. */
export const NOTICE_DELIVERY_FAILED_MESSAGE = 'notice delivery failed';
/** A unit of a fanned-out job threw (logged with `job`, `unit`, `attempts`, `last`); SQS retries it alone. */
export const UNIT_FAILED_MESSAGE = 'unit failed';
