import type { CourseFeatures, MemberProfile } from './types';

/** Whether a course is meant for the member: their category and post are among its targets (empty = everyone). */
export function isEligible(member: Pick<MemberProfile, 'category' | 'postTags'>, course: Pick<CourseFeatures, 'targetCategories' | 'targetPosts'>): boolean {
  const categoryOk = course.targetCategories.length === 0 || course.targetCategories.includes(member.category);
  const postOk = course.targetPosts.length === 0 || course.targetPosts.some((post) => member.postTags.includes(post));
  return categoryOk && postOk;
}
