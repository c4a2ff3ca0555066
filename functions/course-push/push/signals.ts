import { recordUsage, type UsageSignal } from '../../../shared/runtime/feedback-signals';
import { logger } from '../../../shared/runtime/logger';
import type { Caller } from '../../../shared/runtime/session';
import { previousWeeks } from '../calendar';
import { markClicked, plansOf, type PushPlan } from '../store/push-store';

/**
 * What the course push tells the feedback loop (feature 'courses.push'): pushes sent, pushes opened,
 * pushed courses completed — so its click-through and completion rates show in the loop's metrics.
 * Counters are aggregates per branch and category, never per person; a failed counter never fails the member's request.
 */
async function signal(usage: UsageSignal): Promise<void> {
  try {
    await recordUsage(usage);
  } catch (error) {
    logger.warn('usage signal not recorded', { feature: usage.feature, action: usage.action, reason: error instanceof Error ? error.message : String(error) });
  }
}

/** A completion of a course the member was pushed in the last four weeks counts for the push. */
const ATTRIBUTION_WEEKS = 4;

export async function reportCompletion(caller: Caller, courseId: string, now: Date): Promise<void> {
  const where = { branchId: caller.branchId, category: caller.category, at: now };
  await signal({ feature: 'courses', action: 'completed', ...where });
  const plans = await plansOf(caller.userId, previousWeeks(now, ATTRIBUTION_WEEKS));
  if (plans.some((plan) => plan.noticeKey && plan.items.some((item) => item.courseId === courseId))) {
    await signal({ feature: 'courses.push', action: 'completed', ...where });
  }
}

/** Records the member opening a week's push (once per member and week). */
export async function reportPushClick(caller: Caller, week: string, now: Date): Promise<boolean> {
  const outcome = await markClicked(week, caller.userId, now);
  if (outcome === 'recorded') await signal({ feature: 'courses.push', action: 'push-click', branchId: caller.branchId, category: caller.category, at: now });
  return outcome === 'recorded';
}

/** Counts recipients of a queued notice, grouped the way the feedback loop aggregates. */
export async function reportPushSent(plans: readonly PushPlan[], now: Date): Promise<void> {
  const groups = new Map<string, { branchId: string; category: PushPlan['category']; count: number }>();
  for (const plan of plans) {
    const key = `${plan.branchId}#${plan.category}`;
    const group = groups.get(key) ?? { branchId: plan.branchId, category: plan.category, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  for (const group of groups.values()) await signal({ feature: 'courses.push', action: 'push-sent', ...group, at: now });
}
