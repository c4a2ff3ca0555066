import { ASSESSMENT_ROUTES, ASSISTANT_ROUTES, COURSE_ROUTES, DUES_ROUTES, FEEDBACK_ROUTES, MEMBERSHIP_ROUTES, ORG_LIFE_ROUTES, ROSTER_ROUTES, ROUTES, SIGNUP_ROUTES, SUGGESTION_ROUTES, toPagePath } from './routes';

export default defineAppConfig({
  // The first page is the entry: login decides whether to go on to home.
  pages: [toPagePath(ROUTES.login), toPagePath(ROUTES.home), toPagePath(ROUTES.me)],
  subPackages: [
    // The feedback loop: ratings for members, dashboards and toggles for admins (charts stay out of the main package).
    { root: 'feedback', pages: Object.values(FEEDBACK_ROUTES).map((route) => route.slice('/feedback/'.length)) },
    // Activity sign-up: lists, detail, the organiser's form, rotating QR, attendance and branch report.
    { root: 'signup', pages: Object.values(SIGNUP_ROUTES).map((route) => route.slice('/signup/'.length)) },
    // Courses: recommendations with reasons, catalogue, study hours; branch summary and admin catalogue/push pages.
    { root: 'courses', pages: Object.values(COURSE_ROUTES).map((route) => route.slice('/courses/'.length)) },
    // Party dues: my bills, payment and ledger entries; bases, offline payments, arrears and reports for finance and secretaries.
    { root: 'dues', pages: Object.values(DUES_ROUTES).map((route) => route.slice('/dues/'.length)) },
    // The suggestion box: submit and my suggestions; the review queue, handling and early-warning pages.
    { root: 'suggestions', pages: Object.values(SUGGESTION_ROUTES).map((route) => route.slice('/suggestions/'.length)) },
    // Organisation life (组织生活): meetings, check-in, 请假, minutes; the secretary's planning, record and follow-up.
    { root: 'orglife', pages: Object.values(ORG_LIFE_ROUTES).map((route) => route.slice('/orglife/'.length)) },
    // The roster (花名册) for secretaries and admins: search by name, pinyin or initials; a member's page.
    { root: 'roster', pages: Object.values(ROSTER_ROUTES).map((route) => route.slice('/roster/'.length)) },
    // The AI party-building assistant: questions answered from the rule passages and the member's own data.
    { root: 'assistant', pages: Object.values(ASSISTANT_ROUTES).map((route) => route.slice('/assistant/'.length)) },
    // Party-building assessment × business results: the committee's charts, scheme, imports, evaluation; the survey.
    { root: 'assessment', pages: Object.values(ASSESSMENT_ROUTES).map((route) => route.slice('/assessment/'.length)) },
    // A member's whole record (党员档案): joining steps, transfers, the digital member card and its offline check.
    { root: 'membership', pages: Object.values(MEMBERSHIP_ROUTES).map((route) => route.slice('/membership/'.length)) },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '智慧党建',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
    // The mini-program draws its title bar itself; in H5 Taro draws one only when asked: the page's title and
    // a back arrow, as a member who came from WeCom's mini-program expects.
    navigationStyle: 'default',
  },
  // H5 page transitions off: steadier screenshots and less motion for older members.
  animation: false,
});
