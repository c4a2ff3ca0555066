import { activityIdSchema, signupApi as api } from '../../shared/api/signup';
import { AppError } from '../../shared/runtime/app-error';
import { recordUsage } from '../../shared/runtime/feedback-signals';
import { httpApi, route } from '../../shared/runtime/http';
import { withJobs } from '../../shared/runtime/jobs';
import { logger } from '../../shared/runtime/logger';
import type { Caller } from '../../shared/runtime/session';
import { activityDetail, cancelActivity, createActivity, listForMember, listOrganised, myRegistrations, updateActivity } from './activities';
import { activityAttendance, activityAttendanceCsv, branchReport, branchReportCsv } from './attendance';
import { checkIn, currentCheckinToken, markAttendance } from './checkin';
import { deliverPendingNotices } from './delivery';
import { cancelRegistration, register, requireActivity } from './registration';

/** A malformed id names no activity: the same 404 as an unknown one. */
function activityIdOf(params: Record<string, string>): string {
  const parsed = activityIdSchema.safeParse(params.id);
  if (!parsed.success) throw new AppError(404, 'ACTIVITY_NOT_FOUND');
  return parsed.data;
}

/** Usage counters for the feedback loop (per branch and category, never per person); never fail a request. */
function signal(caller: Caller, action: string): Promise<void> {
  return recordUsage({ feature: 'signup', action, branchId: caller.branchId, category: caller.category }).catch((error: unknown) => {
    logger.warn('usage signal lost', { action, reason: error instanceof Error ? error.message : String(error) });
  });
}

// Literal paths (mine, organised, reports) come before `{id}` so they are never read as an activity id.
export const httpHandler = httpApi([
  route(api.listActivities, async ({ caller, query }) => {
    await signal(caller, 'opened');
    return { items: await listForMember(caller, query.scope ?? 'upcoming') };
  }),
  route(api.myRegistrations, async ({ caller }) => ({ items: await myRegistrations(caller) })),
  route(api.organisedActivities, async ({ caller }) => ({ items: await listOrganised(caller) })),
  route(api.branchReport, async ({ caller, query }) => branchReport(caller, query)),
  route(api.branchReportCsv, async ({ caller, query }) => branchReportCsv(caller, query)),
  route(api.createActivity, async ({ caller, body }) => {
    const { detail, created } = await createActivity(caller, body);
    return { status: created ? 201 : 200, body: detail };
  }),
  route(api.getActivity, async ({ caller, params }) => activityDetail(await requireActivity(activityIdOf(params)), caller)),
  route(api.updateActivity, async ({ caller, params, body }) => updateActivity(caller, activityIdOf(params), body)),
  route(api.cancelActivity, async ({ caller, params, body }) => cancelActivity(caller, activityIdOf(params), body.reason)),
  route(api.register, async ({ caller, params, body }) => {
    const answer = await register(activityIdOf(params), caller, body.clientRequestId);
    if (!answer.replayed) await signal(caller, 'action');
    return { status: answer.replayed ? 200 : 201, body: answer };
  }),
  route(api.cancelRegistration, async ({ caller, params }) => ({ registration: await cancelRegistration(activityIdOf(params), caller) })),
  route(api.attendance, async ({ caller, params }) => activityAttendance(caller, activityIdOf(params))),
  route(api.attendanceCsv, async ({ caller, params }) => activityAttendanceCsv(caller, activityIdOf(params))),
  route(api.markAttendance, async ({ caller, params, body }) => ({
    member: await markAttendance(caller, activityIdOf(params), params.userId!, body.attended),
  })),
  route(api.checkinToken, async ({ caller, params }) => currentCheckinToken(caller, activityIdOf(params))),
  route(api.checkIn, async ({ caller, params, body }) => {
    const answer = await checkIn(caller, activityIdOf(params), body.token);
    if (!answer.alreadyCheckedIn) await signal(caller, 'completed');
    return answer;
  }),
]);

/** HTTP routes and the scheduled retry of notices, in one Lambda. */
export const handler = withJobs(httpHandler, {
  deliverNotices: async () => deliverPendingNotices(),
});
