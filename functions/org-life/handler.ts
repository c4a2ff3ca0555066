import { orgLifeApi as api, type AttendanceStatus } from '../../shared/api/org-life';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { deliverDueNotices, wecomNoticeSender } from '../../shared/runtime/outbound';
import { appraisalOf, appraisalResults, openAppraisal, vote } from './appraisal';
import { askLeave, checkInToMeeting, currentMeetingToken, recordMakeup } from './attendance';
import { editYearPlan, readSettings, saveSettings, yearPlan } from './branch-config';
import { addToAgenda, completeTask, listTasks, remindTasks } from './follow-up';
import { listMeetings, meetingDetail, planMeeting, recordMinutes, requireBundle } from './meetings';
import { overview, remindPeriods, yearCsv } from './overview';
import { meetingPdf } from './record-pdf';
import { branchMeetings, myAttendance } from './store';
import { meetingView } from './views';

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
  route(api.getPlan, async ({ caller, params, query }) => yearPlan(caller, params.year!, query.branchId)),
  route(api.putPlan, async ({ caller, params, body }) => editYearPlan(caller, params.year!, body)),
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
  route(api.getMeeting, async ({ caller, params }) => meetingDetail(caller, await requireBundle(params.id!))),
  route(api.checkinToken, async ({ caller, params }) => currentMeetingToken(caller, params.id!)),
  route(api.checkIn, async ({ caller, params, body }) => checkInToMeeting(caller, params.id!, body.token)),
  route(api.askLeave, async ({ caller, params, body }) => ({ attendance: await askLeave(caller, params.id!, body.reason) })),
  route(api.recordMakeup, async ({ caller, params, body }) => ({ attendance: await recordMakeup(caller, params.id!, body.userId, body.note) })),
  route(api.addAgenda, async ({ caller, params, body }) => addToAgenda(caller, params.id!, body.suggestionId)),
  route(api.recordMeeting, async ({ caller, params, body }) => recordMinutes(caller, params.id!, body)),
  route(api.meetingPdf, async ({ caller, params }) => meetingPdf(caller, params.id!)),
  route(api.listTasks, async ({ caller, query }) => ({ items: await listTasks(caller, query) })),
  route(api.closeTask, async ({ caller, params, body }) => completeTask(caller, params.id!, params.taskId!, body.note)),
  route(api.openAppraisal, async ({ caller, params, body }) => ({ status: 201, body: await openAppraisal(caller, params.year!, body.branchId) })),
  route(api.getAppraisal, async ({ caller, params }) => appraisalOf(caller, params.year!)),
  route(api.castBallot, async ({ caller, params, body }) => ({ status: 201, body: await vote(caller, params.year!, body.grades) })),
  route(api.appraisalResults, async ({ caller, params, query }) => appraisalResults(caller, params.year!, query.branchId)),
]);

/** HTTP routes and the daily reminders (tasks due, periods ending short) with the notice retries, in one Lambda. */
export const handler = withJobs(httpHandler, {
  remindOrgLife: async () => ({ ...(await remindTasks()), periods: (await remindPeriods()).reminded }),
  deliverNotices: async () => deliverDueNotices(wecomNoticeSender()),
});
