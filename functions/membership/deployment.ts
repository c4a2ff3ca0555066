import { PDF_DATA_FILES } from '../../shared/documents/pdf';
import { OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_MOVE_ACCESS, DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { STUDY_TRANSFER_ACCESS } from '../course-push/member-transfer';
import { DUES_TRANSFER_ACCESS } from '../dues/member-transfer';
import { MEMBERSHIP_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // TransactWriteItems is authorised per contained action (PutItem, UpdateItem, DeleteItem) by IAM.
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], ...MEMBERSHIP_PARTITIONS },
    // Members, branches and their secretaries (owned by identity): read; an accepted transfer moves the profile.
    DIRECTORY_READ_ACCESS,
    DIRECTORY_MOVE_ACCESS,
    // An accepted transfer moves the member's dues items and study records, through those capabilities' own modules.
    DUES_TRANSFER_ACCESS,
    STUDY_TRANSFER_ACCESS,
    OUTBOX_ACCESS,
    // Every route passes the feature gate and counts server errors per feature (the shared HTTP stack).
    FEATURE_GATE_ACCESS,
    FEEDBACK_SIGNAL_ACCESS,
  ],
  // The 介绍信 is printed in Chinese (Noto Sans SC).
  dataFiles: PDF_DATA_FILES,
  secrets: ['MEMBER_CARD_SIGNING_KEY'],
  // The KMS key that makes the data keys of sealed ID numbers (its use is granted by serverless.ts).
  requiredSettings: ['MEMBERSHIP_KMS_KEY_ID'],
  kmsDataKeys: { purpose: 'party-membership' },
  // The nightly record checkpoint reads every chain's head and the roster for the admins: at the group's size
  // (tens of thousands of members) more than the default 10 seconds. Routes stay bounded by the HTTP API's 30.
  timeout: 120,
  schedules: [
    { job: 'remindDeadlines', cron: 'cron(0 0 * * ? *)', description: 'Reminds branch secretaries of joining-the-Party time limits due within the reminder window (08:00 Beijing time)' },
    { job: 'recordCheckpoint', cron: 'cron(55 15 * * ? *)', description: 'Verifies every membership record chain and signs a checkpoint of their heads for the admins (23:55 Asia/Shanghai)' },
    { job: 'deliverNotices', cron: 'rate(5 minutes)', description: 'Retries membership notices that WeCom did not take at once' },
  ],
};
