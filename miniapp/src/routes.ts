import type { CapabilityKey } from '@shared/api';

/** Page URLs, one place: pages navigate with these, app.config lists them. */
export const ROUTES = {
  login: '/pages/login/index',
  home: '/pages/index/index',
  me: '/pages/me/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** app.config wants page paths without the leading slash. */
export function toPagePath(route: Route): string {
  return route.slice(1);
}

export function withQuery(route: string, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}

/** Where each home entry leads: the capability's first page, in its sub-package. */
export const CAPABILITY_ENTRY: Record<CapabilityKey, string> = {
  suggestions: '/suggestions/pages/index/index',
  dues: '/dues/pages/index/index',
  signup: '/signup/pages/list/index',
  feedback: '/feedback/pages/index/index',
  courses: '/courses/pages/index/index',
};

/** The AI party-building assistant's sub-package. */
export const ASSISTANT_ROUTES = {
  index: '/assistant/pages/index/index',
  passages: '/assistant/pages/passages/index',
} as const;

/** A member's whole record: my record, the digital card, verifying a card, the secretary's people and transfers. */
export const MEMBERSHIP_ROUTES = {
  index: '/membership/pages/index/index',
  card: '/membership/pages/card/index',
  verify: '/membership/pages/verify/index',
  people: '/membership/pages/people/index',
  person: '/membership/pages/person/index',
  transfers: '/membership/pages/transfers/index',
  history: '/membership/pages/history/index',
} as const;

/** The feedback loop's sub-package: the member's ratings page and the admin pages. */
export const FEEDBACK_ROUTES = {
  index: '/feedback/pages/index/index',
  admin: '/feedback/pages/admin/index',
  dashboard: '/feedback/pages/dashboard/index',
  toggles: '/feedback/pages/toggles/index',
  rules: '/feedback/pages/rules/index',
  proposals: '/feedback/pages/proposals/index',
  audit: '/feedback/pages/audit/index',
  home: '/feedback/pages/home/index',
} as const;

/** Organisation life (组织生活): my meetings, a meeting (check-in, 请假, minutes), planning, the committee's view, tasks. */
export const ORG_LIFE_ROUTES = {
  index: '/orglife/pages/index/index',
  meeting: '/orglife/pages/meeting/index',
  plan: '/orglife/pages/plan/index',
  overview: '/orglife/pages/overview/index',
  tasks: '/orglife/pages/tasks/index',
  appraisal: '/orglife/pages/appraisal/index',
  yearPlan: '/orglife/pages/year-plan/index',
} as const;

/** The sign-up sub-package: activities, registration, check-in (the rotating QR), attendance. */
export const SIGNUP_ROUTES = {
  list: '/signup/pages/list/index',
  detail: '/signup/pages/detail/index',
  edit: '/signup/pages/edit/index',
  checkinQr: '/signup/pages/checkin-qr/index',
  attendance: '/signup/pages/attendance/index',
  report: '/signup/pages/report/index',
} as const;

/** The courses sub-package: recommendations, catalogue, my study hours, branch summary, admin catalogue and push, failed notices. */
export const COURSE_ROUTES = {
  index: '/courses/pages/index/index',
  list: '/courses/pages/list/index',
  detail: '/courses/pages/detail/index',
  study: '/courses/pages/study/index',
  branch: '/courses/pages/branch/index',
  admin: '/courses/pages/admin/index',
  push: '/courses/pages/push/index',
  notices: '/courses/pages/notices/index',
} as const;

/** The dues sub-package: my bills and payment, my ledger entries, the branch summary; finance and secretary pages. */
export const DUES_ROUTES = {
  index: '/dues/pages/index/index',
  bill: '/dues/pages/bill/index',
  ledger: '/dues/pages/ledger/index',
  summary: '/dues/pages/summary/index',
  manage: '/dues/pages/manage/index',
  bases: '/dues/pages/bases/index',
  offline: '/dues/pages/offline/index',
  hardship: '/dues/pages/hardship/index',
  arrears: '/dues/pages/arrears/index',
  reports: '/dues/pages/reports/index',
} as const;

/** The suggestion box sub-package: my suggestions and the form; the review queue, handling and alerts pages. */
export const SUGGESTION_ROUTES = {
  index: '/suggestions/pages/index/index',
  submit: '/suggestions/pages/submit/index',
  mineDetail: '/suggestions/pages/mine/detail',
  review: '/suggestions/pages/review/index',
  handling: '/suggestions/pages/handling/index',
  handlingDetail: '/suggestions/pages/handling/detail',
  alerts: '/suggestions/pages/alerts/index',
} as const;

/** The roster sub-package (花名册) for secretaries and admins: search, and a member's page. */
export const ROSTER_ROUTES = {
  index: '/roster/pages/index/index',
  member: '/roster/pages/member/index',
} as const;

/** The assessment sub-package: the committee's view and drill-down, the scheme, imports, audit; the members' survey. */
export const ASSESSMENT_ROUTES = {
  index: '/assessment/pages/index/index',
  unit: '/assessment/pages/unit/index',
  scheme: '/assessment/pages/scheme/index',
  import: '/assessment/pages/import/index',
  audit: '/assessment/pages/audit/index',
  survey: '/assessment/pages/survey/index',
  surveys: '/assessment/pages/surveys/index',
} as const;
