import { AppError } from '../../../shared/runtime/app-error';
import { logger } from '../../../shared/runtime/logger';
import { deliverDueNotices, type NoticeSender } from '../../../shared/runtime/outbound';
import { inQuietHours, isoWeekOf } from '../calendar';
import { currentSettings } from '../course-settings';
import { getPushState, getRun, setOptOut } from '../store/push-store';
import { runWeeklyPush } from './weekly-push';

/** A scheduled run stops starting new work well before the function's 15-minute limit; the resume job goes on. */
export const JOB_BUDGET_MS = 12 * 60_000;
/** An admin's trigger answers within API Gateway's 30 seconds; the resume job finishes a large run. */
export const HTTP_BUDGET_MS = 20_000;

/** The weekly schedule: this week's push (a second delivery of the event finds the run busy or done). */
export async function weeklyPushJob(sender: NoticeSender, now = new Date()) {
  try {
    return await runWeeklyPush({ sender, now, budgetMs: JOB_BUDGET_MS });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PUSH_RUN_BUSY') return { busy: true };
    throw error;
  }
}

/** Every few minutes: finish this week's run if it stopped (crash, budget, quiet hours), then retry due notices. */
export async function resumePushJob(sender: NoticeSender, now = new Date()) {
  const week = isoWeekOf(now);
  const run = await getRun(week);
  const resumed = run && run.status !== 'done' ? await weeklyPushJob(sender, now) : undefined;
  const quiet = inQuietHours(now, (await currentSettings(now.getTime())).push.quietHours);
  const retried = quiet ? { waiting: 'quiet hours' } : await deliverDueNotices(sender, { due: now });
  logger.info('course push resume', { week, resumed: resumed !== undefined, quiet });
  return { resumed, retried };
}

export async function pushPreference(userId: string): Promise<{ enabled: boolean }> {
  return { enabled: !(await getPushState(userId)).optOut };
}

export async function setPushPreference(userId: string, enabled: boolean, now = new Date()): Promise<{ enabled: boolean }> {
  await setOptOut(userId, !enabled, now);
  return { enabled };
}
