import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { MODERATION_ACCESS } from '../../shared/moderation';
import { OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { SIGNUP_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem, UpdateItem, DeleteItem) by IAM.
    {
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      ...SIGNUP_PARTITIONS,
    },
    // The organising branch's unit (its name on the activity), owned by identity: read by key only.
    { actions: ['dynamodb:GetItem'], table: ['ORG#*'] },
    FEEDBACK_SIGNAL_ACCESS,
    OUTBOX_ACCESS,
    // Organisers' text passes the moderation filter, which reads the lexicon in force.
    MODERATION_ACCESS,
    FEATURE_GATE_ACCESS,
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
