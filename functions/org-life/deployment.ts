import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { MODERATION_ACCESS } from '../../shared/moderation';
import { PDF_DATA_FILES } from '../../shared/documents/pdf';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { ORG_LIFE_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem, UpdateItem) by IAM.
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], ...ORG_LIFE_PARTITIONS },
    // Members of a branch (attendees, committee, ballots) and the organisation's names, owned by identity.
    DIRECTORY_READ_ACCESS,
    // A suggestion put on an agenda is read, and answered when its task is done, through the suggestion box's
    // own functions (functions/suggestion-box/meeting-loop.ts): its suggestions and their history events.
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], table: ['SUGG#*'] },
    // Server errors per feature, counted by the HTTP stack for the feedback loop.
    FEEDBACK_SIGNAL_ACCESS,
    OUTBOX_ACCESS,
    // Minutes, resolutions and task notes pass the moderation filter, which reads the lexicon in force.
    MODERATION_ACCESS,
    FEATURE_GATE_ACCESS,
  ],
  dataFiles: [...MODERATION_DATA_FILES, ...PDF_DATA_FILES],
  schedules: [
    {
      job: 'remindOrgLife',
      cron: 'cron(0 1 * * ? *)',
      description: 'Daily at 09:00 Beijing time: reminds task owners before due dates and secretaries before a period ends without its meeting',
    },
    { job: 'deliverNotices', cron: 'rate(5 minutes)', description: 'Retries organisation-life notices that WeCom did not take at once' },
  ],
};
