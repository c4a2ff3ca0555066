import type { KeyPartitions } from '../deployment';

/**
 * Job runs of fanned-out work (shared by every capability with scheduled jobs).
 *
 * | item              | pk               | sk             | attributes                                          |
 * |-------------------|------------------|----------------|-----------------------------------------------------|
 * | a run             | JOBRUN#<runId>   | RUN            | job, total, done, failed, counts{}, input, startedAt |
 * | a unit's outcome  | JOBRUN#<runId>   | UNIT#<unit>    | outcome (done / failed), counts, listed, at          |
 *
 * Write rate: one run item per job start; each unit writes its marker and adds to its run once (one transaction).
 * At 100,000 members (5,000 branches, 20 branches a unit: 250 units) a run's partition takes ≤ 250 writes over the
 * job's minutes, with at most `maximumConcurrency` (deployment.ts) at once — far below a partition's 1,000/s; at
 * 1,000,000 members, 2,500 units, still ≤ the consumer's concurrency per second. Every item expires after 90 days.
 */
export const runKeys = {
  run: (runId: string) => ({ pk: `JOBRUN#${runId}`, sk: 'RUN' }),
  unit: (runId: string, unit: string) => ({ pk: `JOBRUN#${runId}`, sk: `UNIT#${unit}` }),
};

export const JOB_RUN_PARTITIONS: KeyPartitions = { table: ['JOBRUN#*'] };

/** How long a run's records are kept, for reading its progress and what it found. */
export const RUN_RETENTION_DAYS = 90;
