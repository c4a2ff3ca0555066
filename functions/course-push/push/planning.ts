import type { CourseSettings } from '../../../shared/api/courses';
import { profileOf, type Recommender } from '../recommendations';
import type { StoredRecord } from '../store/learning-store';
import type { PushPlan, PushState, UnitMember } from '../store/push-store';
import { contentHash } from './notice-content';

const DAY_MS = 86_400_000;

/** Whether the frequency caps allow pushing the member now. */
export function withinCaps(state: PushState, settings: CourseSettings['push'], now: Date): boolean {
  const ages = state.pushedAt.map((at) => (now.getTime() - Date.parse(at)) / DAY_MS);
  if (ages.some((age) => age < settings.minDaysBetweenPushes)) return false;
  return ages.filter((age) => age < 30).length < settings.maxPushesPer30Days;
}

/** One member's plan for the week: skipped (and why) or the courses to push. */
export function planFor(
  member: UnitMember,
  state: PushState,
  records: readonly StoredRecord[],
  context: { week: string; settings: CourseSettings['push']; recommender: Recommender; now: Date },
): PushPlan {
  const base = { week: context.week, userId: member.userId, branchId: member.branchId, category: member.category, items: [], contentHash: '' };
  if (state.optOut) return { ...base, status: 'skipped', skipReason: 'optedOut' };
  if (!withinCaps(state, context.settings, context.now)) return { ...base, status: 'skipped', skipReason: 'frequencyCap' };
  const items = context.recommender
    .recommend(profileOf(member), records, context.now, context.settings.itemsPerNotice)
    .map((item) => ({ courseId: item.course.courseId, title: item.course.title, kind: item.kind }));
  if (items.length === 0) return { ...base, status: 'skipped', skipReason: 'nothingToRecommend' };
  return { ...base, status: 'planned', items, contentHash: contentHash(items) };
}

/** The push history to store when the member is included in a notice now (older than 60 days is dropped). */
export function nextPushedAt(state: PushState, now: Date): string[] {
  return [...state.pushedAt.filter((at) => now.getTime() - Date.parse(at) < 60 * DAY_MS), now.toISOString()];
}
