import { MODERATION_DATA_FILES } from '../../shared/moderation/data-files';
import { LEXICON_EDIT_ACCESS, MODERATION_ACCESS } from '../../shared/moderation/lexicon-store';
import { OUTBOX_ACCESS, type FunctionDeployment } from '../../shared/runtime/deployment';
import { FEATURE_GATE_ACCESS } from '../../shared/runtime/feature-gate';
import { FEEDBACK_SIGNAL_ACCESS } from '../../shared/runtime/feedback-signals';
import { DIRECTORY_READ_ACCESS } from '../../shared/runtime/member-directory';
import { SUGGESTION_PARTITIONS } from './keys';

export const deployment: FunctionDeployment = {
  table: [
    // suggestions, events, pointers, requests, rate counters, warning counters and alerts (keys.ts)
    { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], ...SUGGESTION_PARTITIONS },
    // Secretaries of a branch for early warnings, a member's WeChat openid for msgSecCheck.
    DIRECTORY_READ_ACCESS,
    MODERATION_ACCESS,
    LEXICON_EDIT_ACCESS,
    OUTBOX_ACCESS,
    FEEDBACK_SIGNAL_ACCESS,
    FEATURE_GATE_ACCESS,
  ],
  dataFiles: MODERATION_DATA_FILES,
  schedules: [{ job: 'deliver-notices', cron: 'rate(5 minutes)', description: 'retry early-warning and handling notices WeCom did not take' }],
  // The default lexicon compiles once per Lambda copy; more memory is more CPU for that cold start.
  memorySize: 1024,
  // Held by this function only: the author-hash key (a deployed stage refuses to run without it), the WeChat
  // app secret and appid of msgSecCheck (needed only while it is on), and the early-warning settings.
  secrets: ['SUGGESTION_AUTHOR_KEY', 'WECHAT_APP_SECRET'],
  requiredSettings: ['WECHAT_APP_ID'],
  environment: {
    SUGGESTION_RATE_LIMIT_PER_HOUR: '${env:SUGGESTION_RATE_LIMIT_PER_HOUR, "10"}',
    EARLY_WARNING_RECIPIENTS: '${env:EARLY_WARNING_RECIPIENTS, ""}',
    MSG_SEC_CHECK_ENABLED: '${env:MSG_SEC_CHECK_ENABLED, "false"}',
  },
};
