/**
 * Every feature that has a toggle: the five capabilities and their notable sub-features.
 * Endpoints name the feature they belong to (Endpoint.feature) so handlers enforce toggles server-side.
 */
export const FEATURES = {
  suggestions: '意见箱',
  'suggestions.anonymous': '匿名提意见',
  dues: '党费',
  'dues.online-payment': '党费在线缴纳',
  signup: '活动报名',
  'signup.qr-checkin': '扫码签到',
  feedback: '功能反馈',
  courses: '学习课程',
  'courses.push': '课程推送',
  'ui.large-text': '大字模式',
} as const;

export type FeatureKey = keyof typeof FEATURES;
export const FEATURE_KEYS = Object.keys(FEATURES) as FeatureKey[];
