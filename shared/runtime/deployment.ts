import { OUTBOX_PARTITIONS } from './outbound/keys';
import type { SecretName } from './secrets';

/**
 * What a function needs from its deployment, declared beside its code in functions/<name>/deployment.ts
 * and read by serverless.ts: least-privilege table access and scheduled jobs.
 */

/** The item-level DynamoDB actions a role may be granted. Never Scan: it has no leading key to confine it. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchWriteItem';

export type IndexName = 'gsi1' | 'gsi2';

/**
 * Partition key values a module reaches, as IAM `StringLike` patterns (`DUES#*`, or an exact `COURSECONFIG`):
 * on the table (`pk`) and on each index it queries (`gsi1pk`, `gsi2pk` — for a Query on an index, IAM's
 * `dynamodb:LeadingKeys` is the index's partition key value). Declared as data in each capability's keys.ts.
 */
export interface KeyPartitions {
  table: readonly string[];
  indexes?: Partial<Record<IndexName, readonly string[]>>;
}

/**
 * Actions on the partitions of one module. TransactWriteItems is authorised per contained action (PutItem,
 * UpdateItem, DeleteItem, ConditionCheckItem) and per item key, so it needs no action of its own.
 * On an index only Query exists; it is granted there when `actions` contains it.
 */
export interface TableGrant extends KeyPartitions {
  actions: readonly TableAction[];
}

export interface FunctionDeployment {
  /** Everything the function may do in the table: its own items and what it reads or writes of others'. */
  table: readonly TableGrant[];
  /** EventBridge schedules; each delivers `{ job }` to the function's handler (see jobs.ts). */
  schedules?: Array<{ job: string; cron: string; description: string }>;
  /**
   * A work queue for fanned-out jobs (shared/runtime/fanout): an SQS queue with a dead-letter queue, consumed by
   * this function with partial batch responses. `batchSize` units per invocation, at most `maximumConcurrency`
   * invocations at once (bounds the table's and WeCom's load), `maxReceives` deliveries before the dead letters.
   */
  workQueue?: { batchSize: number; maximumConcurrency: number; maxReceives: number };
  memorySize?: number;
  timeout?: number;
  /**
   * Native (N-API) packages the function loads at run time, e.g. '@node-rs/jieba': left out of the esbuild
   * bundle and shipped in the function's zip with their platform binaries (`<name>-linux-*`), and the function
   * runs on the architecture of the binaries npm installed on the packaging machine (x86_64 on CI).
   */
  nativeModules?: string[];
  /**
   * Data files the function reads at run time (readDataFile), as paths from the project root: shipped in its zip
   * at the same path, as files rather than inlined into the bundle (read when needed, not parsed at init).
   */
  dataFiles?: string[];
  /**
   * Secrets this function holds beyond COMMON_SECRETS (shared/runtime/secrets.ts): SSM SecureString parameters
   * under the stage's prefix, read at run time; the template carries only their names and the read permission.
   */
  secrets?: SecretName[];
  /**
   * Non-secret settings this function needs on a deployed stage beyond STAGE_SETTINGS, taken from the deploying
   * machine's environment; the function refuses to start while one is empty or a local default.
   */
  requiredSettings?: string[];
  /**
   * Optional non-secret settings only this function reads, set on deployed stages; the local stage runs on the
   * configuration defaults. Values may use Serverless variables, e.g. `${env:NAME, "10"}`. Never a secret.
   */
  environment?: Record<string, string>;
  /**
   * Envelope encryption with KMS data keys: the role may GenerateDataKey and Decrypt with the key named by the
   * MEMBERSHIP_KMS_KEY_ID setting, only with this purpose in the encryption context.
   */
  kmsDataKeys?: { purpose: string };
}

/** Table access of the outbound-message outbox (shared/runtime/outbound); add it to a function that sends notices. */
export const OUTBOX_ACCESS: TableGrant = {
  actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  // Notices due for delivery (the OUTBOX#pending#<shard> partitions) and the failed ones (OUTBOX#failed).
  ...OUTBOX_PARTITIONS,
};

/** Table access of fanned-out job runs (shared/runtime/fanout); add it to a function with a work queue. */
export const JOB_RUN_ACCESS: TableGrant = {
  actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
  table: ['JOBRUN#*'],
};
