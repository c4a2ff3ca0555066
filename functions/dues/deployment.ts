import { JOB_RUN_ACCESS, OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { DUES_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem, UpdateItem). No DeleteItem: nothing in
    // dues deletes. The ledger is append-only by construction (see ledger.ts), and every role is denied
    // UpdateItem/DeleteItem on it (scripts/deploy/iam.ts).
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], ...DUES_PARTITIONS },
    DIRECTORY_READ_ACCESS,
    OUTBOX_ACCESS,
    JOB_RUN_ACCESS,
    FEATURE_GATE_ACCESS,
    // The HTTP stack counts server-side failures of feature routes into the usage rollups (guardrails).
    FEEDBACK_SIGNAL_ACCESS,
  ],
  schedules: [
    // Daily, so new members and newly set bases get their bill; a bill exists once however often it runs.
    { job: 'generateBills', cron: 'cron(0 17 * * ? *)', description: 'Dues bills of the month (01:00 Asia/Shanghai)' },
    { job: 'arrearsReminders', cron: 'cron(0 1 20 * ? *)', description: 'Dues reminders and 6-month arrears flags (20th, 09:00 Asia/Shanghai)' },
    { job: 'refreshReport', cron: 'cron(30 18 * * ? *)', description: 'Count every branch\'s dues figures of the year for the group report (02:30 Asia/Shanghai)' },
    { job: 'ledgerCheckpoint', cron: 'cron(50 15 * * ? *)', description: 'Daily dues ledger checkpoint to admins (23:50 Asia/Shanghai)' },
  ],
  // WeChat Pay: the keys from SSM, the merchant's identifiers from the deploying machine's environment (see
  // shared/runtime/config.ts); a deployed stage without them refuses to start instead of taking payments unverified.
  secrets: ['WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_KEYS'],
  requiredSettings: ['WECHATPAY_MCH_ID', 'WECHATPAY_APP_ID', 'WECHATPAY_MERCHANT_SERIAL', 'WECHATPAY_NOTIFY_URL'],
  // Jobs fan out: each unit (a group of branches) is one message of the work queue, 20 consumers at most at once
  // (DynamoDB's load and WeCom's rate), three deliveries before the dead-letter queue (alarmed).
  workQueue: { batchSize: 1, maximumConcurrency: 20, maxReceives: 3 },
  // Full-chain verification reads many items.
  memorySize: 1024,
  timeout: 300,
};
