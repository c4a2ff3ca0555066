/** The five capabilities the home page offers, in their default order. */
export const CAPABILITIES = [
  { key: 'suggestions', title: '意见箱', summary: '提需求、提意见，可匿名' },
  { key: 'dues', title: '党费', summary: '按标准缴纳，账目可查' },
  { key: 'signup', title: '活动报名', summary: '主题党日、志愿活动报名签到' },
  { key: 'feedback', title: '功能反馈', summary: '告诉我们哪些功能好用' },
  { key: 'courses', title: '学习课程', summary: '按岗位推荐的学习内容' },
] as const;
export type CapabilityKey = (typeof CAPABILITIES)[number]['key'];
