import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { MODERATION_TABLE_ACTIONS } from '../../shared/moderation';
import { OUTBOX_TABLE_ACTIONS, type FunctionDeployment } from '../../shared/runtime/deployment';

export const deployment: FunctionDeployment = {
  // TransactWriteItems is authorised per contained action (PutItem, UpdateItem, DeleteItem) by IAM;
  // UpdateItem also serves the usage counters of the feedback loop.
  tableActions: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    ...OUTBOX_TABLE_ACTIONS,
    // Organisers' text passes the moderation filter, which reads the lexicon in force.
    ...MODERATION_TABLE_ACTIONS,
  ],
  dataFiles: MODERATION_DATA_FILES,
  schedules: [
    {
      job: 'deliverNotices',
      cron: 'rate(5 minutes)',
      description: 'Retries sign-up notices (promotions, cancellations, changes) that WeCom did not take at once',
    },
  ],
};
