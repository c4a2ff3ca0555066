/**
 * What a function needs from its deployment, declared beside its code in functions/<name>/deployment.ts
 * and read by serverless.ts: least-privilege table actions and scheduled jobs.
 */
export interface FunctionDeployment {
  /** DynamoDB actions on the table and its indexes, e.g. 'dynamodb:Query'. Nothing else is granted. */
  tableActions: string[];
  /** EventBridge schedules; each delivers `{ job }` to the function's handler (see jobs.ts). */
  schedules?: Array<{ job: string; cron: string; description: string }>;
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
   * Settings only this function holds (secrets such as a hashing key), set on deployed stages; the local
   * stage runs on the configuration defaults. Values may use Serverless variables, e.g. `${env:NAME, ""}`.
   */
  environment?: Record<string, string>;
}

/** Table actions the outbound-message outbox uses; add them to a function that sends notices. */
export const OUTBOX_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];
