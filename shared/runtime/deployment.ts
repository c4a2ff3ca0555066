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
}

/** Table actions the outbound-message outbox uses; add them to a function that sends notices. */
export const OUTBOX_TABLE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'];
