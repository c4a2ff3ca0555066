import { JIEBA_DICTIONARY_FILE } from './recommender/dictionary';
import { JOB_RUN_ACCESS, OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS, USAGE_TOTALS_READ_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { COURSE_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        // Catalogue imports, progress and push assignment are transactions of Puts/Updates/ConditionChecks.
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
        // Model parts and demo history.
        'dynamodb:BatchWriteItem',
      ],
      ...COURSE_PARTITIONS,
    },
    // Members to push to and their branches; push clicks as usage signals, and usage totals for reports.
    DIRECTORY_READ_ACCESS,
    FEEDBACK_SIGNAL_ACCESS,
    USAGE_TOTALS_READ_ACCESS,
    OUTBOX_ACCESS,
    JOB_RUN_ACCESS,
    FEATURE_GATE_ACCESS,
  ],
  dataFiles: [JIEBA_DICTIONARY_FILE],
  schedules: [
    { job: 'course-push-weekly', cron: 'cron(0 1 ? * MON *)', description: 'Weekly course push, Mondays 09:00 Asia/Shanghai' },
    { job: 'course-push-resume', cron: 'rate(10 minutes)', description: 'Finishes an interrupted weekly push and retries due outbox notices' },
    { job: 'course-model', cron: 'cron(30 18 * * ? *)', description: 'Relearns co-completion and branch trends, 02:30 Asia/Shanghai' },
  ],
  // The weekly push's units (≤ 1,000 members each) on the work queue: at most 4 at once, so 4 × the paced 10
  // notices/s stays within WeCom's ~41 calls/s for the corporation (push.sendRatePerSecond, docs/domain.md).
  workQueue: { batchSize: 1, maximumConcurrency: 4, maxReceives: 3 },
  // The weekly job ranks every member's courses in one run (see bench:recommend for its time and memory).
  memorySize: 1024,
  timeout: 900,
  // Chinese word segmentation (@node-rs/jieba) is a native module: shipped beside the bundle, not inside it.
  nativeModules: ['@node-rs/jieba'],
};
