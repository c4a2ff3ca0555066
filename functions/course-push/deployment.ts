import { JIEBA_DICTIONARY_FILE } from './recommender/dictionary';
import { OUTBOX_TABLE_ACTIONS, type FunctionDeployment } from '../../shared/runtime/deployment';

export const deployment: FunctionDeployment = {
  tableActions: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    // Catalogue imports, progress and push assignment are transactions of Puts/Updates/ConditionChecks.
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
    // Model parts and demo history.
    'dynamodb:BatchWriteItem',
    ...OUTBOX_TABLE_ACTIONS,
  ],
  schedules: [
    { job: 'course-push-weekly', cron: 'cron(0 1 ? * MON *)', description: 'Weekly course push, Mondays 09:00 Asia/Shanghai' },
    { job: 'course-push-resume', cron: 'rate(10 minutes)', description: 'Finishes an interrupted weekly push and retries due outbox notices' },
    { job: 'course-model', cron: 'cron(30 18 * * ? *)', description: 'Relearns co-completion and branch trends, 02:30 Asia/Shanghai' },
  ],
  // The weekly job ranks every member's courses in one run (see bench:recommend for its time and memory).
  memorySize: 1024,
  timeout: 900,
  // Chinese word segmentation (@node-rs/jieba) is a native module: shipped beside the bundle, not inside it.
  nativeModules: ['@node-rs/jieba'],
  // Its dictionary, compact (recommender/dictionary.ts); the package's own dict.txt and idf.txt stay out.
  dataFiles: [JIEBA_DICTIONARY_FILE],
};
