import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { LEXICON_EDIT_TABLE_ACTIONS, MODERATION_TABLE_ACTIONS } from '../../shared/moderation/lexicon-store';
import { OUTBOX_TABLE_ACTIONS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEEDBACK_SIGNAL_TABLE_ACTIONS } from '../../shared/runtime/feedback-signals';

export const deployment: FunctionDeployment = {
  tableActions: [
    // suggestions, events, pointers, requests, rate counters, warning counters and alerts (keys.ts)
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:Query',
    ...MODERATION_TABLE_ACTIONS,
    ...LEXICON_EDIT_TABLE_ACTIONS,
    ...OUTBOX_TABLE_ACTIONS,
    ...FEEDBACK_SIGNAL_TABLE_ACTIONS,
  ],
  dataFiles: MODERATION_DATA_FILES,
  schedules: [{ job: 'deliver-notices', cron: 'rate(5 minutes)', description: 'retry early-warning and handling notices WeCom did not take' }],
  // The default lexicon compiles once per Lambda copy; more memory is more CPU for that cold start.
  memorySize: 1024,
  // Held by this function only: the author-hash key (a deployed stage refuses to run without it) and the
  // early-warning and msgSecCheck settings.
  environment: {
    SUGGESTION_AUTHOR_KEY: '${env:SUGGESTION_AUTHOR_KEY, ""}',
    SUGGESTION_RATE_LIMIT_PER_HOUR: '${env:SUGGESTION_RATE_LIMIT_PER_HOUR, "10"}',
    EARLY_WARNING_RECIPIENTS: '${env:EARLY_WARNING_RECIPIENTS, ""}',
    MSG_SEC_CHECK_ENABLED: '${env:MSG_SEC_CHECK_ENABLED, "false"}',
    WECHAT_APP_ID: '${env:WECHAT_APP_ID, ""}',
    WECHAT_APP_SECRET: '${env:WECHAT_APP_SECRET, ""}',
  },
};
