import type { SecretName } from './secrets';

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
}

/** Table actions the outbound-message outbox uses; add them to a function that sends notices. */
export const OUTBOX_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];
