import { coursesApi as api } from '../../shared/api/courses';
import { noticesApi } from '../../shared/api/notices';
import { httpApi, route } from '../../shared/runtime/http';
import { runView, unitConsumer } from '../../shared/runtime/fanout';
import { withJobs } from '../../shared/runtime/jobs';
import { startWeeklyPush, weeklyPushUnit } from './push/fanout';
import { wecomNoticeSender } from '../../shared/runtime/outbound';
import { courseFor, createCourse, listCoursesFor, updateCourse } from './catalogue';
import { importCourses } from './catalogue-import';
import { savedSettings, updateSettings } from './course-settings';
import { recordProgress } from './learning';
import { rebuildModel } from './model';
import { listFailedNotices, redriveFailedNotice } from './push/failed-notices';
import { HTTP_BUDGET_MS, pushPreference, resumePushJob, setPushPreference } from './push/jobs';
import { pushReport } from './push/report';
import { reportPushClick } from './push/signals';
import { runWeeklyPush } from './push/weekly-push';
import { recommendFor } from './recommendations';
import { branchStudy, myStudy } from './study-summary';

/** The HTTP routes alone (tests call them as API Gateway would). */
export const httpHandler = httpApi([
  route(api.recommended, async ({ caller, query }) => recommendFor(caller, query.limit ?? 10)),
  route(api.listCourses, async ({ caller, query }) => listCoursesFor(caller, query)),
  route(api.importCourses, async ({ body }) => importCourses(body)),
  route(api.pushSettings, async () => savedSettings()),
  route(api.updatePushSettings, async ({ caller, body }) => updateSettings(body, caller.userId)),
  route(api.runPush, async ({ body }) => runWeeklyPush({ sender: wecomNoticeSender(), week: body.week, budgetMs: HTTP_BUDGET_MS })),
  route(api.pushReport, async () => pushReport()),
  route(api.course, async ({ caller, params }) => courseFor(caller, params.courseId!)),
  route(api.createCourse, async ({ body }) => ({ status: 201, body: { course: await createCourse(body) } })),
  route(api.updateCourse, async ({ params, body }) => ({ course: await updateCourse(params.courseId!, body) })),
  route(api.recordProgress, async ({ caller, body }) => recordProgress(caller, body)),
  route(api.myStudy, async ({ caller, query }) => myStudy(caller, query.year)),
  route(api.branchStudy, async ({ caller, query }) => branchStudy(caller, query)),
  route(api.pushPreference, async ({ caller }) => pushPreference(caller.userId)),
  route(api.setPushPreference, async ({ caller, body }) => setPushPreference(caller.userId, body.enabled)),
  route(api.pushClick, async ({ caller, body }) => ({ recorded: await reportPushClick(caller, body.week, new Date()) })),
  route(noticesApi.failedNotices, async () => listFailedNotices()),
  route(noticesApi.redriveNotice, async ({ caller, body }) => redriveFailedNotice(body.key, caller.userId, wecomNoticeSender())),
]);

export const handler = withJobs(
  httpHandler,
  {
    // Monday: cut the week into units and hand them to the work queue; every ten minutes: finish what stopped
    // short (quiet hours, a lost copy) and retry due notices.
    'course-push-weekly': async () => runView(await startWeeklyPush()),
    'course-push-resume': async () => resumePushJob(wecomNoticeSender()),
    'course-model': async () => rebuildModel(),
  },
  unitConsumer({ 'course-push-weekly': weeklyPushUnit(wecomNoticeSender) }),
);
