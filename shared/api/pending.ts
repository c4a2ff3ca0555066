import type { FunctionName } from './contract';

/**
 * Capabilities whose functions are deployed but not built yet: every route under their
 * prefixes answers 501 NOT_AVAILABLE_YET with the error contract until their issue lands.
 */
export const PENDING_CAPABILITIES: ReadonlyArray<{ fn: FunctionName; label: string; prefixes: readonly string[] }> = [
  { fn: 'suggestionBox', label: '意见箱', prefixes: ['/api/v1/suggestions', '/api/v1/moderation'] },
  { fn: 'dues', label: '党费', prefixes: ['/api/v1/dues'] },
  { fn: 'signup', label: '活动报名', prefixes: ['/api/v1/activities'] },
  { fn: 'feedback', label: '需求反馈', prefixes: ['/api/v1/events', '/api/v1/toggles', '/api/v1/feedback'] },
  { fn: 'coursePush', label: '课程推送', prefixes: ['/api/v1/courses', '/api/v1/learning'] },
];
