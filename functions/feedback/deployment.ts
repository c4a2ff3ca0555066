import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { MODERATION_ACCESS } from '../../shared/moderation/lexicon-store';
import { OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { MEMBER_DIRECTORY_INDEX_PARTITIONS } from '../../shared/runtime/table';
import { FEEDBACK_PARTITIONS, RULE_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem, UpdateItem) by IAM.
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], ...FEEDBACK_PARTITIONS },
    { actions: ['dynamodb:DeleteItem'], ...RULE_PARTITIONS },
    // Admins to notify when a guardrail trips (gsi2 MEMBERS and its shards) and the units for the dashboards
    // (gsi1 ORGS), both owned by identity: queried only.
    { actions: ['dynamodb:Query'], table: [], indexes: { gsi1: ['ORGS'], gsi2: MEMBER_DIRECTORY_INDEX_PARTITIONS } },
    OUTBOX_ACCESS,
    MODERATION_ACCESS,
    FEATURE_GATE_ACCESS,
  ],
  dataFiles: MODERATION_DATA_FILES,
  schedules: [
    { job: 'evaluate-rules', cron: 'rate(5 minutes)', description: 'Feedback rules: guardrails pause at once, other rules propose toggle changes' },
    { job: 'refresh-home-usage', cron: 'rate(1 hour)', description: 'Home page order per member category from the last 30 days of usage' },
    { job: 'deliver-notices', cron: 'rate(10 minutes)', description: 'Retries outbound notices that could not be delivered at once' },
  ],
};
