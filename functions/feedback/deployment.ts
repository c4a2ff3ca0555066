import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { MODERATION_TABLE_ACTIONS } from '../../shared/moderation/lexicon-store';
import { OUTBOX_TABLE_ACTIONS, type FunctionDeployment } from '../../shared/runtime/deployment';

export const deployment: FunctionDeployment = {
  // TransactWriteItems is authorised per contained action (PutItem, UpdateItem) by IAM.
  tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', ...OUTBOX_TABLE_ACTIONS, ...MODERATION_TABLE_ACTIONS],
  dataFiles: MODERATION_DATA_FILES,
  schedules: [
    { job: 'evaluate-rules', cron: 'rate(5 minutes)', description: 'Feedback rules: guardrails pause at once, other rules propose toggle changes' },
    { job: 'refresh-home-usage', cron: 'rate(1 hour)', description: 'Home page order per member category from the last 30 days of usage' },
    { job: 'deliver-notices', cron: 'rate(10 minutes)', description: 'Retries outbound notices that could not be delivered at once' },
  ],
};
