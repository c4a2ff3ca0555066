import { meetingIdSchema, orgLifeApi as api, orgLifeYearSchema, type AttendanceStatus } from '../../shared/api/org-life';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';
import { appraisalOf, appraisalResults, closeAppraisal, openAppraisal, vote } from './appraisal';
import { askLeave, checkInToMeeting, currentMeetingToken, recordMakeup } from './attendance';
import { editYearPlan, readSettings, saveSettings, yearPlan } from './branch-config';
import { addToAgenda, completeTask, listTasks, remindTasks } from './follow-up';
import { cancelMeeting, editMeeting } from './meeting-changes';
import { listMeetings, meetingDetail, planMeeting, recordMinutes, requireBundle } from './meetings';
import { overview, remindPeriods, yearCsv } from './overview';
import { meetingPdf } from './record-pdf';
import { branchMeetings, myAttendance } from './store';
import { meetingView } from './views';

/** A malformed id names no meeting: the same 404 as an unknown one. */
function meetingIdOf(params: Record<string, string>): string {
  const parsed = meetingIdSchema.safeParse(params.id);
  if (!parsed.success) throw new AppError(404, 'MEETING_NOT_FOUND');
  return parsed.data;
}

function yearOf(params: Record<string, string>): string {
  const parsed = orgLifeYearSchema.safeParse(params.year);
  if (!parsed.success) throw badRequest([{ path: 'params.year', message: '年份格式应为 YYYY' }], '年份格式应为 YYYY');
  return parsed.data;
}

const HALF_YEAR_MS = 183 * 86_400_000;

/** A member's meetings: half a year back and ahead of now. */
const meetingsAround = (branchId: string) => {
  const now = Date.now();
  return branchMeetings(branchId, new Date(now - HALF_YEAR_MS).toISOString(), new Date(now + HALF_YEAR_MS).toISOString());
};

// Literal paths (settings, plans, overview, tasks, appraisals) never collide with `meetings/{id}`.
export const httpHandler = httpApi([
  route(api.getSettings, async ({ caller, query }) => readSettings(caller, query.branchId)),
  route(api.putSettings, async ({ caller, body }) => saveSettings(caller, body)),
  route(api.getPlan, async ({ caller, params, query }) => yearPlan(caller, yearOf(params), query.branchId)),
  route(api.putPlan, async ({ caller, params, body }) => editYearPlan(caller, yearOf(params), body)),
  route(api.overview, async ({ caller, query }) => overview(caller, query)),
  route(api.yearCsv, async ({ caller, query }) => yearCsv(caller, query)),
  route(api.listMeetings, async ({ caller, query }) => {
    const scope = query.scope ?? 'upcoming';
    const { chosen, branchName } = await listMeetings(caller, scope, query.branchId, meetingsAround);
    const mine = await myAttendance(chosen.map((m) => m.id), caller.userId);
    return {
      items: chosen.map((m) => {
        const status: AttendanceStatus | undefined = mine.get(m.id)?.status ?? (Date.parse(m.endAt) < Date.now() && m.attendees.some((a) => a.userId === caller.userId) ? 'absent' : undefined);
        return { meeting: meetingView(m, branchName), ...(status ? { myStatus: status } : {}) };
      }),
    };
  }),
  route(api.planMeeting, async ({ caller, body }) => {
    const { detail, created } = await planMeeting(caller, body);
    return { status: created ? 201 : 200, body: detail };
  }),
  route(api.getMeeting, async ({ caller, params }) => meetingDetail(caller, await requireBundle(meetingIdOf(params)))),
  route(api.editMeeting, async ({ caller, params, body }) => editMeeting(caller, meetingIdOf(params), body)),
  route(api.cancelMeeting, async ({ caller, params, body }) => cancelMeeting(caller, meetingIdOf(params), body.reason)),
  route(api.checkinToken, async ({ caller, params }) => currentMeetingToken(caller, meetingIdOf(params))),
  route(api.checkIn, async ({ caller, params, body }) => checkInToMeeting(caller, meetingIdOf(params), body.token, body.scannedAt)),
  route(api.askLeave, async ({ caller, params, body }) => ({ attendance: await askLeave(caller, meetingIdOf(params), body.reason) })),
  route(api.recordMakeup, async ({ caller, params, body }) => ({ attendance: await recordMakeup(caller, meetingIdOf(params), body.userId, body.note) })),
  route(api.addAgenda, async ({ caller, params, body }) => addToAgenda(caller, meetingIdOf(params), body.suggestionId)),
  route(api.recordMeeting, async ({ caller, params, body }) => recordMinutes(caller, meetingIdOf(params), body)),
  route(api.meetingPdf, async ({ caller, params }) => meetingPdf(caller, meetingIdOf(params))),
  route(api.listTasks, async ({ caller, query }) => ({ items: await listTasks(caller, query) })),
  route(api.closeTask, async ({ caller, params, body }) => completeTask(caller, meetingIdOf(params), params.taskId!, body.note)),
  route(api.openAppraisal, async ({ caller, params, body }) => ({ status: 201, body: await openAppraisal(caller, yearOf(params), body.branchId) })),
  route(api.closeAppraisal, async ({ caller, params, body }) => closeAppraisal(caller, yearOf(params), body.branchId)),
  route(api.getAppraisal, async ({ caller, params }) => appraisalOf(caller, yearOf(params))),
  route(api.castBallot, async ({ caller, params, body }) => ({ status: 201, body: await vote(caller, yearOf(params), body.grades) })),
  route(api.appraisalResults, async ({ caller, params, query }) => appraisalResults(caller, yearOf(params), query.branchId)),
]);

/** HTTP routes and the daily reminders (tasks due, periods ending short) with the notice retries, in one Lambda. */
export const handler = withJobs(httpHandler, {
  remindOrgLife: async () => ({ ...(await remindTasks()), periods: (await remindPeriods()).reminded }),
  deliverNotices: async () => deliverDueNotices(wecomNoticeSender()),
});
